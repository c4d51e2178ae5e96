/**
 * Notifications as data. Each kind of event that tells people something (a vote opened, an action
 * item overdue …) is one spec: its group and label on the preferences page, which channels are on by
 * default, whether it may go by SMS (only what matters to residents) and to the compound's staff
 * group robots, and its words in both languages with the page it links to. The server resolves the
 * recipients and delivers; the code asks the spec, never the kind's name, so a new event is one entry
 * in NOTIFICATION_KINDS plus its spec here (the registry is a Record over the union).
 *
 * Beside it, pure: timing (notification-time.ts: Beijing dates, quiet hours, back-off), the daily
 * digest and the group robots (notification-robots.ts), and why a person was not reached
 * (delivery-outcomes.ts).
 */
import type { Locale } from '../i18n/locale.js';
import { interpolate } from '../i18n/locale.js';
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

const ON_ALL = { in_app: true, sms: true, email: true } as const;
const NO_SMS = { in_app: true, sms: false, email: true } as const;
const IN_APP = { in_app: true, sms: false, email: false } as const;

export const NOTIFICATION_SPECS: Record<NotificationKind, NotificationKindSpec> = {
  vote_announced: {
    group: 'votes',
    label: { 'zh-CN': '业主大会表决通知公告（请核对名册）', en: "An owners'-assembly vote is announced (check the roll)" },
    defaults: NO_SMS,
    sms: null,
    robot: true,
    personal: true,
    title: { 'zh-CN': '投票通知：{title}', en: 'Voting notice: {title}' },
    body: {
      'zh-CN': '{compound}的表决“{title}”将于{opensAt}开始投票，{closesAt}截止。名册核对期至{rollCheckEndsAt}，请核对本户信息。',
      en: 'The vote "{title}" in {compound} opens at {opensAt} and closes at {closesAt}. Please check your entry on the roll by {rollCheckEndsAt}.',
    },
    path: '/votes/{voteId}',
  },
  vote_extended: {
    group: 'votes',
    label: { 'zh-CN': '表决延期', en: 'A vote is extended' },
    defaults: NO_SMS,
    sms: null,
    robot: true,
    personal: true,
    title: { 'zh-CN': '表决延期：{title}', en: 'Vote extended: {title}' },
    body: {
      'zh-CN': '表决“{title}”延期至{closesAt}截止。理由：{reason}',
      en: 'The vote "{title}" now closes at {closesAt}. Reason: {reason}',
    },
    path: '/votes/{voteId}',
  },
  vote_opened: {
    group: 'votes',
    label: { 'zh-CN': '表决开始', en: 'A vote opens' },
    defaults: ON_ALL,
    sms: 'vote_opened',
    robot: true,
    personal: true,
    title: { 'zh-CN': '表决开始：{title}', en: 'Vote open: {title}' },
    body: {
      'zh-CN': '{compound}的表决“{title}”已开始，{closesAt}截止。请及时投票。',
      en: 'The vote "{title}" in {compound} is open until {closesAt}. Please cast your ballot.',
    },
    path: '/votes/{voteId}',
  },
  vote_closing: {
    group: 'votes',
    label: { 'zh-CN': '表决即将截止（我还没投票）', en: "A vote closes within 24 hours and I haven't voted" },
    defaults: ON_ALL,
    sms: 'vote_closing',
    robot: false,
    personal: true,
    title: { 'zh-CN': '表决即将截止：{title}', en: 'Vote closing soon: {title}' },
    body: {
      'zh-CN': '表决“{title}”将于{closesAt}截止，您还没有投票。',
      en: 'The vote "{title}" closes at {closesAt} and you have not voted yet.',
    },
    path: '/votes/{voteId}',
  },
  vote_result: {
    group: 'votes',
    label: { 'zh-CN': '表决结果公布', en: 'A vote result is published' },
    defaults: NO_SMS,
    sms: null,
    robot: true,
    personal: true,
    title: { 'zh-CN': '表决结果：{title}', en: 'Vote result: {title}' },
    body: { 'zh-CN': '表决“{title}”已结束：{outcome}。', en: 'The vote "{title}" has closed: {outcome}.' },
    path: '/votes/{voteId}',
  },
  vote_proxy_confirmed: {
    group: 'votes',
    label: { 'zh-CN': '有业主委托我投票', en: 'An owner authorised me as their proxy' },
    defaults: NO_SMS,
    sms: null,
    robot: false,
    personal: true,
    title: { 'zh-CN': '委托投票已确认：{title}', en: 'You are a proxy: {title}' },
    body: {
      'zh-CN': '{principal} 委托您代为投票（{units}），表决“{title}”{closesAt}截止。委托人本人投票后，以本人投票为准。',
      en: '{principal} authorised you to vote for {units} in "{title}", closing {closesAt}. If the owner votes in person, their own ballot counts.',
    },
    path: '/votes/{voteId}',
  },
  vote_proxy_voted: {
    group: 'votes',
    label: { 'zh-CN': '受托人已代我投票', en: 'My proxy voted for me' },
    defaults: NO_SMS,
    sms: null,
    robot: false,
    personal: true,
    title: { 'zh-CN': '受托人已代您投票：{title}', en: 'Your proxy voted: {title}' },
    body: {
      'zh-CN': '受托人 {proxy} 已为 {units} 投票。截止前您可以撤销委托或亲自投票，以您本人的投票为准。',
      en: 'Your proxy {proxy} voted for {units}. Until closing you may revoke the authorisation or vote yourself; your own ballot counts.',
    },
    path: '/votes/{voteId}',
  },
  roll_objection_resolved: {
    group: 'votes',
    label: { 'zh-CN': '我的名册更正申请已处理', en: 'My roll correction request is resolved' },
    defaults: NO_SMS,
    sms: null,
    robot: false,
    personal: true,
    title: { 'zh-CN': '名册更正申请已处理：{unit}', en: 'Roll correction resolved: {unit}' },
    body: {
      'zh-CN': '您对表决“{title}”名册中 {unit} 的更正申请{outcome}。理由：{reason}',
      en: 'Your correction request for {unit} on the roll of "{title}" was {outcome}. Reason: {reason}',
    },
    path: '/votes/{voteId}/roll-check',
  },
  ballot_dispute_resolved: {
    group: 'votes',
    label: { 'zh-CN': '我的询异已处理', en: 'My ballot dispute is resolved' },
    defaults: NO_SMS,
    sms: null,
    robot: false,
    personal: true,
    title: { 'zh-CN': '询异已处理：{receiptCode}', en: 'Dispute resolved: {receiptCode}' },
    body: {
      'zh-CN': '您对表决“{title}”回执码 {receiptCode} 的询异{outcome}。理由：{reason}',
      en: 'Your dispute of receipt {receiptCode} in "{title}" was {outcome}. Reason: {reason}',
    },
    path: '/votes/{voteId}/receipts',
  },
  meeting_scheduled: {
    group: 'meetings',
    label: { 'zh-CN': '会议安排（附议程）', en: 'A meeting is scheduled, with its agenda' },
    defaults: NO_SMS,
    sms: null,
    robot: true,
    personal: true,
    title: { 'zh-CN': '会议通知：{title}', en: 'Meeting: {title}' },
    body: {
      'zh-CN': '{startsAt}在{place}召开“{title}”。议程：{agenda}',
      en: '"{title}" takes place at {place} on {startsAt}. Agenda: {agenda}',
    },
    path: '/meetings/{meetingId}',
  },
  meeting_starting: {
    group: 'meetings',
    label: { 'zh-CN': '会议两小时内开始', en: 'A meeting starts within 2 hours' },
    defaults: IN_APP,
    sms: null,
    robot: true,
    personal: true,
    title: { 'zh-CN': '会议即将开始：{title}', en: 'Meeting soon: {title}' },
    body: { 'zh-CN': '“{title}”将于{startsAt}在{place}开始。', en: '"{title}" starts at {startsAt} at {place}.' },
    path: '/meetings/{meetingId}',
  },
  meeting_cancelled: {
    group: 'meetings',
    label: { 'zh-CN': '会议取消', en: 'A meeting is cancelled' },
    defaults: NO_SMS,
    sms: null,
    robot: true,
    personal: true,
    title: { 'zh-CN': '会议取消：{title}', en: 'Meeting cancelled: {title}' },
    body: {
      'zh-CN': '原定{startsAt}在{place}召开的“{title}”已取消，请勿前往。',
      en: '"{title}", planned for {startsAt} at {place}, is cancelled.',
    },
    path: '/meetings/{meetingId}',
  },
  minutes_published: {
    group: 'meetings',
    label: { 'zh-CN': '会议纪要公布', en: 'Minutes are published' },
    defaults: NO_SMS,
    sms: null,
    robot: false,
    personal: true,
    title: { 'zh-CN': '会议纪要已公布：{title}', en: 'Minutes published: {title}' },
    body: { 'zh-CN': '“{title}”的会议纪要已公布，请查看。', en: 'The minutes of "{title}" have been published.' },
    path: '/minutes/{meetingId}',
  },
  minutes_sign_requested: {
    group: 'meetings',
    label: { 'zh-CN': '请核对并签字确认会议纪要（我出席的业委会会议）', en: 'Minutes to check and sign (committee meetings I attended)' },
    defaults: NO_SMS,
    sms: null,
    robot: false,
    personal: true,
    title: { 'zh-CN': '请核对签字：{title}', en: 'Please check and sign: {title}' },
    body: {
      'zh-CN': '“{title}”的会议纪要草稿已生成，请核对后在议事平台确认签字；纪要须于{dueDate}前公示。',
      en: 'The draft minutes of "{title}" are ready: check them and sign in the app; they must be published by {dueDate}.',
    },
    path: '/meetings/{meetingId}/minutes',
  },
  proposal_threshold: {
    group: 'proposals',
    label: { 'zh-CN': '提案附议达到门槛', en: 'A proposal reaches its seconding threshold' },
    defaults: NO_SMS,
    sms: null,
    robot: true,
    personal: true,
    title: { 'zh-CN': '提案附议已达标：{title}', en: 'Proposal seconded: {title}' },
    body: {
      'zh-CN': '提案“{title}”的附议已达到门槛，等待社区正式答复。',
      en: 'The proposal "{title}" has reached its seconding threshold and awaits an official answer.',
    },
    path: '/proposals/{proposalId}',
  },
  proposal_answered: {
    group: 'proposals',
    label: { 'zh-CN': '提案得到正式答复', en: 'A proposal is answered officially' },
    defaults: NO_SMS,
    sms: null,
    robot: false,
    personal: true,
    title: { 'zh-CN': '提案已答复：{title}', en: 'Proposal answered: {title}' },
    body: { 'zh-CN': '提案“{title}”已有正式答复：{answer}', en: 'The proposal "{title}" has an official answer: {answer}' },
    path: '/proposals/{proposalId}',
  },
  concern_recorded: {
    group: 'concerns',
    label: { 'zh-CN': '我反映的问题已登记', en: 'My concern is recorded' },
    defaults: IN_APP,
    sms: null,
    robot: false,
    personal: true,
    // The resident who raised it keeps it in their notification centre, with the link to follow it.
    receipt: true,
    title: { 'zh-CN': '问题已登记：{title}', en: 'Concern recorded: {title}' },
    body: { 'zh-CN': '您反映的问题“{title}”已登记，我们会尽快处理。', en: 'Your concern "{title}" has been recorded and will be handled.' },
    path: '{path}',
  },
  concern_answered: {
    group: 'concerns',
    label: { 'zh-CN': '我反映的问题有了答复', en: 'My concern is answered' },
    defaults: ON_ALL,
    sms: 'concern_answered',
    robot: false,
    personal: true,
    title: { 'zh-CN': '问题有答复：{title}', en: 'Concern answered: {title}' },
    body: { 'zh-CN': '您反映的问题“{title}”有了答复：{answer}', en: 'Your concern "{title}" has an answer: {answer}' },
    path: '{path}',
  },
  concern_listed: {
    group: 'concerns',
    label: { 'zh-CN': '我反映的问题列入整改清单', en: 'My concern becomes an action item' },
    defaults: NO_SMS,
    sms: null,
    robot: false,
    personal: true,
    title: { 'zh-CN': '问题已列入整改：{title}', en: 'Concern listed for action: {title}' },
    body: {
      'zh-CN': '您反映的问题“{title}”已列入问题清单，{dueDate}前办结。',
      en: 'Your concern "{title}" is on the action list, due by {dueDate}.',
    },
    path: '/action-items/{itemId}',
  },
  item_assigned: {
    group: 'action_items',
    label: { 'zh-CN': '整改事项交给我的单位', en: 'An action item is assigned to my unit' },
    defaults: NO_SMS,
    sms: null,
    robot: false,
    personal: true,
    title: { 'zh-CN': '新的整改事项：{title}', en: 'New action item: {title}' },
    body: {
      'zh-CN': '整改事项“{title}”由{unit}负责，{dueDate}前办结。',
      en: 'The action item "{title}" is assigned to {unit}, due by {dueDate}.',
    },
    path: '/action-items/{itemId}',
  },
  item_due_tomorrow: {
    group: 'action_items',
    label: { 'zh-CN': '整改事项明天到期', en: 'An action item is due tomorrow' },
    defaults: NO_SMS,
    sms: null,
    robot: false,
    personal: true,
    title: { 'zh-CN': '明天到期：{title}', en: 'Due tomorrow: {title}' },
    body: { 'zh-CN': '整改事项“{title}”（{unit}）明天（{dueDate}）到期。', en: 'The action item "{title}" ({unit}) is due tomorrow, {dueDate}.' },
    path: '/action-items/{itemId}',
  },
  item_overdue: {
    group: 'action_items',
    label: { 'zh-CN': '整改事项逾期（每天提醒）', en: 'An action item is overdue (daily)' },
    defaults: NO_SMS,
    sms: null,
    robot: false,
    personal: true,
    title: { 'zh-CN': '已逾期 {days} 个工作日：{title}', en: 'Overdue by {days} working days: {title}' },
    body: {
      'zh-CN': '整改事项“{title}”（{unit}）应于{dueDate}办结，已逾期 {days} 个工作日。',
      en: 'The action item "{title}" ({unit}) was due on {dueDate} and is {days} working days overdue.',
    },
    path: '/action-items/{itemId}',
  },
  item_rate: {
    group: 'concerns',
    label: { 'zh-CN': '我反映的问题已销号，请评价', en: 'My concern is signed off: please rate it' },
    defaults: ON_ALL,
    sms: 'rate_request',
    robot: false,
    personal: true,
    title: { 'zh-CN': '请评价：{title}', en: 'Please rate: {title}' },
    body: {
      'zh-CN': '您反映的问题“{title}”已整改销号（{number}），请对处理结果进行评价。',
      en: 'Your concern "{title}" has been signed off ({number}). Please rate how it was handled.',
    },
    path: '/action-items/{itemId}',
  },
  item_reopened: {
    group: 'action_items',
    label: { 'zh-CN': '整改事项被重新打开', en: 'An action item is reopened' },
    defaults: NO_SMS,
    sms: null,
    robot: false,
    personal: true,
    title: { 'zh-CN': '重新打开：{title}', en: 'Reopened: {title}' },
    body: {
      'zh-CN': '整改事项“{title}”（{unit}）因居民不满意被重新打开，请继续整改。',
      en: 'The action item "{title}" ({unit}) was reopened after an unsatisfied rating; please continue.',
    },
    path: '/action-items/{itemId}',
  },
  staff_digest: {
    group: 'staff',
    label: { 'zh-CN': '每日 8:30 逾期和今日到期汇总', en: 'Daily 08:30 digest of overdue and due-today items' },
    defaults: IN_APP,
    sms: null,
    robot: true,
    personal: false,
    title: { 'zh-CN': '{compound}整改日报（{date}）', en: '{compound} action digest ({date})' },
    body: {
      'zh-CN': '逾期 {overdue} 件，今日到期 {dueToday} 件。',
      en: '{overdue} overdue, {dueToday} due today.',
    },
    path: '/compounds/{compoundId}/action-items',
  },
  robot_test: {
    group: 'staff',
    label: { 'zh-CN': '测试消息', en: 'Test message' },
    defaults: IN_APP,
    sms: null,
    robot: false,
    personal: false,
    title: { 'zh-CN': '议事平台测试消息', en: 'Yishi test message' },
    body: { 'zh-CN': '{compound}的群机器人“{name}”已接通议事平台。', en: 'The group robot "{name}" of {compound} is connected to Yishi.' },
    path: '/compounds/{compoundId}/notifications',
  },
};

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
