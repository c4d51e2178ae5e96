/**
 * Notifications benchmark: a vote opening fanned out to 10,000 owners. From the repository root:
 *
 *   npx tsx packages/server/bench/notifications.bench.ts [--owners 10000] [--trials 3]
 *   YISHI_TEST_PG=$(bench/pg-server.sh start) npx tsx packages/server/bench/notifications.bench.ts
 *
 * The demo neighbourhood's compound 翠苑 gets a roster of `owners` more flats, each with its own
 * owner (imported through the roster API), and every owner an account with an e-mail address
 * (written straight into the table: setting up 10,000 accounts is not what is measured). Then, in
 * the same run and alternating (a warm-up pair first, not counted):
 *
 * 1. Opening a vote for the whole compound (openVote: freezing the electorate, then the notices)
 *    with notifications switched off (YISHI_NOTIFICATIONS=off, the reference) and on. The ratio of
 *    the medians is the figure the issue asks for: at most 2.
 * 2. The enqueue alone: enqueueNotifications for the opened vote inside a transaction (then rolled
 *    back, so nothing is sent twice) — the share of the opening that is notifications — with, in the
 *    same transaction, the notices its fan-out row owes (written by the worker after an opening's
 *    commit since 20270104090000; timed together, as the notices' cost wherever they are written).
 * 3. Delivery: after each opening with notifications, the outbox worker writes the notices and the SMS
 *    and e-mail rows they owe (writeFanouts, timed on its own), then its batches (drainNotifications,
 *    the loop the running worker does) send every SMS (to the development log sender, discarding the
 *    lines) and every e-mail to a real SMTP server in this process (smtp-server), counted on receipt.
 *
 * SQL statements per opening are counted too (a Kysely plugin over the same connection).
 */
import { beijingClock, beijingInstant, createVoteSchema } from '@yishi/core';
import type { KyselyPlugin } from 'kysely';
import { loadConfig } from '../src/config.js';
import { newId } from '../src/db/ids.js';
import type { Deps } from '../src/deps.js';
import { SmtpMailSender } from '../src/notify/mail-sender.js';
import { RobotSender } from '../src/notify/robot-sender.js';
import { loadActor } from '../src/services/auth.service.js';
import { drainNotifications, writeFanouts } from '../src/services/notification-worker.js';
import { enqueueNotifications, writeOwedVoteNotices } from '../src/services/notifications.service.js';
import { createVote, openVote } from '../src/services/votes.service.js';
import { LogSmsSender } from '../src/sms/log-sms-sender.js';
import { bigRoster } from '../src/testing/big-roster.js';
import { startTestSmtpServer } from '../src/testing/smtp-test-server.js';
import { createTestApp } from '../src/testing/test-app.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const OWNERS = arg('owners', 10_000);
const TRIALS = arg('trials', 3);

const smtp = await startTestSmtpServer();
const t = await createTestApp({
  config: {
    notifications: { ...loadConfig({}).notifications, mail: { url: smtp.url, from: '议事平台 <yishi@bench.example>' }, smsDailyCap: 1_000, worker: false },
    publicUrl: 'https://yishi.bench.example',
  },
});
// 10:00 Beijing time, moving on with the real clock: outside quiet hours, so nothing waits for the morning.
const base = beijingInstant(beijingClock(new Date()).date, 10 * 60).getTime();
const started = Date.now();
t.deps.clock = () => new Date(base + (Date.now() - started));

let statements = 0;
// Counted as they come back: a subquery is built through the plugin too, but is no statement of its own.
const counter: KyselyPlugin = {
  transformQuery: (args) => args.node,
  transformResult: async (args) => {
    statements++;
    return args.result;
  },
};
t.deps.db = t.deps.db.withPlugin(counter);

const cy = await t.compoundId('CY');
const cookie = await t.login('cuiyuan');
const imported = await t.app.request(`/api/compounds/${cy}/roster`, {
  method: 'POST',
  headers: { cookie, 'content-type': 'text/csv' },
  body: bigRoster(OWNERS),
});
if (imported.status !== 200) throw new Error(`roster import: ${imported.status} ${await imported.text()}`);

// An account with an e-mail address for every owner of the imported flats.
const persons = await t.deps.db
  .selectFrom('persons as p')
  .innerJoin('ownerships as o', 'o.person_id', 'p.id')
  .innerJoin('units as u', 'u.id', 'o.unit_id')
  .leftJoin('users as a', 'a.person_id', 'p.id')
  .select(['p.id', 'p.phone', 'p.name'])
  .distinct()
  .where('u.compound_id', '=', cy)
  .where('a.id', 'is', null)
  .execute();
const nowIso = t.deps.clock().toISOString();
for (let i = 0; i < persons.length; i += 1000) {
  await t.deps.db
    .insertInto('users')
    .values(
      persons.slice(i, i + 1000).map((p, j) => ({
        id: newId(),
        person_id: p.id,
        username: null,
        phone: p.phone,
        display_name: p.name,
        password_hash: '',
        locale: 'zh-CN',
        disabled: 0,
        created_at: nowIso,
        activated_at: nowIso,
        privacy_consent_at: nowIso,
        privacy_notice_version: '1',
        email: `owner${i + j}@bench.example`,
      })),
    )
    .execute();
}

const actorRow = await t.deps.db.selectFrom('users').select('id').where('username', '=', 'cuiyuan').executeTakeFirstOrThrow();
const actor = (await loadActor(t.deps, actorRow.id))!;
const off: Deps = { ...t.deps, config: { ...t.deps.config, notifications: { ...t.deps.config.notifications, enabled: false } } };
const mail = new SmtpMailSender(t.deps.config.notifications.mail!, { maxConnections: t.deps.config.notifications.concurrency });
const channels = { sms: new LogSmsSender(() => undefined), mail, robots: new RobotSender({ allowedHosts: [] }) };

interface Opening {
  ms: number;
  statements: number;
  electorate: number;
}

async function opening(deps: Deps, n: number): Promise<{ voteId: string } & Opening> {
  const input = createVoteSchema.parse({
    title: `第${n}次表决：是否增设充电桩`,
    kind: 'yes_no',
    rule: { kind: 'simple_majority' },
    closesAt: new Date(deps.clock().getTime() + 3 * 86_400_000).toISOString(),
  });
  const { id } = await createVote(deps, actor, cy, input);
  statements = 0;
  const start = performance.now();
  await openVote(deps, id, actor);
  const ms = performance.now() - start;
  const count = statements;
  const electorate = (await t.deps.db.selectFrom('vote_electorate').select('unit_id').where('vote_id', '=', id).execute()).length;
  return { voteId: id, ms, statements: count, electorate };
}

/** enqueueNotifications for the vote inside a transaction that is then rolled back: the enqueue's own time. */
async function enqueueAlone(voteId: string): Promise<{ ms: number; statements: number; recipients: number; deliveries: number }> {
  let figures = { ms: 0, statements: 0, recipients: 0, deliveries: 0 };
  const rollback = new Error('rollback');
  try {
    await t.deps.db.transaction().execute(async (trx) => {
      statements = 0;
      const start = performance.now();
      const result = await enqueueNotifications(trx, t.deps, { kind: 'vote_opened', voteId });
      const fanout = await trx.selectFrom('notification_fanouts').selectAll().where('event_id', '=', result.eventId!).executeTakeFirstOrThrow();
      const recipients = await writeOwedVoteNotices(trx, { ...fanout, notices_json: fanout.notices_json! });
      figures = { ms: performance.now() - start, statements, recipients, deliveries: result.deliveries };
      throw rollback;
    });
  } catch (error) {
    if (error !== rollback) throw error;
  }
  return figures;
}

async function delivery(): Promise<{ owedMs: number; owed: number; ms: number; sent: number; emails: number; sms: number }> {
  smtp.received.length = 0;
  // The worker's first step: the SMS and e-mail rows the roll's notices owe.
  const owedStart = performance.now();
  const owed = await writeFanouts(t.deps);
  const owedMs = performance.now() - owedStart;
  const before = await t.deps.db.selectFrom('notification_deliveries').select(['channel']).where('status', '=', 'pending').execute();
  const start = performance.now();
  const sent = await drainNotifications(t.deps, channels);
  const ms = performance.now() - start;
  const left = await t.deps.db.selectFrom('notification_deliveries').select('id').where('status', '=', 'pending').execute();
  if (left.length > 0) throw new Error(`${left.length} deliveries still pending`);
  if (smtp.received.length !== before.filter((d) => d.channel === 'email').length) throw new Error(`the SMTP server received ${smtp.received.length} e-mails`);
  return { owedMs, owed, ms, sent, emails: smtp.received.length, sms: before.filter((d) => d.channel === 'sms').length };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const fmt = (ms: number) => `${ms.toFixed(0)} ms`;

// Warm-up pair (JIT, page cache), not counted.
await opening(off, 0);
await opening(t.deps, 0);
await delivery();

const without: Opening[] = [];
const withNotices: Opening[] = [];
const enqueues: Array<Awaited<ReturnType<typeof enqueueAlone>>> = [];
const deliveries: Array<Awaited<ReturnType<typeof delivery>>> = [];
for (let trial = 1; trial <= TRIALS; trial++) {
  // Alternate which goes first, so neither always follows the other's writes.
  const order = trial % 2 === 1 ? ['off', 'on'] : ['on', 'off'];
  for (const which of order) {
    if (which === 'off') without.push(await opening(off, trial));
    else {
      const opened = await opening(t.deps, trial);
      withNotices.push(opened);
      enqueues.push(await enqueueAlone(opened.voteId));
      deliveries.push(await delivery());
    }
  }
}

const n = (value: number) => Math.round(value).toLocaleString('en');
const electorate = withNotices[0]!.electorate;
const offMs = median(without.map((o) => o.ms));
const onMs = median(withNotices.map((o) => o.ms));
const enqueueMs = median(enqueues.map((e) => e.ms));
const deliveryMs = median(deliveries.map((d) => d.ms));
const last = deliveries.at(-1)!;
const e = enqueues.at(-1)!;
console.log(`Yishi notifications benchmark — ${new Date().toISOString()}, node ${process.version}, ${t.dialect === 'postgres' ? 'PostgreSQL' : 'SQLite'}`);
console.log(`command: npx tsx packages/server/bench/notifications.bench.ts${process.argv.length > 2 ? ` ${process.argv.slice(2).join(' ')}` : ''}`);
console.log(`a vote of ${n(electorate)} units (${n(e.recipients)} owners with accounts and e-mail), ${TRIALS} trials each, medians:`);
console.log(`  opening without notifications  ${fmt(offMs)}   (${without.map((o) => fmt(o.ms)).join(', ')}; ${without[0]!.statements} statements)`);
console.log(`  opening with notifications     ${fmt(onMs)}   (${withNotices.map((o) => fmt(o.ms)).join(', ')}; ${withNotices[0]!.statements} statements)`);
console.log(`  ratio with / without           ${(onMs / offMs).toFixed(2)}`);
console.log(`  the enqueue alone              ${fmt(enqueueMs)}   (${n(e.recipients)} notices, ${e.statements} statements)`);
console.log(`  enqueue / opening without      ${(enqueueMs / offMs).toFixed(2)}`);
console.log(
  `the worker writing the fan-out (${n(last.owed)} rows: the notices and the SMS and e-mail rows they owe): ${fmt(median(deliveries.map((d) => d.owedMs)))} (${deliveries.map((d) => fmt(d.owedMs)).join(', ')})`,
);
console.log(
  `delivery of one opening: ${n(last.sent)} messages (${n(last.sms)} SMS to the log sender, ${n(last.emails)} e-mails received by the SMTP server) in ${fmt(deliveryMs)}` +
    ` = ${n(last.sent / (deliveryMs / 1000))} messages/s, ${n(last.emails / (deliveryMs / 1000))} e-mails/s (concurrency ${t.deps.config.notifications.concurrency})`,
);

mail.close();
await t.close();
await smtp.close();
