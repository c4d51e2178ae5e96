/**
 * Input and response schemas of notifications: my notification centre, my preferences and e-mail,
 * a compound's staff group robots, and the delivery record staff read. Shared by the server
 * (validation, OpenAPI) and the web app.
 */
import { z } from 'zod';
import { pageQuerySchema, pageSchema } from '../contract/paging.js';
import { NOT_REACHED_REASONS } from './delivery-outcomes.js';
import { NOTIFICATION_GROUPS, NOTIFICATION_KINDS, ROBOT_KINDS } from './notifications.js';

const kindSchema = z.enum(NOTIFICATION_KINDS);
const localised = z.object({ 'zh-CN': z.string(), en: z.string() });

export const notificationItemSchema = z.object({
  id: z.string(),
  kind: kindSchema,
  /** In both languages, so a language switch needs no new request. */
  title: localised,
  body: localised,
  /** The page it is about, below the app's origin: `/votes/…`. */
  path: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
/** A page of my notifications, newest first (the id breaks ties in time), with the unread count. */
export const notificationListSchema = pageSchema(notificationItemSchema).extend({ unread: z.number().int().min(0) });
export const notificationListQuerySchema = pageQuerySchema(30);
export const unreadCountSchema = z.object({ unread: z.number().int().min(0) });
export const markedSchema = z.object({ marked: z.number().int().min(0) });

const channelsSchema = z.object({ in_app: z.boolean(), sms: z.boolean(), email: z.boolean() });
export const notificationSettingsSchema = z.object({
  email: z.string().nullable(),
  /** Whether this server sends e-mail (YISHI_SMTP_URL) and text messages at all. */
  emailAvailable: z.boolean(),
  smsAvailable: z.boolean(),
  /** A phone number is on record for me (masked). */
  phone: z.string().nullable(),
  /** Hold SMS and e-mail from 22:00 to 07:30 Beijing time. */
  quietHours: z.boolean(),
  kinds: z.array(
    z.object({
      kind: kindSchema,
      group: z.enum(NOTIFICATION_GROUPS),
      label: localised,
      channels: channelsSchema,
      /** SMS exists for this kind (only what matters to residents). */
      smsPossible: z.boolean(),
    }),
  ),
});
export const notificationSettingsInputSchema = z.object({
  quietHours: z.boolean(),
  kinds: z.partialRecord(kindSchema, channelsSchema.partial()),
});
export type NotificationSettingsInput = z.infer<typeof notificationSettingsInputSchema>;

export const emailInputSchema = z.object({
  email: z.union([z.literal(''), z.null(), z.string().trim().max(120, { message: 'email_invalid' }).email({ message: 'email_invalid' })]),
});
export const myEmailSchema = z.object({ email: z.string().nullable() });

// Group robots

export const robotSchema = z.object({
  id: z.string(),
  kind: z.enum(ROBOT_KINDS),
  name: z.string(),
  /** The address with its key hidden. */
  url: z.string(),
  /** DingTalk's signed-secret mode is on. */
  signed: z.boolean(),
  events: z.array(kindSchema),
  enabled: z.boolean(),
  /** Its newest delivery. */
  last: z
    .object({
      status: z.enum(['pending', 'sent', 'failed']),
      at: z.string(),
      /** Why it failed for good (a NOT_REACHED_REASONS code, robot_disabled or robot_removed). */
      reason: z.string().nullable(),
      /** Tries so far. */
      attempts: z.number().int(),
      /** A try that did not get through is retried then. */
      retryAt: z.string().nullable(),
      /** The last try's error: NetworkError, HTTP<status>, InvalidResponse, or the platform's errcode. */
      problem: z.string().nullable(),
    })
    .nullable(),
});
export const robotsSchema = z.object({
  robots: z.array(robotSchema),
  /** The events a robot may carry, with their labels. */
  events: z.array(z.object({ kind: kindSchema, label: localised })),
  /** The hosts this installation accepts webhooks on. */
  hosts: z.array(z.string()),
});
const robotName = z.string().trim().min(1, { message: 'robot_name_invalid' }).max(40, { message: 'robot_name_invalid' });
export const robotInputSchema = z.object({
  kind: z.enum(ROBOT_KINDS),
  name: robotName,
  url: z.string().trim().min(1, { message: 'robot_url_invalid' }).max(500, { message: 'robot_url_invalid' }),
  /** DingTalk's 加签 secret (SEC…); empty for none. */
  secret: z.string().trim().max(200).optional(),
  events: z.array(kindSchema).max(NOTIFICATION_KINDS.length),
});
export type RobotInput = z.infer<typeof robotInputSchema>;
export const robotPatchSchema = z.object({
  name: robotName.optional(),
  url: z.string().trim().min(1, { message: 'robot_url_invalid' }).max(500, { message: 'robot_url_invalid' }).optional(),
  secret: z.string().trim().max(200).optional(),
  events: z.array(kindSchema).max(NOTIFICATION_KINDS.length).optional(),
  enabled: z.boolean().optional(),
});
export type RobotPatch = z.infer<typeof robotPatchSchema>;
export const robotTestSchema = z.object({ queued: z.boolean() });

// Delivery, as staff see it

const reasonCount = z.object({ reason: z.enum(NOT_REACHED_REASONS), label: z.string(), count: z.number().int() });
export const deliveryEventSchema = z.object({
  eventId: z.string(),
  kind: kindSchema,
  label: z.string(),
  createdAt: z.string(),
  /** People the event was for. */
  recipients: z.number().int(),
  /** Reached: an SMS or e-mail sent, or the in-app notice read. */
  reached: z.number().int(),
  notReached: z.array(reasonCount),
  channels: z.array(
    z.object({
      channel: z.enum(['sms', 'email', 'wecom', 'dingtalk']),
      sent: z.number().int(),
      pending: z.number().int(),
      failed: z.number().int(),
    }),
  ),
  /** Group robots, by name. */
  robots: z.array(z.object({ name: z.string(), status: z.enum(['pending', 'sent', 'failed']), reason: z.string().nullable() })),
});
export const deliveryReportSchema = z.object({ events: z.array(deliveryEventSchema) });
export const deliveryQuerySchema = z.object({
  subjectKind: z.enum(['vote', 'meeting', 'proposal', 'action_item', 'question', 'compound']),
  subjectId: z.string().min(1).max(40),
});
export const resendResultSchema = z.object({ requeued: z.number().int() });
