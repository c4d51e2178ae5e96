/** A compound's vote periods: its own settings, or the documented defaults (core/votes/timeline.ts). */
import { VOTE_PERIOD_DEFAULTS, type VotePeriods } from '@yishi/core';
import type { Db } from '../db/repositories/places.repository.js';
import { findVoteSettings } from '../db/repositories/vote-settings.repository.js';

export async function votePeriodsOf(db: Db, compoundId: string): Promise<VotePeriods> {
  const row = await findVoteSettings(db, compoundId);
  if (!row) return { ...VOTE_PERIOD_DEFAULTS };
  return { noticeDays: row.notice_days, rollCheckDays: row.roll_check_days, objectionDays: row.objection_days, proxyCap: row.proxy_cap };
}
