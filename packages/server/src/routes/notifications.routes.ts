/**
 * Notifications: my notification centre and preferences (any logged-in person, their own), and a
 * compound's staff group robots and delivery record (the compound's staff).
 */
import { COMPOUND_STAFF, notificationEndpoints } from '@yishi/core';
import { compoundFromParams } from '../http/place-lookups.js';
import { anyUser, defineRoute, rolesAt } from '../http/route.js';
import { deliveryReport, resendEvent } from '../services/notification-delivery.service.js';
import { addRobot, changeRobot, listRobots, removeRobot, testRobot } from '../services/notification-robots.service.js';
import {
  getMyEmail,
  getNotificationSettings,
  listMyNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  saveNotificationSettings,
  setMyEmail,
  unreadCount,
} from '../services/notifications.service.js';

const staffHere = rolesAt(COMPOUND_STAFF, compoundFromParams);

export const notificationRoutes = [
  defineRoute(notificationEndpoints.list, { access: anyUser, handler: ({ deps, actor, query }) => listMyNotifications(deps, actor, query) }),
  defineRoute(notificationEndpoints.unread, { access: anyUser, handler: ({ deps, actor }) => unreadCount(deps, actor) }),
  defineRoute(notificationEndpoints.markRead, {
    access: anyUser,
    handler: ({ deps, actor, params }) => markNotificationRead(deps, actor, params.notificationId),
  }),
  defineRoute(notificationEndpoints.markAllRead, { access: anyUser, handler: ({ deps, actor }) => markAllNotificationsRead(deps, actor) }),
  defineRoute(notificationEndpoints.settings, { access: anyUser, handler: ({ deps, actor }) => getNotificationSettings(deps, actor) }),
  defineRoute(notificationEndpoints.saveSettings, { access: anyUser, handler: ({ deps, actor, body }) => saveNotificationSettings(deps, actor, body) }),
  defineRoute(notificationEndpoints.email, { access: anyUser, handler: ({ deps, actor }) => getMyEmail(deps, actor) }),
  defineRoute(notificationEndpoints.setEmail, { access: anyUser, handler: ({ deps, actor, body }) => setMyEmail(deps, actor, body.email) }),
  defineRoute(notificationEndpoints.robots, { access: staffHere, handler: ({ deps, params }) => listRobots(deps, params.compoundId) }),
  defineRoute(notificationEndpoints.addRobot, {
    access: staffHere,
    handler: ({ deps, actor, params, body }) => addRobot(deps, actor, params.compoundId, body),
  }),
  defineRoute(notificationEndpoints.changeRobot, {
    access: staffHere,
    handler: ({ deps, params, body }) => changeRobot(deps, params.compoundId, params.robotId, body),
  }),
  defineRoute(notificationEndpoints.removeRobot, {
    access: staffHere,
    handler: async ({ deps, params }) => {
      await removeRobot(deps, params.compoundId, params.robotId);
      return null;
    },
  }),
  defineRoute(notificationEndpoints.testRobot, {
    access: staffHere,
    handler: ({ deps, actor, params }) => testRobot(deps, actor, params.compoundId, params.robotId),
  }),
  defineRoute(notificationEndpoints.deliveries, {
    access: staffHere,
    handler: ({ deps, params, query, locale }) => deliveryReport(deps, params.compoundId, query.subjectKind, query.subjectId, locale),
  }),
  defineRoute(notificationEndpoints.resend, { access: staffHere, handler: ({ deps, params }) => resendEvent(deps, params.compoundId, params.eventId) }),
];
