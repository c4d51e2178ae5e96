/**
 * The development sender: with no SMS provider configured, messages (codes included) are written
 * to the server log instead of being sent. Never for production: anyone who reads the log can
 * activate any account. The server says so at start-up (server.ts).
 */
import { randomUUID } from 'node:crypto';
import { renderSms, type SmsMessage, type SmsResult, type SmsSender } from './sms-sender.js';

export class LogSmsSender implements SmsSender {
  readonly provider = 'log';

  constructor(private readonly write: (line: string) => void = (line) => console.log(line)) {}

  async send(message: SmsMessage): Promise<SmsResult> {
    const id = randomUUID();
    // One line per message, in a fixed shape that operators (and the end-to-end tests) can grep.
    this.write(`[yishi sms:log] to ${message.phone}: ${renderSms(message)}`);
    return { providerMessageId: `log-${id}` };
  }
}
