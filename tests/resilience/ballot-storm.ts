/**
 * A ballot storm against a real server process that is killed with SIGKILL part-way: many owners,
 * each on their own session, change their ballot on the seeded open vote again and again over HTTP.
 * Every answer the server acknowledged (201 with a receipt) is recorded; the process is killed once
 * `killAfterAcks` acknowledgements have come back, restarted on the same database, and the caller gets
 * what was sent, what was acknowledged and what the restarted server holds.
 */
import { randomBytes } from 'node:crypto';
import { voteEndpoints, type VoteView } from '@yishi/core';
import { hashToken } from '../../packages/server/src/services/auth.service.js';
import { openDatabase } from '@yishi/server';
import { ApiClient, readAllPages, spawnServer, type ChildServer } from '../support/child-server.js';

export const OPEN_VOTE_TITLE = '利用小区共有场地建设电动自行车充电棚';

export interface Cast {
  choice: string;
  /** The receipt of an acknowledged ballot; null when the answer never came (the process died). */
  receipt: string | null;
}

export interface Voter {
  username: string;
  unitId: string;
  cookie: string;
  casts: Cast[];
}

export interface StormOutcome {
  voteId: string;
  voters: Voter[];
  acknowledged: number;
  sent: number;
  /** Ballot rows of the open vote before the storm (the seeded neighbours), by unit. */
  seededUnits: Set<string | null>;
  /** After the restart: the counted ballot per unit and the kept replacements. */
  rows: Array<{ id: string; unit_id: string | null; receipt_code: string; choices_json: string; version: number }>;
  history: Array<{ receipt_code: string; ballot_id: string }>;
  ballotIdToUnit: Map<string, string | null>;
  /** The vote as the restarted server reports it after closing. */
  detail: VoteView;
  /** The restarted server still takes ballots: an owner outside the storm casts one. */
  afterRestartStatus: number;
  latecomerUnit: string;
  /** The receipts list the server publishes after closing. */
  publishedReceipts: string[];
}

/** Accounts with sessions for `n` single-unit owners of 都市春天 who have no account and no ballot yet. */
async function createVoters(dbPath: string, voteId: string, n: number, tag: string): Promise<Voter[]> {
  const { db } = openDatabase(dbPath);
  try {
    const compound = await db.selectFrom('votes').select('compound_id').where('id', '=', voteId).executeTakeFirstOrThrow();
    const rows = await db
      .selectFrom('ownerships')
      .innerJoin('units', 'units.id', 'ownerships.unit_id')
      .leftJoin('users', 'users.person_id', 'ownerships.person_id')
      .leftJoin('ballots', (join) => join.onRef('ballots.unit_id', '=', 'units.id').on('ballots.vote_id', '=', voteId))
      .select(['ownerships.person_id as personId', 'ownerships.unit_id as unitId', 'ballots.id as ballotId'])
      .where('units.compound_id', '=', compound.compound_id)
      .where('users.id', 'is', null)
      .orderBy('ownerships.unit_id')
      .execute();
    const units = new Map<string, number>();
    for (const r of rows) units.set(r.personId, (units.get(r.personId) ?? 0) + 1);
    const owners = new Map<string, number>();
    for (const r of rows) owners.set(r.unitId, (owners.get(r.unitId) ?? 0) + 1);
    const picked = rows.filter((r) => units.get(r.personId) === 1 && owners.get(r.unitId) === 1 && r.ballotId === null).slice(0, n);
    if (picked.length < n) throw new Error(`only ${picked.length} owners without an account and a ballot`);
    const now = new Date();
    const iso = now.toISOString();
    const later = new Date(now.getTime() + 86_400_000).toISOString();
    const voters: Voter[] = [];
    for (const [i, r] of picked.entries()) {
      const userId = `storm-${tag}-${i}`;
      await db
        .insertInto('users')
        .values({
          id: userId,
          person_id: r.personId,
          username: `storm${tag}${i}`,
          phone: null,
          display_name: `业主${i}`,
          password_hash: 'x',
          locale: 'zh-CN',
          disabled: 0,
          created_at: iso,
        })
        .execute();
      const token = randomBytes(32).toString('base64url');
      await db
        .insertInto('sessions')
        .values({ id: hashToken(token), user_id: userId, created_at: iso, expires_at: later, absolute_expires_at: later, last_seen_at: iso })
        .execute();
      voters.push({ username: `storm${tag}${i}`, unitId: r.unitId, cookie: `yishi_session=${token}`, casts: [] });
    }
    return voters;
  } finally {
    await db.destroy();
  }
}

/**
 * Starts a server on `dbPath` (seeding it when new), runs the storm, kills the process with SIGKILL
 * after `killAfterAcks` acknowledged ballots, restarts it, closes the vote and reads back what survived. `track` gets
 * every spawned server so the caller's teardown can kill whatever is still running.
 */
export async function ballotStormCrash(options: {
  dbPath: string;
  voters: number;
  ballotsPerVoter: number;
  killAfterAcks: number;
  tag: string;
  track: (server: ChildServer) => void;
}): Promise<StormOutcome> {
  const first = await spawnServer({ dbPath: options.dbPath });
  options.track(first);
  const { db } = openDatabase(options.dbPath);
  let voteId: string;
  let seededUnits: Set<string | null>;
  try {
    voteId = (await db.selectFrom('votes').select('id').where('title', '=', OPEN_VOTE_TITLE).where('status', '=', 'open').executeTakeFirstOrThrow()).id;
    seededUnits = new Set((await db.selectFrom('ballots').select('unit_id').where('vote_id', '=', voteId).execute()).map((r) => r.unit_id));
  } finally {
    await db.destroy();
  }
  const voters = await createVoters(options.dbPath, voteId, options.voters + 1, options.tag);
  const latecomer = voters.pop()!;

  let acknowledged = 0;
  let sent = 0;
  const choices = ['yes', 'no', 'abstain'];
  const storm = voters.map(async (voter, v) => {
    const client = new ApiClient(first.url);
    client.cookie = voter.cookie;
    for (let i = 0; i < options.ballotsPerVoter; i++) {
      const cast: Cast = { choice: choices[(v + i) % choices.length]!, receipt: null };
      voter.casts.push(cast);
      sent++;
      try {
        const answer = await client.api(voteEndpoints.castBallot, { params: { voteId }, body: { unitId: voter.unitId, choices: [cast.choice] } });
        if (!answer.ok) throw new Error(`ballot refused: ${answer.status} ${JSON.stringify(answer.error)}`);
        cast.receipt = answer.data.receiptCode;
        acknowledged++;
        if (acknowledged === options.killAfterAcks) first.child.kill('SIGKILL');
      } catch (error) {
        if (!first.child.killed && first.child.exitCode === null) throw error;
        return; // the process died: this ballot's fate is unknown, and this owner stops
      }
    }
  });
  await Promise.all(storm);
  await first.exited;
  if (first.child.signalCode !== 'SIGKILL') throw new Error(`the storm ended before the kill (acknowledged ${acknowledged} of ${sent})`);

  const second = await spawnServer({ dbPath: options.dbPath });
  options.track(second);
  // The restarted server still takes ballots (an owner who sat the storm out), then the vote is
  // closed so the server publishes its tally and the receipts list.
  const late = new ApiClient(second.url);
  late.cookie = latecomer.cookie;
  const afterRestart = await late.api(voteEndpoints.castBallot, { params: { voteId }, body: { unitId: latecomer.unitId, choices: ['yes'] } });
  const staff = await new ApiClient(second.url).login('zhanzhang');
  await staff.ok(voteEndpoints.close, { params: { voteId } });
  const detail = await staff.ok(voteEndpoints.get, { params: { voteId } });
  const published = await readAllPages((after) => staff.ok(voteEndpoints.receipts, { params: { voteId }, query: { after, limit: 200 } }));
  const reader = openDatabase(options.dbPath);
  try {
    const rows = await reader.db
      .selectFrom('ballots')
      .select(['id', 'unit_id', 'receipt_code', 'choices_json', 'version'])
      .where('vote_id', '=', voteId)
      .execute();
    const history = await reader.db.selectFrom('ballot_history').select(['receipt_code', 'ballot_id']).where('vote_id', '=', voteId).execute();
    return {
      voteId,
      voters,
      latecomerUnit: latecomer.unitId,
      acknowledged,
      sent,
      seededUnits,
      rows,
      history,
      ballotIdToUnit: new Map(rows.map((r) => [r.id, r.unit_id])),
      detail,
      publishedReceipts: published.map((r) => r.receiptCode),
      afterRestartStatus: afterRestart.status,
    };
  } finally {
    await reader.db.destroy();
  }
}

/**
 * What must hold after the restart: every acknowledged ballot is either the counted one for its unit
 * or, replaced by a later ballot of the same owner, kept in the history; the counted ballot is the
 * last acknowledged one or the one in flight at the kill; nothing beyond what was sent exists; and
 * the server's own count agrees.
 */
export function checkStormSurvived(outcome: StormOutcome): string[] {
  const problems: string[] = [];
  const rowByUnit = new Map(outcome.rows.map((r) => [r.unit_id, r]));
  const historyReceipts = new Set(outcome.history.map((h) => h.receipt_code));
  for (const voter of outcome.voters) {
    const row = rowByUnit.get(voter.unitId);
    const acked = voter.casts.filter((c) => c.receipt !== null);
    const lastAckIndex = voter.casts.findLastIndex((c) => c.receipt !== null);
    const inFlight = voter.casts[lastAckIndex + 1] ?? null; // sent, no answer: may or may not have committed
    const keptForUnit = outcome.history.filter((h) => outcome.ballotIdToUnit.get(h.ballot_id) === voter.unitId).length;
    if (!row) {
      if (acked.length > 0) problems.push(`${voter.username}: ${acked.length} acknowledged, no ballot after restart`);
      continue;
    }
    const counted = JSON.parse(row.choices_json) as string[];
    const lastAck = acked.at(-1);
    if (lastAck && row.receipt_code === lastAck.receipt) {
      if (counted[0] !== lastAck.choice) problems.push(`${voter.username}: counted ${counted[0]} under receipt of ${lastAck.choice}`);
    } else if (inFlight && counted[0] === inFlight.choice) {
      if (lastAck && !historyReceipts.has(lastAck.receipt!))
        problems.push(`${voter.username}: replaced acknowledged ballot ${lastAck.receipt} not in the history`);
    } else {
      problems.push(`${voter.username}: counted ballot ${row.receipt_code} (${counted[0]}) is neither the last acknowledged nor the one in flight`);
    }
    for (const cast of acked.slice(0, -1)) {
      if (!historyReceipts.has(cast.receipt!)) problems.push(`${voter.username}: acknowledged ballot ${cast.receipt} lost`);
    }
    // Versions: one per committed ballot; at most what was sent, at least what was acknowledged.
    if (row.version !== keptForUnit + 1) problems.push(`${voter.username}: version ${row.version} but ${keptForUnit} kept replacements`);
    if (row.version < acked.length || row.version > voter.casts.length)
      problems.push(`${voter.username}: ${row.version} committed of ${voter.casts.length} sent, ${acked.length} acknowledged`);
  }
  const stormUnits = new Set<string | null>(outcome.voters.map((v) => v.unitId));
  for (const row of outcome.rows) {
    if (!stormUnits.has(row.unit_id) && !outcome.seededUnits.has(row.unit_id) && row.unit_id !== outcome.latecomerUnit)
      problems.push(`ballot for unit ${String(row.unit_id)} that nobody sent`);
  }
  const result = outcome.detail.result;
  if (!result) problems.push('no result published after closing');
  else if (result.participation.ballots !== outcome.rows.length)
    problems.push(`server counts ${result.participation.ballots} ballots, ${outcome.rows.length} rows`);
  const byOption = new Map<string, number>();
  for (const row of outcome.rows) for (const c of JSON.parse(row.choices_json) as string[]) byOption.set(c, (byOption.get(c) ?? 0) + 1);
  for (const option of result?.options ?? []) {
    if (option.ballots !== (byOption.get(option.id) ?? 0))
      problems.push(`option ${option.id}: server counts ${option.ballots}, rows say ${byOption.get(option.id) ?? 0}`);
  }
  const published = [...outcome.publishedReceipts].sort();
  const receipts = outcome.rows.map((r) => r.receipt_code).sort();
  if (JSON.stringify(published) !== JSON.stringify(receipts))
    problems.push(`published receipts (${published.length}) differ from the counted ballots (${receipts.length})`);
  if (outcome.afterRestartStatus !== 201) problems.push(`after the restart a ballot was answered ${outcome.afterRestartStatus}`);
  return problems;
}
