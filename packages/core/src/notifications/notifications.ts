/**
 * Notifications as data. Each kind of event that tells people something (a vote opened, an action
 * item overdue …) is one spec: its group and label on the preferences page, which channels are on by
 * default, whether it may go by SMS (only what matters to residents) and to the compound's staff
 * group robots, and its words in both languages with the page it links to. The server resolves the
 * recipients and delivers; the code asks the spec, never the kind's name, so a new event is one entry
 * in NOTIFICATION_KINDS plus its spec in ./notification-specs.ts (the registry is a Record over the union).
 *
 * Beside it, pure: timing (notification-time.ts: Beijing dates, quiet hours, back-off), the daily
 * digest and the group robots (notification-robots.ts), and why a person was not reached
 * (delivery-outcomes.ts).
 */
import type { Locale } from '../i18n/locale.js';
import { interpolate } from '../i18n/locale.js';
import { NOTIFICATION_SPECS } from './notification-specs.js';
import { formatNotificationDate, formatNotificationTime } from './notification-time.js';

export const NOTIFICATION_KINDS = [
  'vote_announced',
  'vote_extended',
  'vote_opened',
  'vote_closing',
  'vote_result',
  'roll_objection_resolved',
  'ballot_dispute_resolved',
  'vote_proxy_confirmed',
  'vote_proxy_voted',
  'meeting_scheduled',
  'meeting_starting',
  'meeting_cancelled',
  'minutes_published',
  'minutes_sign_requested',
  'proposal_threshold',
  'proposal_answered',
  'concern_recorded',
  'concern_answered',
  'concern_answer_corrected',
  'concern_listed',
  'item_assigned',
  'item_due_tomorrow',
  'item_overdue',
  'item_rate',
  'item_reopened',
  'staff_digest',
  'robot_test',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** A person's channels; group robots are configured per compound, not per person. */
export const PERSONAL_CHANNELS = ['in_app', 'sms', 'email'] as const;
export type PersonalChannel = (typeof PERSONAL_CHANNELS)[number];
export const ROBOT_KINDS = ['wecom', 'dingtalk'] as const;
export type RobotKind = (typeof ROBOT_KINDS)[number];
/** Where one delivery goes: an outbox row's channel. */
export type DeliveryChannel = 'sms' | 'email' | RobotKind;

export const NOTIFICATION_GROUPS = ['votes', 'meetings', 'proposals', 'concerns', 'action_items', 'staff'] as const;
export type NotificationGroup = (typeof NOTIFICATION_GROUPS)[number];

/** The SMS templates notifications use (the server's SMS_TEMPLATES holds their registered wording). */
export type NotificationSmsTemplate = 'vote_opened' | 'vote_closing' | 'concern_answered' | 'rate_request';

/** What an event's words are filled from: texts as stored, instants as ISO strings. */
export type NotificationParams = Readonly<Record<string, string>>;

type Words = Readonly<Record<Locale, string>>;

export interface NotificationKindSpec {
  group: NotificationGroup;
  /** On the preferences page and the robots page. */
  label: Words;
  /** Channels on for a person who changed nothing. */
  defaults: Readonly<Record<PersonalChannel, boolean>>;
  /** The SMS template, or null: SMS is only for what matters to residents. */
  sms: NotificationSmsTemplate | null;
  /** Staff group robots may carry it (chosen per robot). */
  robot: boolean;
  /** Whether people receive it at all (the digest and the robot test go to robots only). */
  personal: boolean;
  /**
   * A receipt: it goes to the person who caused the event as well. Every other kind leaves out the
   * one who did the thing (the organiser opening a vote is not told that it opened).
   */
  receipt?: boolean;
  /** Title and body, with {placeholders} filled from the params (instants written in Beijing time). */
  title: Words;
  body: Words;
  /** The page it links to, below the public URL: `/votes/{voteId}`. */
  path: string;
}

export function notificationSpec(kind: NotificationKind): NotificationKindSpec {
  return NOTIFICATION_SPECS[kind];
}

/** Kinds a person can receive and set preferences for, in the preferences page's order. */
export const PERSONAL_KINDS: readonly NotificationKind[] = NOTIFICATION_KINDS.filter((k) => NOTIFICATION_SPECS[k].personal);
/** Kinds a compound's group robot may be subscribed to. */
export const ROBOT_EVENT_KINDS: readonly NotificationKind[] = NOTIFICATION_KINDS.filter((k) => NOTIFICATION_SPECS[k].robot);

export function isNotificationKind(value: string): value is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

// ---- words ------------------------------------------------------------------------------------

const TIME_PARAMS = new Set(['closesAt', 'opensAt', 'startsAt', 'rollCheckEndsAt']);
const DATE_PARAMS = new Set(['dueDate', 'date']);

/** The params as a reader sees them: instants in Beijing time, dates written out. */
function shownParams(params: NotificationParams, locale: Locale): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    if (TIME_PARAMS.has(name) && value) shown[name] = formatNotificationTime(value, locale);
    else if (DATE_PARAMS.has(name) && /^\d{4}-\d{2}-\d{2}$/.test(value)) shown[name] = formatNotificationDate(value, locale);
    else shown[name] = (locale === 'en' ? params[`${name}_en`] : undefined) ?? value;
  }
  return shown;
}

export interface RenderedNotification {
  title: string;
  body: string;
  /** Below the public URL. */
  path: string;
}

export function renderNotification(kind: NotificationKind, params: NotificationParams, locale: Locale): RenderedNotification {
  const spec = NOTIFICATION_SPECS[kind];
  const shown = shownParams(params, locale);
  return {
    title: interpolate(spec.title[locale], shown),
    body: interpolate(spec.body[locale], shown),
    path: interpolate(spec.path, params as Record<string, string>),
  };
}

/** Cuts a text for an SMS parameter (providers limit each variable's length), marking the cut. */
export function smsParam(text: string, max = 20): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** The parameters of an event's SMS template, in order, or null when the kind has none. */
export function smsParamsOf(kind: NotificationKind, params: NotificationParams, url: string): string[] | null {
  const template = NOTIFICATION_SPECS[kind].sms;
  if (!template) return null;
  const title = smsParam(params.title ?? '');
  switch (template) {
    case 'vote_opened':
      return [smsParam(params.compound ?? '', 12), title, formatNotificationTime(params.closesAt ?? '', 'zh-CN'), url];
    case 'vote_closing':
      return [title, formatNotificationTime(params.closesAt ?? '', 'zh-CN'), url];
    case 'concern_answered':
      return [title, url];
    case 'rate_request':
      return [title, params.number ?? '', url];
  }
}
