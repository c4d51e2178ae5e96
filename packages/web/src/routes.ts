/**
 * The page registry: one line per page. The shell matches paths in this order, lazy-loads the
 * module, and shows the page's title in the tab (`title.<name>` in locales/shell.ts for the tag `yishi-<name>-page`: a page
 * without one does not compile); `public` pages need no login. Add your feature's pages at the end
 * of the list, one entry each; a page that belongs among the home page's actions gets a line in
 * pages/home/home-actions.ts too. Every page loads this table, so it holds no words: each
 * language's titles come with that language's words.
 */
import type { RouteDef } from './app/router.js';

export const routes: RouteDef[] = [
  { path: '/', tag: 'yishi-home-page', load: () => import('./pages/home/home-page.js') },
  { path: '/login', tag: 'yishi-login-page', load: () => import('./pages/login/login-page.js'), public: true },
  {
    path: '/compounds/:compoundId',
    tag: 'yishi-compound-overview-page',
    load: () => import('./pages/compounds/compound-overview-page.js'),
  },
  {
    path: '/compounds/:compoundId/roster',
    tag: 'yishi-roster-import-page',
    load: () => import('./pages/roster/roster-import-page.js'),
  },
  {
    path: '/board/:compoundId',
    tag: 'yishi-board-page',
    load: () => import('./pages/board/board-page.js'),
    public: true,
  },
  {
    path: '/compounds/:compoundId/action-items',
    tag: 'yishi-action-items-page',
    load: () => import('./pages/action-items/action-items-page.js'),
  },
  {
    path: '/compounds/:compoundId/ledger',
    tag: 'yishi-ledger-page',
    load: () => import('./pages/action-items/ledger-page.js'),
  },
  {
    path: '/compounds/:compoundId/concerns',
    tag: 'yishi-concern-page',
    load: () => import('./pages/action-items/concern-page.js'),
  },
  {
    path: '/action-items/:itemId',
    tag: 'yishi-action-item-page',
    load: () => import('./pages/action-items/action-item-page.js'),
  },
  {
    path: '/compounds/:compoundId/meetings',
    tag: 'yishi-meetings-list-page',
    load: () => import('./pages/meetings/meetings-list-page.js'),
  },
  {
    path: '/meetings/:meetingId',
    tag: 'yishi-meeting-page',
    load: () => import('./pages/meetings/meeting-page.js'),
  },
  {
    path: '/meetings/:meetingId/ask',
    tag: 'yishi-meeting-ask-page',
    load: () => import('./pages/meetings/ask-page.js'),
  },
  {
    path: '/hall/:meetingId',
    tag: 'yishi-hall-page',
    load: () => import('./pages/meetings/hall-page.js'),
    public: true,
    bare: true,
  },
  {
    path: '/compounds/:compoundId/votes',
    tag: 'yishi-votes-page',
    load: () => import('./pages/votes/votes-page.js'),
  },
  {
    path: '/compounds/:compoundId/votes/new',
    tag: 'yishi-vote-create-page',
    load: () => import('./pages/votes/vote-create-page.js'),
  },
  { path: '/votes/:voteId', tag: 'yishi-vote-page', load: () => import('./pages/votes/vote-page.js') },
  {
    path: '/votes/:voteId/manage',
    tag: 'yishi-vote-manage-page',
    load: () => import('./pages/votes/vote-manage-page.js'),
  },
  {
    path: '/votes/:voteId/navigator',
    tag: 'yishi-vote-navigator-page',
    load: () => import('./pages/votes/vote-navigator-page.js'),
  },
  {
    path: '/votes/:voteId/roll-check',
    tag: 'yishi-roll-check-page',
    load: () => import('./pages/votes/roll-check-page.js'),
    public: true,
  },
  {
    path: '/votes/:voteId/receipts',
    tag: 'yishi-vote-receipts-page',
    load: () => import('./pages/votes/vote-receipts-page.js'),
    public: true,
  },
  {
    path: '/compounds/:compoundId/proposals',
    tag: 'yishi-proposals-page',
    load: () => import('./pages/votes/proposals-page.js'),
  },
  {
    path: '/proposals/:proposalId',
    tag: 'yishi-proposal-page',
    load: () => import('./pages/votes/proposal-page.js'),
  },
  {
    path: '/meetings/:meetingId/minutes',
    tag: 'yishi-minutes-page',
    load: () => import('./pages/minutes/minutes-page.js'),
  },
  {
    path: '/minutes/:meetingId',
    tag: 'yishi-minutes-public-page',
    load: () => import('./pages/minutes/minutes-public-page.js'),
    public: true,
  },
  {
    path: '/board/:compoundId/poster',
    tag: 'yishi-poster-page',
    load: () => import('./pages/board/poster-page.js'),
    public: true,
  },
  {
    path: '/dashboard',
    tag: 'yishi-dashboard-page',
    load: () => import('./pages/dashboard/dashboard-page.js'),
  },
  {
    path: '/compounds/:compoundId/minutes',
    tag: 'yishi-minutes-list-page',
    load: () => import('./pages/minutes/minutes-list-page.js'),
  },
  {
    path: '/setup',
    tag: 'yishi-setup-page',
    load: () => import('./pages/setup/setup-page.js'),
    public: true,
  },
  {
    path: '/activate',
    tag: 'yishi-activate-page',
    load: () => import('./pages/activate/activate-page.js'),
    public: true,
  },
  { path: '/account', tag: 'yishi-account-page', load: () => import('./pages/account/account-page.js') },
  {
    path: '/admin/places',
    tag: 'yishi-places-page',
    load: () => import('./pages/admin/places-page.js'),
  },
  {
    path: '/staff',
    tag: 'yishi-staff-page',
    load: () => import('./pages/staff/staff-page.js'),
  },
  {
    path: '/compounds/:compoundId/activation',
    tag: 'yishi-activation-page',
    load: () => import('./pages/activation/activation-page.js'),
  },
  {
    path: '/notifications',
    tag: 'yishi-notifications-page',
    load: () => import('./pages/notifications/notifications-page.js'),
  },
  {
    path: '/account/notifications',
    tag: 'yishi-notification-settings-page',
    load: () => import('./pages/notifications/notification-settings-page.js'),
  },
  {
    path: '/compounds/:compoundId/notifications',
    tag: 'yishi-compound-robots-page',
    load: () => import('./pages/notifications/compound-robots-page.js'),
  },
];
