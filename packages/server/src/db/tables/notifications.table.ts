import type { DeliveryChannel, NotificationKind, RobotKind } from '@yishi/core';
import type { Generated, Insertable, Selectable } from 'kysely';

export interface NotificationEventTable {
  id: string;
  kind: NotificationKind;
  compound_id: string | null;
  /** vote | meeting | proposal | action_item | question | compound | robot */
  subject_kind: string;
  subject_id: string;
  /** A scheduled occurrence's unique key; null for events a feature reports. */
  dedupe_key: string | null;
  /** JSON NotificationParams: what the words are filled from. */
  params_json: string;
  caused_by_user_id: string | null;
  recipient_count: Generated<number>;
  created_at: string;
}

export interface NotificationTable {
  id: string;
  event_id: string;
  kind: NotificationKind;
  person_id: string | null;
  user_id: string | null;
  in_app: number;
  /** `sms:no_phone email:opted_out`: channels not used, and why. */
  skipped: Generated<string>;
  read_at: string | null;
  created_at: string;
}

export type DeliveryStatus = 'pending' | 'sent' | 'failed';

export interface NotificationDeliveryTable {
  id: string;
  event_id: string;
  notification_id: string | null;
  person_id: string | null;
  channel: DeliveryChannel;
  robot_id: string | null;
  address: string | null;
  locale: string;
  status: DeliveryStatus;
  reason: string | null;
  attempts: Generated<number>;
  next_attempt_at: string;
  lease_owner: string | null;
  lease_until: string | null;
  provider_message_id: string | null;
  sent_at: string | null;
  created_at: string;
}

export interface NotificationAttemptTable {
  id: string;
  delivery_id: string;
  attempt: number;
  instance_id: string;
  started_at: string;
  finished_at: string | null;
  outcome: 'sent' | 'retry' | 'failed' | 'interrupted' | null;
  error_code: string | null;
  error_message: string | null;
}

export interface NotificationSettingsTable {
  user_id: string;
  quiet_hours: number;
  channels_json: string;
  updated_at: string;
}

export interface CompoundRobotTable {
  id: string;
  compound_id: string;
  kind: RobotKind;
  name: string;
  url: string;
  secret: string | null;
  events_json: string;
  enabled: number;
  created_by_user_id: string | null;
  created_at: string;
  updated_at: string;
}

/** An event's set-based notices (a vote's roll) and the SMS and e-mail rows they owe, still to be written by the outbox worker. */
export interface NotificationFanoutTable {
  event_id: string;
  sms: number;
  email: number;
  held_at: string;
  created_at: string;
  /** The notices themselves, while they are owed (a VoteNoticesOwed as JSON); null once written. */
  notices_json: string | null;
}

export interface SmsDailyCountTable {
  person_key: string;
  day: string;
  count: number;
}

export type NotificationEventRow = Selectable<NotificationEventTable>;
export type NotificationRow = Selectable<NotificationTable>;
export type NewNotification = Insertable<NotificationTable>;
export type NotificationDeliveryRow = Selectable<NotificationDeliveryTable>;
export type NewNotificationDelivery = Insertable<NotificationDeliveryTable>;
export type CompoundRobotRow = Selectable<CompoundRobotTable>;
