/**
 * Shapes of the public notice board's answers: the compound as the public sees it, its latest
 * notices, the satisfaction summary and the links (feeds, poster, raising a concern). Nothing in
 * them is personal.
 */
import { z } from 'zod';
import { satisfactionSummarySchema } from '../dashboard/dashboard.schema.js';

export const NOTICE_KINDS = ['meeting', 'minutes', 'vote', 'sign_off'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** One notice: a meeting announced, minutes published (every version), a vote's result, a sign-off. */
export const noticeSchema = z.object({
  id: z.string(),
  kind: z.enum(NOTICE_KINDS),
  title: z.string(),
  summary: z.string(),
  /** Path on the web app. */
  path: z.string(),
  date: z.string(),
});
export type Notice = z.infer<typeof noticeSchema>;

/** Where the board's pieces are: paths below the public URL (siteSchema). */
export const boardLinksSchema = z.object({
  board: z.string(),
  poster: z.string(),
  /** Where a resident raises a concern or an evening-talk question (login first, then the form). */
  concern: z.string(),
  atom: z.string(),
  rss: z.string(),
});
export type BoardLinks = z.infer<typeof boardLinksSchema>;

export const publicCompoundSchema = z.object({
  id: z.string(),
  name: z.string(),
  code: z.string(),
  /** Where the physical notice board hangs. */
  address: z.string(),
  communityName: z.string(),
  subdistrictName: z.string(),
});
export type PublicCompound = z.infer<typeof publicCompoundSchema>;

export const boardSummarySchema = z.object({
  compound: publicCompoundSchema,
  links: boardLinksSchema,
  /** The five newest notices. */
  latestNotices: z.array(noticeSchema),
  satisfaction: satisfactionSummarySchema,
});
export type BoardSummary = z.infer<typeof boardSummarySchema>;

/**
 * The address people reach Yishi at (YISHI_PUBLIC_URL): the web app prints it and puts it in QR
 * codes, so a page opened at another address (a LAN IP, a proxy's) still prints the public one.
 */
export const siteSchema = z.object({ publicUrl: z.string() });
export type Site = z.infer<typeof siteSchema>;

/** What the poster's QR code opens: the online board, or the form to raise a concern. */
/** What a compound's QR code opens: the board, the concern form, or the board's 存证 section (printed with a vote's result notice). */
export const qrQuerySchema = z.object({ target: z.enum(['board', 'concern', 'anchors']).default('board') });
