/** The home page's "what needs me": one endpoint, about the caller. */
import { endpoint } from '../contract/endpoint.js';
import { homeSchema } from './home.schema.js';

export const homeEndpoints = {
  get: endpoint({
    method: 'get',
    path: '/me/home',
    summary:
      'What needs me: open votes my units (or the flats I hold a confirmed proxy for) have not voted in, my concerns, outcomes to rate; for staff overdue items, minutes to publish, meetings today, votes closing',
    description:
      'Each list holds at most 10 entries, overdue or soonest first, with the total. A part is null when the caller holds no role it is for; the owner part is there for a proxy holder with no flat of her own, with only the votes she may cast for others. Staff sections follow the roles held at each compound (core/home HOME_STAFF_SECTIONS).',
    tags: ['auth', 'home'],
    response: homeSchema,
  }),
};
