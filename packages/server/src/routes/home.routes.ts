/** The home page's "what needs me", about the caller. */
import { homeEndpoints } from '@yishi/core';
import { anyUser, defineRoute } from '../http/route.js';
import { describeMyHome } from '../services/home.service.js';

export const homeRoutes = [defineRoute(homeEndpoints.get, { access: anyUser, handler: ({ deps, actor }) => describeMyHome(deps, actor) })];
