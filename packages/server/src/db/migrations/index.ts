/**
 * The ordered list of migrations. Each feature appends one line; names are timestamps so the order
 * is the order they were written. Listing them statically (rather than reading a folder) lets the
 * same list run from source in tests and from dist in production.
 */
import type { Migration } from 'kysely';
import * as foundation from './20261121090000_foundation.js';
import * as meetings from './20261121100000_meetings.js';
import * as votes from './20261121110000_votes.js';
import * as actionItems from './20261121120000_action_items.js';
import * as minutes from './20261121130000_minutes.js';
import * as collabLog from './20261121150000_collab_log.js';
import * as accounts from './20261202090000_accounts.js';
import * as concernPhotos from './20261214120000_concern_photos.js';
import * as notifications from './20261220090000_notifications.js';
import * as photos from './20261231090000_photos.js';
import * as meetingRevision from './20261231120000_meeting_revision.js';
import * as notificationUnreadIndex from './20270101090000_notification_unread_index.js';
import * as notificationFanouts from './20270101100000_notification_fanouts.js';
import * as ownersDecisions from './20270102090000_owners_decisions.js';
import * as rollObjectionsDisputes from './20270102100000_roll_objections_disputes.js';
import * as proxiesPaper from './20270102110000_proxies_paper.js';
import * as committeeMeetings from './20270102120000_committee_meetings.js';
import * as publishedHeads from './20270102130000_published_heads.js';
import * as accessVersion from './20270103090000_access_version.js';
import * as itemPeriodIndexes from './20270103100000_item_period_indexes.js';
import * as packedRolls from './20270103110000_packed_rolls.js';
import * as urgencyIndexes from './20270103120000_urgency_indexes.js';
import * as signOffTallies from './20270104080000_sign_off_tallies.js';
import * as voteNoticesFanout from './20270104090000_vote_notices_fanout.js';
import * as idempotencyKeys from './20270105093000_idempotency_keys.js';
import * as eventKeysetIndexes from './20270106090000_event_keyset_indexes.js';
import * as questionAskerIndex from './20270107090000_question_asker_index.js';
import * as answerCorrections from './20270108090000_answer_corrections.js';
import * as proxyHolderIndex from './20270109090000_proxy_holder_index.js';
import * as talkResidentCount from './20270110090000_talk_resident_count.js';
import * as rosterSortKeys from './20270111090000_roster_sort_keys.js';
import * as rollSortKeys from './20270112090000_roll_sort_keys.js';
import * as meetingRecords from './20270113090000_meeting_records.js';
import * as itemResolver from './20270114090000_item_resolver.js';

export const migrations: Record<string, Migration> = {
  '20261121090000_foundation': foundation,
  '20261121100000_meetings': meetings,
  '20261121110000_votes': votes,
  '20261121120000_action_items': actionItems,
  '20261121130000_minutes': minutes,
  '20261121150000_collab_log': collabLog,
  '20261202090000_accounts': accounts,
  '20261214120000_concern_photos': concernPhotos,
  '20261220090000_notifications': notifications,
  '20261231090000_photos': photos,
  '20261231120000_meeting_revision': meetingRevision,
  '20270101090000_notification_unread_index': notificationUnreadIndex,
  '20270101100000_notification_fanouts': notificationFanouts,
  '20270102090000_owners_decisions': ownersDecisions,
  '20270102100000_roll_objections_disputes': rollObjectionsDisputes,
  '20270102110000_proxies_paper': proxiesPaper,
  '20270102120000_committee_meetings': committeeMeetings,
  '20270102130000_published_heads': publishedHeads,
  '20270103090000_access_version': accessVersion,
  '20270103100000_item_period_indexes': itemPeriodIndexes,
  '20270103110000_packed_rolls': packedRolls,
  '20270103120000_urgency_indexes': urgencyIndexes,
  '20270104080000_sign_off_tallies': signOffTallies,
  '20270104090000_vote_notices_fanout': voteNoticesFanout,
  '20270105093000_idempotency_keys': idempotencyKeys,
  '20270106090000_event_keyset_indexes': eventKeysetIndexes,
  '20270107090000_question_asker_index': questionAskerIndex,
  '20270108090000_answer_corrections': answerCorrections,
  '20270109090000_proxy_holder_index': proxyHolderIndex,
  '20270110090000_talk_resident_count': talkResidentCount,
  '20270111090000_roster_sort_keys': rosterSortKeys,
  '20270112090000_roll_sort_keys': rollSortKeys,
  '20270113090000_meeting_records': meetingRecords,
  '20270114090000_item_resolver': itemResolver,
};
