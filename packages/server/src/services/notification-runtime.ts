/**
 * Starting notifications with the server: the channels from the configuration, the outbox worker
 * and the scheduler (YISHI_NOTIFY_WORKER=0 leaves both to other instances). Says once in the log
 * when there is no e-mail channel.
 */
import type { Deps } from '../deps.js';
import { createChannels } from '../notify/channels.js';
import { startNotificationScheduler } from './notification-scheduler.js';
import { startNotificationWorker } from './notification-worker.js';

export function startNotifications(deps: Deps): { stop: () => Promise<void> } {
  if (!deps.config.notifications.mail) {
    console.warn('[yishi] No e-mail channel: YISHI_SMTP_URL is not set, so notices go in the app and by SMS only (docs/operations.md, "Notifications").');
  }
  if (!deps.config.notifications.worker) return { stop: async () => undefined };
  // The sender is read when each message goes out (tests swap deps.sms after start).
  const channels = createChannels(deps.config, { provider: deps.sms.provider, send: (message) => deps.sms.send(message) });
  const worker = startNotificationWorker(deps, channels);
  const scheduler = startNotificationScheduler(deps);
  return {
    stop: async () => {
      await scheduler.stop();
      await worker.stop();
      channels.mail?.close();
    },
  };
}
