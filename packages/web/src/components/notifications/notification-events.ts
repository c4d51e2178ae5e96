/** Tells the bell that the unread count changed (a notice read on the list page), without a reload. */
export const NOTIFICATIONS_CHANGED = 'yishi-notifications-changed';

export function notificationsChanged(): void {
  window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));
}
