/**
 * The typed shape of the whole database. Each feature declares its tables in tables/<feature>.table.ts
 * and adds them here with one spread-free line per table, so a query anywhere is checked against it.
 */
import type {
  AccessCodeTable,
  GrantEventTable,
  InstallationTable,
  LetterBatchTable,
  LoginFailureTable,
  RateEventTable,
  RoleAssignmentTable,
  RosterImportTable,
  SessionTable,
  SetupTokenTable,
  UserTable,
} from './tables/accounts.table.js';
import type {
  ActionItemRatingTable,
  SignOffListingTallyTable,
  SignOffTallyTable,
  ActionItemTable,
  ActionItemUpdateTable,
  LedgerEntryTable,
  LedgerHeadTable,
  SignOffCounterTable,
} from './tables/action-items.table.js';
import type { MeetingAgendaItemTable, MeetingAttendanceTable, MeetingQuestionTable, MeetingTable } from './tables/meetings.table.js';
import type { CollabLogTable, CollabSnapshotTable } from './tables/collab.table.js';
import type { OwnershipTable, PersonTable, ResidencyTable } from './tables/people.table.js';
import type {
  BallotHistoryTable,
  BallotLogHeadTable,
  BallotLogTable,
  BallotTable,
  CompoundVoteSettingsTable,
  VoteElectorateTable,
  VotePackedRollTable,
  VoteNoticeTable,
  VoteTable,
} from './tables/votes.table.js';
import type { BallotDisputeTable, RollObjectionTable } from './tables/vote-objections.table.js';
import type { ProposalEventTable, ProposalSecondTable, ProposalSettingsTable, ProposalTable } from './tables/proposals.table.js';
import type { BuildingTable, CommunityTable, CompoundTable, GridTable, SubdistrictTable, UnitTable } from './tables/places.table.js';

import type { MinutesDraftTable, MinutesSignatureTable, MinutesVersionTable } from './tables/minutes.table.js';
import type { PhotoTable } from './tables/photos.table.js';
import type { IdempotencyKeyTable } from './tables/idempotency.table.js';
import type { PublishedHeadTable } from './tables/anchors.table.js';
import type { PaperBallotEntryTable, VoteProxyTable, VoteProxyUnitTable } from './tables/vote-proxies.table.js';
import type {
  CompoundRobotTable,
  NotificationAttemptTable,
  NotificationDeliveryTable,
  NotificationEventTable,
  NotificationFanoutTable,
  NotificationSettingsTable,
  NotificationTable,
  SmsDailyCountTable,
} from './tables/notifications.table.js';
export interface Database {
  // places
  subdistricts: SubdistrictTable;
  communities: CommunityTable;
  compounds: CompoundTable;
  grids: GridTable;
  buildings: BuildingTable;
  units: UnitTable;
  // people
  persons: PersonTable;
  ownerships: OwnershipTable;
  residencies: ResidencyTable;
  // accounts
  users: UserTable;
  role_assignments: RoleAssignmentTable;
  sessions: SessionTable;
  login_failures: LoginFailureTable;
  roster_imports: RosterImportTable;
  installation: InstallationTable;
  setup_tokens: SetupTokenTable;
  access_codes: AccessCodeTable;
  letter_batches: LetterBatchTable;
  grant_events: GrantEventTable;
  rate_events: RateEventTable;
  votes: VoteTable;
  vote_electorate: VoteElectorateTable;
  vote_packed_rolls: VotePackedRollTable;
  ballots: BallotTable;
  ballot_history: BallotHistoryTable;
  ballot_log: BallotLogTable;
  ballot_log_heads: BallotLogHeadTable;
  published_heads: PublishedHeadTable;
  compound_vote_settings: CompoundVoteSettingsTable;
  vote_notices: VoteNoticeTable;
  vote_proxies: VoteProxyTable;
  vote_proxy_units: VoteProxyUnitTable;
  paper_ballot_entries: PaperBallotEntryTable;
  roll_objections: RollObjectionTable;
  ballot_disputes: BallotDisputeTable;
  proposal_settings: ProposalSettingsTable;
  proposals: ProposalTable;
  proposal_seconds: ProposalSecondTable;
  proposal_events: ProposalEventTable;
  // meetings
  meetings: MeetingTable;
  meeting_agenda_items: MeetingAgendaItemTable;
  meeting_attendance: MeetingAttendanceTable;
  meeting_questions: MeetingQuestionTable;
  collab_snapshots: CollabSnapshotTable;
  collab_log: CollabLogTable;
  // action items and the ledger
  action_items: ActionItemTable;
  action_item_updates: ActionItemUpdateTable;
  action_item_ratings: ActionItemRatingTable;
  sign_off_tallies: SignOffTallyTable;
  sign_off_listing_tallies: SignOffListingTallyTable;
  photos: PhotoTable;
  sign_off_counters: SignOffCounterTable;
  ledger_heads: LedgerHeadTable;
  ledger_entries: LedgerEntryTable;
  minutes_drafts: MinutesDraftTable;
  minutes_versions: MinutesVersionTable;
  minutes_signatures: MinutesSignatureTable;
  // notifications
  notification_events: NotificationEventTable;
  notifications: NotificationTable;
  notification_deliveries: NotificationDeliveryTable;
  notification_attempts: NotificationAttemptTable;
  notification_settings: NotificationSettingsTable;
  notification_fanouts: NotificationFanoutTable;
  compound_robots: CompoundRobotTable;
  sms_daily_counts: SmsDailyCountTable;
  // retried writes
  idempotency_keys: IdempotencyKeyTable;
}
