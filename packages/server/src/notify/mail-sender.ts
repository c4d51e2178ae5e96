/**
 * E-mail over SMTP with nodemailer (YISHI_SMTP_URL, YISHI_MAIL_FROM): plain text plus HTML, each
 * message with a stable Message-ID made from its outbox row, so a message sent again after a crash
 * (the window docs/operations.md describes) carries the same id and mail systems can tell it apart.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { MailConfig } from '../config.js';
import { ChannelError } from './channel-error.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** `<id@host>`: the same for every attempt of one delivery. */
  messageId: string;
}

export interface MailSender {
  send(message: MailMessage): Promise<{ providerMessageId: string }>;
  close(): void;
}

const RETRYABLE_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'EPROTOCOL', 'ETLS']);

export class SmtpMailSender implements MailSender {
  private readonly transport: Transporter;

  constructor(
    private readonly config: MailConfig,
    options: { maxConnections?: number } = {},
  ) {
    // A pool keeps a few connections open, so a vote's 10,000 messages are not 10,000 handshakes.
    const separator = config.url.includes('?') ? '&' : '?';
    this.transport = nodemailer.createTransport(`${config.url}${separator}pool=true&maxConnections=${options.maxConnections ?? 4}&maxMessages=1000`);
  }

  async send(message: MailMessage): Promise<{ providerMessageId: string }> {
    try {
      const info = (await this.transport.sendMail({
        from: this.config.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId: message.messageId,
        headers: { 'Auto-Submitted': 'auto-generated' },
      })) as { messageId?: string; response?: string };
      return { providerMessageId: info.messageId ?? message.messageId };
    } catch (error) {
      throw classifyMailError(error);
    }
  }

  close(): void {
    this.transport.close();
  }
}

/** A 4xx answer or a broken connection may pass later; a 5xx answer or bad credentials will not. */
export function classifyMailError(error: unknown): ChannelError {
  const e = error as { code?: string; responseCode?: number; message?: string };
  const text = `SMTP: ${e.message ?? String(error)}`;
  if (typeof e.responseCode === 'number') {
    return new ChannelError(text, `SMTP${e.responseCode}`, e.responseCode >= 400 && e.responseCode < 500);
  }
  const code = e.code ?? 'SMTP';
  return new ChannelError(text, code, RETRYABLE_CODES.has(code) || code === 'SMTP');
}
