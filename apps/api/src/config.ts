// Configuration is read from the environment once, here, validated, and passed down as a plain object.
import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';

const EnvSchema = Type.Object({
  NODE_ENV: Type.Union([Type.Literal('development'), Type.Literal('production'), Type.Literal('test')], {
    default: 'development',
  }),
  API_HOST: Type.String({ default: '127.0.0.1' }),
  API_PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 3001 }),
  WEB_ORIGIN: Type.String({ default: 'http://localhost:3000' }),
  DATA_DIR: Type.String({ default: './data' }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  /**
   * Or the server's parts, so a password needs no URL-encoding (docker-compose passes these). Used when
   * DATABASE_URL is unset and PGHOST is set.
   */
  PGHOST: Type.Optional(Type.String()),
  PGPORT: Type.Integer({ minimum: 1, maximum: 65535, default: 5432 }),
  PGUSER: Type.String({ default: 'postgres' }),
  PGPASSWORD: Type.Optional(Type.String()),
  PGDATABASE: Type.String({ default: 'care_assist' }),
  /** Port of the embedded PostgreSQL (no DATABASE_URL); a free loopback port when unset. */
  PG_PORT: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535 })),
  MEILI_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  MEILI_MASTER_KEY: Type.Optional(Type.String()),
  /** A key scoped to the API's index (see `search:key`); the API uses it instead of the master key. */
  MEILI_API_KEY: Type.Optional(Type.String()),
  MEILI_INDEX: Type.String({ default: 'services' }),
  JWT_SECRET: Type.Optional(Type.String({ minLength: 32 })),
  /** Salt for the hashed network a review came from; derived from the JWT secret when not set. */
  REVIEW_IP_SALT: Type.Optional(Type.String({ minLength: 16 })),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
  SEED_DEMO_DATA: Type.Boolean({ default: false }),
  RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, default: 600 }),
  AUTH_RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, default: 20 }),
  /** Reviews, reports and questions one person (or address) may submit per hour. */
  REVIEW_RATE_LIMIT_PER_HOUR: Type.Integer({ minimum: 1, default: 20 }),
  /** Reviews per hour from one network by accounts less than a day old (sign-up → sign-in → review bursts). */
  NEW_ACCOUNT_REVIEWS_PER_NETWORK_PER_HOUR: Type.Integer({ minimum: 1, default: 5 }),
  /** Requests per minute one client may make to the public open data and Open Referral endpoints. */
  OPEN_DATA_RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, default: 120 }),
  /**
   * Redis for state that several API processes must share (the rate-limit counters). Unset: counters live in
   * each process's memory, which is right for one process and lets N processes each allow the limit.
   */
  REDIS_URL: Type.Optional(Type.String({ pattern: '^rediss?://' })),
  COOKIE_SECURE: Type.Optional(Type.Boolean()),
  /**
   * Which direct callers may tell us the client's address in X-Forwarded-For: the web server, which calls
   * the API for every resident. Fastify syntax: 'loopback', or comma-separated addresses/CIDR ranges.
   */
  TRUST_PROXY: Type.String({ default: 'loopback' }),
  /**
   * Bearer token a Prometheus scraper sends to GET /metrics. Without it, /metrics answers only callers on this
   * machine (the socket's address, never X-Forwarded-For); with it, only callers presenting it.
   */
  METRICS_TOKEN: Type.Optional(Type.String({ minLength: 16 })),
  /** Retention (see modules/retention): how long each kind of short-lived data is kept, and how often to purge. */
  RETENTION_SEARCH_EVENT_DAYS: Type.Integer({ minimum: 1, default: 730 }),
  RETENTION_OUTBOX_DAYS: Type.Integer({ minimum: 1, default: 7 }),
  RETENTION_IDEMPOTENCY_DAYS: Type.Integer({ minimum: 1, default: 30 }),
  RETENTION_EMAIL_DAYS: Type.Integer({ minimum: 1, default: 30 }),
  /** Financial records: six years after the end of the financial year (HMRC, Limitation Act 1980). */
  RETENTION_FINANCIAL_YEARS: Type.Integer({ minimum: 1, default: 6 }),
  RETENTION_INTERVAL_MINUTES: Type.Integer({ minimum: 1, default: 360 }),
  /** The council's brokerage fee on each paid invoice, in percent. */
  BROKERAGE_FEE_PERCENT: Type.Number({ minimum: 0, maximum: 100, default: 2.5 }),
  /**
   * Where e-mail goes: smtp://user:pass@host:587 (STARTTLS) or smtps://...:465. Unset outside production, the API
   * starts a local mail catcher instead (see modules/email/dev-catcher.ts); unset in production, nothing is sent.
   */
  SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://' })),
  MAIL_FROM: Type.String({ default: 'Care Assist <no-reply@care-assist.invalid>' }),
  /** The council that runs this Care Assist, named in every e-mail and on the privacy page. */
  COUNCIL_NAME: Type.String({ minLength: 1, default: 'Essex County Council' }),
  /** Loopback port of the development mail catcher's web page (no SMTP_URL, not production); 0 picks a free one. */
  MAIL_CATCHER_PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 1080 }),
  /** Password-reset, verification and change-of-address e-mails one address, or one network, may ask for per hour. */
  EMAIL_REQUESTS_PER_ADDRESS_PER_HOUR: Type.Integer({ minimum: 1, default: 5 }),
  EMAIL_REQUESTS_PER_NETWORK_PER_HOUR: Type.Integer({ minimum: 1, default: 30 }),
  /** Seconds between runs of the e-mail worker. */
  EMAIL_POLL_SECONDS: Type.Integer({ minimum: 1, default: 5 }),
  /** How often the council insight summaries are rebuilt, in minutes; 0 turns the schedule off. */
  INSIGHT_REFRESH_MINUTES: Type.Integer({ minimum: 0, maximum: 1440, default: 15 }),
});
type Env = Static<typeof EnvSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  host: string;
  port: number;
  webOrigin: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Port for the embedded PostgreSQL when there is no databaseUrl. */
  pgPort: number | undefined;
  /** apiKey: MEILI_API_KEY (scoped), else MEILI_MASTER_KEY. */
  meili: { url: string | undefined; masterKey: string | undefined; apiKey: string | undefined; indexName: string };
  jwtSecret: string;
  /** Salt for hashing the network a review was submitted from (the address itself is never stored). */
  reviewIpSalt: string;
  logLevel: Env['LOG_LEVEL'];
  seedDemoData: boolean;
  rateLimit: {
    perMinute: number;
    authPerMinute: number;
    reviewsPerHour: number;
    newAccountReviewsPerNetworkPerHour: number;
    openDataPerMinute: number;
  };
  redisUrl: string | undefined;
  cookieSecure: boolean;
  trustProxy: string;
  metricsToken: string | undefined;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  brokerageFeePercent: number;
  retention: {
    searchEventDays: number;
    processedOutboxDays: number;
    idempotencyKeyDays: number;
    emailDays: number;
    financialRecordYears: number;
    intervalMinutes: number;
  };
  insightRefreshMinutes: number;
  emailRequestLimits: { perAddressPerHour: number; perNetworkPerHour: number };
  email: {
    smtpUrl: string | undefined;
    from: string;
    councilName: string;
    catcherPort: number;
    pollSeconds: number;
  };
}

export class ConfigError extends Error {}

export function loadConfig(source: Record<string, string | undefined>): Config {
  // Empty strings in .env files mean "not set".
  const raw = withSecretFiles(
    Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== '')),
  );
  const candidate = Value.Convert(EnvSchema, Value.Default(EnvSchema, Value.Clean(EnvSchema, { ...raw })));
  if (!Value.Check(EnvSchema, candidate)) {
    const problems = [...Value.Errors(EnvSchema, candidate)].map((e) => `${e.instancePath || '/'} ${e.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const env = candidate;
  const dataDir = path.resolve(env.DATA_DIR);
  if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
    throw new ConfigError('JWT_SECRET (at least 32 characters) is required in production');
  }
  const jwtSecret = env.JWT_SECRET ?? localJwtSecret(dataDir);
  return {
    env: env.NODE_ENV,
    host: env.API_HOST,
    port: env.API_PORT,
    webOrigin: env.WEB_ORIGIN,
    dataDir,
    databaseUrl: env.DATABASE_URL ?? databaseUrlFromParts(env),
    pgPort: env.PG_PORT,
    meili: {
      url: env.MEILI_URL,
      masterKey: env.MEILI_MASTER_KEY,
      apiKey: env.MEILI_API_KEY ?? env.MEILI_MASTER_KEY,
      indexName: env.MEILI_INDEX,
    },
    jwtSecret,
    reviewIpSalt: env.REVIEW_IP_SALT ?? createHmac('sha256', jwtSecret).update('review-network-salt').digest('hex'),
    logLevel: env.LOG_LEVEL,
    seedDemoData: env.SEED_DEMO_DATA,
    redisUrl: env.REDIS_URL,
    rateLimit: {
      perMinute: env.RATE_LIMIT_PER_MINUTE,
      authPerMinute: env.AUTH_RATE_LIMIT_PER_MINUTE,
      reviewsPerHour: env.REVIEW_RATE_LIMIT_PER_HOUR,
      newAccountReviewsPerNetworkPerHour: env.NEW_ACCOUNT_REVIEWS_PER_NETWORK_PER_HOUR,
      openDataPerMinute: env.OPEN_DATA_RATE_LIMIT_PER_MINUTE,
    },
    cookieSecure: env.COOKIE_SECURE ?? env.NODE_ENV === 'production',
    trustProxy: env.TRUST_PROXY,
    metricsToken: env.METRICS_TOKEN,
    accessTokenTtlSeconds: 15 * 60,
    refreshTokenTtlDays: 30,
    brokerageFeePercent: env.BROKERAGE_FEE_PERCENT,
    retention: {
      searchEventDays: env.RETENTION_SEARCH_EVENT_DAYS,
      processedOutboxDays: env.RETENTION_OUTBOX_DAYS,
      idempotencyKeyDays: env.RETENTION_IDEMPOTENCY_DAYS,
      emailDays: env.RETENTION_EMAIL_DAYS,
      financialRecordYears: env.RETENTION_FINANCIAL_YEARS,
      intervalMinutes: env.RETENTION_INTERVAL_MINUTES,
    },
    insightRefreshMinutes: env.INSIGHT_REFRESH_MINUTES,
    emailRequestLimits: {
      perAddressPerHour: env.EMAIL_REQUESTS_PER_ADDRESS_PER_HOUR,
      perNetworkPerHour: env.EMAIL_REQUESTS_PER_NETWORK_PER_HOUR,
    },
    email: {
      smtpUrl: env.SMTP_URL,
      from: env.MAIL_FROM,
      councilName: env.COUNCIL_NAME,
      catcherPort: env.MAIL_CATCHER_PORT,
      pollSeconds: env.EMAIL_POLL_SECONDS,
    },
  };
}

/** Secrets that may come from a file named by `<NAME>_FILE` (Docker and Kubernetes secrets) instead. */
export const FILE_SECRETS = [
  'DATABASE_URL',
  'PGPASSWORD',
  'JWT_SECRET',
  'MEILI_MASTER_KEY',
  'MEILI_API_KEY',
  'REVIEW_IP_SALT',
  'METRICS_TOKEN',
  'SMTP_URL',
] as const;

function withSecretFiles(raw: Record<string, string | undefined>): Record<string, string | undefined> {
  const result = { ...raw };
  for (const name of FILE_SECRETS) {
    const file = raw[`${name}_FILE`];
    if (!file) continue;
    if (raw[name]) throw new ConfigError(`Set ${name} or ${name}_FILE, not both`);
    try {
      result[name] = readFileSync(file, 'utf8').trim();
    } catch {
      throw new ConfigError(`${name}_FILE: cannot read ${file}`);
    }
  }
  return result;
}

function databaseUrlFromParts(env: Env): string | undefined {
  if (!env.PGHOST) return undefined;
  const password = env.PGPASSWORD ? `:${encodeURIComponent(env.PGPASSWORD)}` : '';
  const host = env.PGHOST.includes(':') ? `[${env.PGHOST}]` : env.PGHOST;
  return `postgres://${encodeURIComponent(env.PGUSER)}${password}@${host}:${env.PGPORT}/${encodeURIComponent(env.PGDATABASE)}`;
}

/**
 * Outside production a secret is generated once and kept under DATA_DIR, so `npm start` needs no setup
 * and sessions survive a restart. Production must pass JWT_SECRET.
 */
function localJwtSecret(dataDir: string): string {
  const file = path.join(dataDir, 'jwt-secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(48).toString('base64url');
    writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}
