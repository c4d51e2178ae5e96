/**
 * Crash during a ballot storm: 30 owners change their ballot on the open vote again and again over
 * HTTP; the server process is killed with SIGKILL after 60 acknowledged ballots and restarted on the
 * same database. Every acknowledged ballot is still there (counted, or kept as a replaced
 * version), nothing beyond what was sent exists, and the server's tally agrees with the rows.
 */
import { describe, expect, it } from 'vitest';
import { crashTestDatabase } from '../support/database.js';
import { ballotStormCrash, checkStormSurvived } from './ballot-storm.js';

const database = crashTestDatabase({ seeded: true });

describe('SIGKILL in the middle of a ballot storm', () => {
  it('keeps every acknowledged ballot, counted, and nothing that was not sent', async () => {
    const outcome = await ballotStormCrash({ dbPath: database.url, voters: 30, ballotsPerVoter: 5, killAfterAcks: 60, tag: 'a', track: database.track });
    expect(outcome.acknowledged).toBeGreaterThanOrEqual(60);
    expect(outcome.acknowledged).toBeLessThan(outcome.sent);
    expect(checkStormSurvived(outcome)).toEqual([]);
    // The storm really reached the database: every owner with an acknowledgement has a row.
    const withAck = outcome.voters.filter((v) => v.casts.some((c) => c.receipt !== null));
    expect(withAck.length).toBeGreaterThan(10);
    // The check can fail: losing one acknowledged ballot is noticed.
    const lost = withAck[0]!.unitId;
    expect(checkStormSurvived({ ...outcome, rows: outcome.rows.filter((r) => r.unit_id !== lost) }).join('\n')).toMatch(/no ballot after restart/);
    console.log(
      `[crash-ballots] ${outcome.sent} sent, ${outcome.acknowledged} acknowledged before SIGKILL; ${outcome.rows.length - outcome.seededUnits.size - 1} storm units with a counted ballot after restart`,
    );
  });
});
