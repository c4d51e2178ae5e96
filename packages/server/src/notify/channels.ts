/** The senders the outbox worker uses, built from the configuration; tests pass their own. */
import type { Config } from '../config.js';
import type { SmsSender } from '../sms/sms-sender.js';
import { SmtpMailSender, type MailSender } from './mail-sender.js';
import { RobotSender } from './robot-sender.js';

export interface NotificationChannels {
  sms: SmsSender;
  /** Null when YISHI_SMTP_URL is not set: no e-mail channel. */
  mail: MailSender | null;
  robots: RobotSender;
}

export function createChannels(config: Config, sms: SmsSender): NotificationChannels {
  const mail = config.notifications.mail ? new SmtpMailSender(config.notifications.mail, { maxConnections: config.notifications.concurrency }) : null;
  return { sms, mail, robots: new RobotSender({ allowedHosts: config.notifications.robotHosts }) };
}
