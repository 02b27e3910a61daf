// The bench's writes through the real API: 100 budget accepts at once and then every invoice paid twice at once
// (a double click), spread over two API processes, checked against the ledger afterwards (no overspend, nothing
// paid twice); and how long a moderator waits to publish a review in the largest rating group.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { createSigner } from 'fast-jwt';
import { budgetFigures, type LedgerEntryKind, type UserRole } from '@care-assist/domain';
import { percentile, send } from './load.ts';

export interface MoneyResult {
  accepts: { requests: number; seconds: number; perSecond: number; accepted: number; refused: number };
  payments: { requests: number; seconds: number; perSecond: number; paid: number };
  /** Pence committed and paid beyond the allocation: must be 0. */
  overspendPence: number;
  /** Invoices with more than one payment entry: must be 0. */
  paidTwice: number;
  unexpectedStatuses: number[];
}

export interface PublishResult {
  groupServices: number;
  groupReviews: number;
  samples: number;
  p50: number;
  p95: number;
}

const WEEKLY_PENCE = 10_000;
const WEEKS = 4;

/** People made straight in the bench database, each with an access token the bench APIs accept. */
async function benchPeople(db: pg.Client, jwtSecret: string) {
  const sign = createSigner({ key: jwtSecret, algorithm: 'HS256', expiresIn: 3_600_000 });
  const run = randomUUID().slice(0, 8);
  const person = async (role: UserRole, name: string) => {
    const { rows } = await db.query<{ id: string }>(
      // Established, verified accounts: new accounts writing reviews from one address are held back as a burst.
      `insert into users (email, password_hash, display_name, role, email_verified_at, created_at)
       values ($1, 'bench-no-password', $2, $3, now(), now() - interval '1 year') returning id`,
      [`bench-${role}-${run}-${randomUUID().slice(0, 6)}@example.test`, name, role],
    );
    const id = rows[0]!.id;
    return { id, headers: { authorization: `Bearer ${sign({ sub: id, role })}` } };
  };
  return { person, run };
}

type Person = Awaited<ReturnType<Awaited<ReturnType<typeof benchPeople>>['person']>>;

async function call(origin: string, who: Person, method: 'GET' | 'POST', path: string, body?: unknown) {
  const res = await send(origin, {
    path,
    method,
    headers: {
      ...who.headers,
      ...(method === 'POST' && { 'idempotency-key': randomUUID() }),
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: res.body ? (JSON.parse(res.body) as Record<string, unknown>) : {} };
}

async function ok(origin: string, who: Person, method: 'GET' | 'POST', path: string, body?: unknown) {
  const res = await call(origin, who, method, path, body);
  if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(res.json)}`);
  return res.json;
}

export async function benchMoney(db: pg.Client, origins: [string, string], jwtSecret: string): Promise<MoneyResult> {
  const [a, b] = origins;
  const { person, run } = await benchPeople(db, jwtSecret);
  const admin = await person('admin', 'Bench Admin');
  const holder = await person('resident', 'Bench Holder');
  const provider = await person('provider', 'Bench Provider');
  const { rows } = await db.query<{ service_id: string; organisation_id: string }>(
    `select id as service_id, organisation_id from services
      where status = 'published' and 'home_care' = any(care_types) and 'personal_budget' = any(funding_accepted)
      order by id limit 1`,
  );
  const service = rows[0]!;
  await db.query(`insert into organisation_members (organisation_id, user_id, role) values ($1, $2, 'owner')`, [
    service.organisation_id,
    provider.id,
  ]);
  const { rows: holderRows } = await db.query<{ email: string }>(`select email from users where id = $1`, [holder.id]);
  // Room for 60 of the 100: the other 40 accepts must be refused, not overspent.
  const allocated = 60 * WEEKLY_PENCE * WEEKS;
  const budget = await ok(a, admin, 'POST', '/api/v1/budgets', {
    holderEmail: holderRows[0]!.email,
    councilReference: `BENCH-${run}`,
    startsOn: '2026-04-01',
    endsOn: '2027-03-31',
    allocatedPence: allocated,
  });
  const today = new Date().toISOString().slice(0, 10);
  const quoted: { id: string; accept: object }[] = [];
  for (let i = 0; i < 100; i++) {
    const booking = await ok(a, holder, 'POST', '/api/v1/bookings', {
      serviceId: service.service_id,
      careType: 'home_care',
      hoursPerWeek: 4,
      startDate: today,
      durationWeeks: WEEKS,
    });
    const quote = (await ok(a, provider, 'POST', `/api/v1/bookings/${String(booking.id)}/quote`, {
      weeklyPence: WEEKLY_PENCE,
      startDate: today,
      terms: 'Bench terms.',
    })) as { quote: { weeklyPence: number; quotedAt: string } };
    quoted.push({
      id: String(booking.id),
      accept: { funding: 'budget', quotedWeeklyPence: quote.quote.weeklyPence, quotedAt: quote.quote.quotedAt },
    });
  }

  const unexpected: number[] = [];
  let started = performance.now();
  const accepts = await Promise.all(
    quoted.map((q, i) => call(i % 2 ? b : a, holder, 'POST', `/api/v1/bookings/${q.id}/accept`, q.accept)),
  );
  const acceptSeconds = (performance.now() - started) / 1000;
  unexpected.push(...accepts.map((r) => r.status).filter((s) => s !== 200 && s !== 409));
  const accepted = quoted.filter((_, i) => accepts[i]!.status === 200);

  const invoiceIds: string[] = [];
  for (const booking of accepted.slice(0, 50)) {
    await ok(a, provider, 'POST', `/api/v1/bookings/${booking.id}/start`);
    const invoiced = (await ok(a, provider, 'POST', `/api/v1/bookings/${booking.id}/invoices`, {
      periodStart: today,
      periodEnd: today,
      hours: 4,
      amountPence: WEEKLY_PENCE,
    })) as { invoices: { id: string }[] };
    const invoiceId = invoiced.invoices[0]!.id;
    await ok(a, holder, 'POST', `/api/v1/invoices/${invoiceId}/approve`);
    invoiceIds.push(invoiceId);
  }
  started = performance.now();
  const payments = await Promise.all(
    invoiceIds.flatMap((id) => [a, b].map((origin) => call(origin, holder, 'POST', `/api/v1/invoices/${id}/pay`))),
  );
  const paySeconds = (performance.now() - started) / 1000;
  unexpected.push(...payments.map((r) => r.status).filter((s) => s !== 200 && s !== 409));

  const { rows: entries } = await db.query<{
    kind: LedgerEntryKind;
    amount_pence: string; // bigint
    booking_id: string | null;
    invoice_id: string | null;
  }>(`select kind, amount_pence, booking_id, invoice_id from budget_ledger where budget_account_id = $1`, [
    String(budget.id),
  ]);
  const figures = budgetFigures(
    entries.map((e) => ({ kind: e.kind, amountPence: Number(e.amount_pence), bookingId: e.booking_id })),
  );
  const paymentInvoices = entries.filter((e) => e.kind === 'payment').map((e) => e.invoice_id);
  return {
    accepts: {
      requests: accepts.length,
      seconds: acceptSeconds,
      perSecond: accepts.length / acceptSeconds,
      accepted: accepted.length,
      refused: accepts.filter((r) => r.status === 409).length,
    },
    payments: {
      requests: payments.length,
      seconds: paySeconds,
      perSecond: payments.length / paySeconds,
      paid: new Set(paymentInvoices).size,
    },
    overspendPence: Math.max(0, figures.committedPence + figures.paidPence - figures.allocatedPence),
    paidTwice: paymentInvoices.length - new Set(paymentInvoices).size,
    unexpectedStatuses: unexpected,
  };
}

/**
 * A moderator publishing a review in the largest care-type-and-county group: the request's whole time, which
 * includes recomputing that group's ratings.
 */
export async function benchPublish(db: pg.Client, origin: string, jwtSecret: string): Promise<PublishResult> {
  const { person } = await benchPeople(db, jwtSecret);
  const moderator = await person('moderator', 'Bench Moderator');
  const { rows: groups } = await db.query<{ county: string; care_type: string; n: number; reviews: number }>(
    `select s.county, s.care_types[1] as care_type, count(distinct s.id)::int as n, count(r.id)::int as reviews
       from services s left join reviews r on r.service_id = s.id and r.status = 'published'
      where s.status = 'published' group by 1, 2 order by n desc limit 1`,
  );
  const group = groups[0]!;
  const { rows: members } = await db.query<{ id: string }>(
    // Services no review reached today: a second run on the same database would otherwise add its reviews to the
    // first run's and trip the burst check (several reviews of one service in a short time), holding them back.
    `select id from services s where status = 'published' and county = $1 and care_types[1] = $2
        and not exists (select 1 from reviews r where r.service_id = s.id and r.created_at > now() - interval '1 day')
      order by id limit 10`,
    [group.county, group.care_type],
  );
  const times: number[] = [];
  for (const [i, member] of members.entries()) {
    const author = await person('resident', `Bench Reviewer ${i}`);
    const review = await ok(origin, author, 'POST', '/api/v1/reviews', {
      serviceId: member.id,
      relationship: 'family',
      overall: 1 + (i % 5),
      categories: { quality_of_care: 4, staff: 4, reliability: 4 },
      periodMonth: 10,
      periodYear: 2026,
      title: 'Visits as planned',
      body: 'The carers arrive when they say they will, and they are kind and patient with my mother.',
      consent: true,
    });
    const started = performance.now();
    await ok(origin, moderator, 'POST', `/api/v1/moderation/reviews/${String(review.id)}/decision`, {
      decision: 'publish',
    });
    times.push(performance.now() - started);
  }
  times.sort((x, y) => x - y);
  return {
    groupServices: group.n,
    groupReviews: group.reviews,
    samples: times.length,
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
  };
}
