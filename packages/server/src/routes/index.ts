/**
 * Every API route of the product, in one list: the app mounts it, the OpenAPI document describes it,
 * the access-matrix test walks it. A feature adds its `<feature>.routes.ts` with one line here.
 */
import type { RouteDef } from '../http/route.js';
import { authRoutes } from './auth.routes.js';
import { compoundRoutes } from './compounds.routes.js';
import { voteRoutes } from './votes.routes.js';
import { voteObjectionRoutes } from './vote-objections.routes.js';
import { voteTimelineRoutes } from './vote-timeline.routes.js';
import { voteNavigatorRoutes } from './vote-navigator.routes.js';
import { voteProxyRoutes } from './vote-proxies.routes.js';
import { proposalRoutes } from './proposals.routes.js';
import { meetingRoutes } from './meetings.routes.js';
import { actionItemRoutes } from './action-items.routes.js';
import { ledgerRoutes } from './ledger.routes.js';
import { minutesRoutes } from './minutes.routes.js';
import { boardRoutes } from './board.routes.js';
import { dashboardRoutes } from './dashboard.routes.js';
import { healthRoutes } from './health.routes.js';
import { setupRoutes } from './setup.routes.js';
import { placesRoutes } from './places.routes.js';
import { staffRoutes } from './staff.routes.js';
import { activationRoutes } from './activation.routes.js';
import { accountRoutes } from './account.routes.js';
import { activationLetterRoutes } from './activation-letters.routes.js';
import { notificationRoutes } from './notifications.routes.js';
import { homeRoutes } from './home.routes.js';
import { evidenceRoutes } from './evidence.routes.js';
import { openBallotRoutes } from './open-ballot.routes.js';
import { anchorRoutes } from './anchors.routes.js';

export const allRoutes: readonly RouteDef[] = [
  ...authRoutes,
  ...homeRoutes,
  ...setupRoutes,
  ...placesRoutes,
  ...staffRoutes,
  ...activationRoutes,
  ...accountRoutes,
  ...activationLetterRoutes,
  ...compoundRoutes,
  ...voteRoutes,
  ...voteObjectionRoutes,
  ...voteTimelineRoutes,
  ...voteNavigatorRoutes,
  ...voteProxyRoutes,
  ...proposalRoutes,
  ...meetingRoutes,
  ...actionItemRoutes,
  ...ledgerRoutes,
  ...minutesRoutes,
  ...boardRoutes,
  ...dashboardRoutes,
  ...healthRoutes,
  ...notificationRoutes,
  ...evidenceRoutes,
  ...openBallotRoutes,
  ...anchorRoutes,
];
