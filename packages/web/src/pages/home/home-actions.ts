/**
 * The actions the home page offers, each a page of the registry (routes.ts) and the roles it is for:
 * per compound when the path's only parameter is `:compoundId`, once when it has none. A feature
 * whose page belongs on the home page adds one line here (and its label to locales/home.ts); the
 * page then shows up for exactly those roles. Kept apart from the registry, which every page loads,
 * as only the home page reads it.
 */
import type { Role } from '@yishi/core';
import type { MessageKey } from '../../i18n.js';

/** Who an action is for: a role held at a compound, or 'public' for everybody. */
export type ActionAudience = Role | 'public';

export interface HomeAction {
  path: string;
  roles: readonly ActionAudience[];
  label: MessageKey;
}

export const HOME_ACTIONS: readonly HomeAction[] = [
  {
    path: '/compounds/:compoundId',
    roles: ['subdistrict_committee', 'community_staff', 'station_chief', 'station_deputy', 'building_head', 'grid_worker', 'party_rep', 'owner', 'resident'],
    label: 'home.action.overview',
  },
  {
    path: '/compounds/:compoundId/roster',
    roles: ['subdistrict_committee', 'community_staff', 'station_chief', 'station_deputy'],
    label: 'home.action.roster',
  },
  { path: '/board/:compoundId', roles: ['public'], label: 'home.action.board' },
  {
    path: '/compounds/:compoundId/action-items',
    roles: ['subdistrict_committee', 'community_staff', 'station_chief', 'station_deputy', 'building_head', 'grid_worker', 'party_rep'],
    label: 'home.action.actionItems',
  },
  {
    path: '/compounds/:compoundId/ledger',
    roles: ['subdistrict_committee', 'community_staff', 'station_chief', 'station_deputy', 'building_head', 'grid_worker', 'party_rep'],
    label: 'home.action.ledger',
  },
  { path: '/compounds/:compoundId/concerns', roles: ['owner', 'resident'], label: 'home.action.concern' },
  {
    path: '/compounds/:compoundId/meetings',
    roles: ['subdistrict_committee', 'community_staff', 'station_chief', 'station_deputy', 'building_head', 'grid_worker', 'party_rep', 'owner', 'resident'],
    label: 'home.action.meetings',
  },
  {
    path: '/compounds/:compoundId/votes',
    roles: ['subdistrict_committee', 'community_staff', 'station_chief', 'station_deputy', 'building_head', 'grid_worker', 'party_rep', 'owner', 'resident'],
    label: 'home.action.votes',
  },
  {
    path: '/compounds/:compoundId/proposals',
    roles: ['subdistrict_committee', 'community_staff', 'station_chief', 'station_deputy', 'building_head', 'grid_worker', 'party_rep', 'owner', 'resident'],
    label: 'home.action.proposals',
  },
  { path: '/dashboard', roles: ['subdistrict_committee', 'community_staff'], label: 'home.action.dashboard' },
  {
    path: '/compounds/:compoundId/minutes',
    roles: ['subdistrict_committee', 'community_staff', 'station_chief', 'station_deputy', 'party_rep'],
    label: 'home.action.minutes',
  },
  { path: '/admin/places', roles: ['subdistrict_committee', 'community_staff'], label: 'home.action.places' },
  { path: '/staff', roles: ['subdistrict_committee', 'community_staff', 'station_chief'], label: 'home.action.staff' },
  {
    path: '/compounds/:compoundId/activation',
    roles: ['subdistrict_committee', 'community_staff', 'station_chief', 'station_deputy', 'building_head'],
    label: 'home.action.activation',
  },
  {
    path: '/compounds/:compoundId/notifications',
    roles: ['subdistrict_committee', 'community_staff', 'station_chief', 'station_deputy'],
    label: 'home.action.robots',
  },
];
