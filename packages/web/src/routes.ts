/**
 * The page registry: one line per page. The shell matches paths in this order, lazy-loads the
 * module, and shows `title` in the tab. `nav` makes the page an action on the home page for the
 * listed roles (per compound when the path has `:compoundId`); `public` pages need no login.
 * Add your feature's pages at the end of the list, one entry each.
 */
import type { RouteDef } from './app/router.js';

export const routes: RouteDef[] = [
  { path: '/', tag: 'yishi-home-page', load: () => import('./pages/home/home-page.js'), title: { 'zh-CN': '首页', en: 'Home' } },
  { path: '/login', tag: 'yishi-login-page', load: () => import('./pages/login/login-page.js'), title: { 'zh-CN': '登录', en: 'Log in' }, public: true },
  {
    path: '/compounds/:compoundId',
    tag: 'yishi-compound-overview-page',
    load: () => import('./pages/compounds/compound-overview-page.js'),
    title: { 'zh-CN': '小区概况', en: 'Compound overview' },
    nav: {
      roles: ['subdistrict_committee', 'community_staff', 'station_chief', 'station_deputy', 'building_head', 'grid_worker', 'party_rep', 'owner', 'resident'],
      label: { 'zh-CN': '小区概况', en: 'Overview' },
    },
  },
  {
    path: '/compounds/:compoundId/roster',
    tag: 'yishi-roster-import-page',
    load: () => import('./pages/roster/roster-import-page.js'),
    title: { 'zh-CN': '花名册导入', en: 'Roster import' },
    nav: { roles: ['subdistrict_committee', 'community_staff', 'station_chief', 'station_deputy'], label: { 'zh-CN': '花名册', en: 'Roster' } },
  },
  {
    path: '/board/:compoundId',
    tag: 'yishi-board-page',
    load: () => import('./pages/board/board-page.js'),
    title: { 'zh-CN': '公示栏', en: 'Notice board' },
    public: true,
    nav: { roles: ['public'], label: { 'zh-CN': '公示栏', en: 'Notice board' } },
  },
  {
    path: '/compounds/:compoundId/action-items',
    tag: 'yishi-action-items-page',
    load: () => import('./pages/action-items/action-items-page.js'),
    title: { 'zh-CN': '整改事项', en: 'Action items' },
    nav: {
      roles: ['subdistrict_committee', 'community_staff', 'station_chief', 'station_deputy', 'building_head', 'grid_worker', 'party_rep'],
      label: { 'zh-CN': '整改事项', en: 'Action items' },
    },
  },
  {
    path: '/compounds/:compoundId/ledger',
    tag: 'yishi-ledger-page',
    load: () => import('./pages/action-items/ledger-page.js'),
    title: { 'zh-CN': '整改台账', en: 'Action ledger' },
    nav: {
      roles: ['subdistrict_committee', 'community_staff', 'station_chief', 'station_deputy', 'building_head', 'grid_worker', 'party_rep'],
      label: { 'zh-CN': '整改台账', en: 'Ledger' },
    },
  },
  {
    path: '/compounds/:compoundId/concerns',
    tag: 'yishi-concern-page',
    load: () => import('./pages/action-items/concern-page.js'),
    title: { 'zh-CN': '反映问题', en: 'Report a concern' },
    nav: { roles: ['owner', 'resident'], label: { 'zh-CN': '反映问题', en: 'Report a concern' } },
  },
  {
    path: '/action-items/:itemId',
    tag: 'yishi-action-item-page',
    load: () => import('./pages/action-items/action-item-page.js'),
    title: { 'zh-CN': '整改事项详情', en: 'Action item' },
  },
  {
    path: '/compounds/:compoundId/meetings',
    tag: 'yishi-meetings-list-page',
    load: () => import('./pages/meetings/meetings-list-page.js'),
    title: { 'zh-CN': '议事会议', en: 'Meetings' },
    nav: {
      roles: ['subdistrict_committee', 'community_staff', 'station_chief', 'station_deputy', 'building_head', 'grid_worker', 'party_rep', 'owner', 'resident'],
      label: { 'zh-CN': '议事会议', en: 'Meetings' },
    },
  },
  {
    path: '/meetings/:meetingId',
    tag: 'yishi-meeting-page',
    load: () => import('./pages/meetings/meeting-page.js'),
    title: { 'zh-CN': '会议', en: 'Meeting' },
  },
  {
    path: '/meetings/:meetingId/ask',
    tag: 'yishi-meeting-ask-page',
    load: () => import('./pages/meetings/ask-page.js'),
    title: { 'zh-CN': '夜谈提问', en: 'Ask a question' },
  },
  {
    path: '/hall/:meetingId',
    tag: 'yishi-hall-page',
    load: () => import('./pages/meetings/hall-page.js'),
    title: { 'zh-CN': '会场大屏', en: 'Hall screen' },
    public: true,
    bare: true,
  },
  {
    path: '/compounds/:compoundId/votes',
    tag: 'yishi-votes-page',
    load: () => import('./pages/votes/votes-page.js'),
    title: { 'zh-CN': '表决', en: 'Votes' },
    nav: {
      roles: ['subdistrict_committee', 'community_staff', 'station_chief', 'station_deputy', 'building_head', 'grid_worker', 'party_rep', 'owner', 'resident'],
      label: { 'zh-CN': '表决', en: 'Votes' },
    },
  },
  {
    path: '/compounds/:compoundId/votes/new',
    tag: 'yishi-vote-create-page',
    load: () => import('./pages/votes/vote-create-page.js'),
    title: { 'zh-CN': '发起表决', en: 'New vote' },
  },
  { path: '/votes/:voteId', tag: 'yishi-vote-page', load: () => import('./pages/votes/vote-page.js'), title: { 'zh-CN': '表决', en: 'Vote' } },
  {
    path: '/votes/:voteId/manage',
    tag: 'yishi-vote-manage-page',
    load: () => import('./pages/votes/vote-manage-page.js'),
    title: { 'zh-CN': '管理表决', en: 'Manage vote' },
  },
  {
    path: '/votes/:voteId/receipts',
    tag: 'yishi-vote-receipts-page',
    load: () => import('./pages/votes/vote-receipts-page.js'),
    title: { 'zh-CN': '回执码公示', en: 'Receipt codes' },
    public: true,
  },
  {
    path: '/compounds/:compoundId/proposals',
    tag: 'yishi-proposals-page',
    load: () => import('./pages/votes/proposals-page.js'),
    title: { 'zh-CN': '居民提案', en: 'Proposals' },
    nav: {
      roles: ['subdistrict_committee', 'community_staff', 'station_chief', 'station_deputy', 'building_head', 'grid_worker', 'party_rep', 'owner', 'resident'],
      label: { 'zh-CN': '居民提案', en: 'Proposals' },
    },
  },
  {
    path: '/proposals/:proposalId',
    tag: 'yishi-proposal-page',
    load: () => import('./pages/votes/proposal-page.js'),
    title: { 'zh-CN': '提案', en: 'Proposal' },
  },
  {
    path: '/meetings/:meetingId/minutes',
    tag: 'yishi-minutes-page',
    load: () => import('./pages/minutes/minutes-page.js'),
    title: { 'zh-CN': '会议纪要', en: 'Minutes' },
  },
  {
    path: '/minutes/:meetingId',
    tag: 'yishi-minutes-public-page',
    load: () => import('./pages/minutes/minutes-public-page.js'),
    title: { 'zh-CN': '会议纪要', en: 'Minutes' },
    public: true,
  },
  {
    path: '/board/:compoundId/poster',
    tag: 'yishi-poster-page',
    load: () => import('./pages/board/poster-page.js'),
    title: { 'zh-CN': '公示栏二维码海报', en: 'Notice board poster' },
    public: true,
  },
  {
    path: '/dashboard',
    tag: 'yishi-dashboard-page',
    load: () => import('./pages/dashboard/dashboard-page.js'),
    title: { 'zh-CN': '议事工作统计', en: 'Dashboard' },
    nav: { roles: ['subdistrict_committee', 'community_staff'], label: { 'zh-CN': '工作统计', en: 'Dashboard' } },
  },
  {
    path: '/compounds/:compoundId/minutes',
    tag: 'yishi-minutes-list-page',
    load: () => import('./pages/minutes/minutes-list-page.js'),
    title: { 'zh-CN': '会议纪要', en: 'Minutes' },
    nav: { roles: ['subdistrict_committee', 'community_staff', 'station_chief', 'station_deputy', 'party_rep'], label: { 'zh-CN': '会议纪要', en: 'Minutes' } },
  },
  {
    path: '/setup',
    tag: 'yishi-setup-page',
    load: () => import('./pages/setup/setup-page.js'),
    title: { 'zh-CN': '初始设置', en: 'First-run setup' },
    public: true,
  },
  {
    path: '/activate',
    tag: 'yishi-activate-page',
    load: () => import('./pages/activate/activate-page.js'),
    title: { 'zh-CN': '激活账号', en: 'Activate your account' },
    public: true,
  },
  { path: '/account', tag: 'yishi-account-page', load: () => import('./pages/account/account-page.js'), title: { 'zh-CN': '我的账号', en: 'My account' } },
  {
    path: '/admin/places',
    tag: 'yishi-places-page',
    load: () => import('./pages/admin/places-page.js'),
    title: { 'zh-CN': '社区和小区', en: 'Communities and compounds' },
    nav: { roles: ['subdistrict_committee', 'community_staff'], label: { 'zh-CN': '社区和小区', en: 'Communities & compounds' } },
  },
  {
    path: '/staff',
    tag: 'yishi-staff-page',
    load: () => import('./pages/staff/staff-page.js'),
    title: { 'zh-CN': '工作人员授权', en: 'Staff and roles' },
    nav: { roles: ['subdistrict_committee', 'community_staff', 'station_chief'], label: { 'zh-CN': '工作人员授权', en: 'Staff & roles' } },
  },
  {
    path: '/compounds/:compoundId/activation',
    tag: 'yishi-activation-page',
    load: () => import('./pages/activation/activation-page.js'),
    title: { 'zh-CN': '账号激活', en: 'Account activation' },
    nav: {
      roles: ['subdistrict_committee', 'community_staff', 'station_chief', 'station_deputy', 'building_head'],
      label: { 'zh-CN': '账号激活', en: 'Accounts' },
    },
  },
  {
    path: '/notifications',
    tag: 'yishi-notifications-page',
    load: () => import('./pages/notifications/notifications-page.js'),
    title: { 'zh-CN': '我的通知', en: 'My notifications' },
  },
  {
    path: '/account/notifications',
    tag: 'yishi-notification-settings-page',
    load: () => import('./pages/notifications/notification-settings-page.js'),
    title: { 'zh-CN': '通知设置', en: 'Notification settings' },
  },
  {
    path: '/compounds/:compoundId/notifications',
    tag: 'yishi-compound-robots-page',
    load: () => import('./pages/notifications/compound-robots-page.js'),
    title: { 'zh-CN': '工作群机器人', en: 'Staff group robots' },
    nav: { roles: ['subdistrict_committee', 'community_staff', 'station_chief', 'station_deputy'], label: { 'zh-CN': '工作群通知', en: 'Group robots' } },
  },
];
