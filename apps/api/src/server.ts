// Entry point: validate config, bring up dependencies, build the app, listen, and close cleanly on signals.
import Fastify from 'fastify';
import closeWithGrace from 'close-with-grace';
import app, { fastifyOptions } from './app.ts';
import { bootstrap } from './bootstrap.ts';
import { ConfigError, loadConfig } from './config.ts';
import { listenToChannel } from '@care-assist/db';
import { createRetention } from './modules/retention/retention.ts';
import { createRetentionRepository } from './modules/retention/repository.ts';
import { startMailCatcher, type MailCatcher } from './modules/email/dev-catcher.ts';

async function main() {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }

  // Outside production, no SMTP server means the in-process catcher: mail is readable on a loopback page.
  let catcher: MailCatcher | undefined;
  if (!config.email.smtpUrl && config.env !== 'production') {
    catcher = await startMailCatcher({ webPort: config.email.catcherPort });
    config = { ...config, email: { ...config.email, smtpUrl: catcher.smtpUrl } };
  }

  const server = Fastify(fastifyOptions(config));
  if (catcher) {
    server.log.info({ mailCatcher: catcher.webUrl }, `e-mail is not sent: read it at ${catcher.webUrl}`);
    server.addHook('onClose', () => catcher.close());
  } else if (!config.email.smtpUrl) {
    server.log.warn('SMTP_URL is not set: e-mail stays in the outbox and is not sent');
  }
  const runtime = await bootstrap(config, server.log);
  await server.register(app, { config, db: runtime.db, search: runtime.search });

  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) server.log.error({ err }, 'closing after an error');
    else server.log.info({ signal }, 'shutting down');
    await server.close();
    await runtime.close();
  });

  try {
    const sync = await server.modules.directory.syncSearchIndex();
    server.log.info(sync, sync.rebuilt ? 'search index rebuilt from the database' : 'search index up to date');
  } catch (err) {
    server.log.error({ err }, 'could not sync the search index; search answers from Postgres until it can');
  }

  server.modules.searchSync.start(1000, (err) => server.log.warn({ err }, 'search outbox drain failed; will retry'));
  // Commits that queue a search change NOTIFY search_outbox: drain at once instead of on the next poll.
  const stopListening = await listenToChannel(runtime.db.pool, {
    channel: 'search_outbox',
    onNotify: () => server.modules.searchSync.wake(),
    onError: (err) => server.log.warn({ err }, 'search outbox listener lost its connection; reconnecting'),
  });
  server.addHook('onClose', stopListening);

  // Publishes update their own service at once and queue their rating group's recompute: do it right after.
  server.modules.ratingGroups.start(500, (err) =>
    server.log.warn({ err }, 'rating group recompute failed; will retry'),
  );

  server.modules.outcomeScheduler.start(60 * 60_000, (err, sent) => {
    if (err) server.log.warn({ err }, 'could not send due outcomes questionnaires; will retry');
    else if (sent) server.log.info({ sent }, 'outcomes questionnaires sent');
  });

  server.modules.email.start(config.email.pollSeconds * 1000, (err) =>
    server.log.warn({ err }, 'e-mail delivery failed; will retry'),
  );

  // The moderators' daily digest: checked hourly; the first process past the day's mark sends it.
  const digestTimer = setInterval(() => {
    server.modules.moderationDigest().catch((err: unknown) => server.log.warn({ err }, 'moderation digest failed'));
  }, 60 * 60_000);
  digestTimer.unref();
  server.addHook('onClose', async () => clearInterval(digestTimer));

  const retention = createRetention({
    db: runtime.db.db,
    retention: createRetentionRepository(runtime.db.db),
    policy: config.retention,
    clock: () => new Date(),
  });
  const stopRetention = retention.schedule(config.retention.intervalMinutes * 60_000, (result) => {
    if (result instanceof Error) server.log.warn({ err: result }, 'retention purge failed; will retry');
    else if (result.ran) server.log.info({ purged: result }, 'retention purge done');
  });
  server.addHook('onClose', async () => stopRetention());

  await server.listen({ host: config.host, port: config.port });
}

void main();
