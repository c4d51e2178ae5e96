/** Words of the app shell: header, language and elder-mode switches, loading/error/empty states. */
export const shellMessages = {
  'app.name': { 'zh-CN': '议事', en: 'Yishi' },
  'app.tagline': { 'zh-CN': '小区议事协商平台', en: 'Neighbourhood deliberation' },
  'shell.skip': { 'zh-CN': '跳到主要内容', en: 'Skip to main content' },
  'shell.home': { 'zh-CN': '首页', en: 'Home' },
  'shell.elder': { 'zh-CN': '长辈版（大字）', en: 'Large text' },
  'shell.language': { 'zh-CN': 'English', en: '中文' },
  'shell.languageLabel': { 'zh-CN': 'Switch to English', en: '切换到中文' },
  'shell.account': { 'zh-CN': '我的账号', en: 'My account' },
  'shell.logout': { 'zh-CN': '退出登录', en: 'Log out' },
  'shell.login': { 'zh-CN': '登录', en: 'Log in' },
  'shell.loggedOut': { 'zh-CN': '您已退出登录', en: 'You are logged out' },
  'shell.mainNav': { 'zh-CN': '主导航', en: 'Main navigation' },
  'state.loading': { 'zh-CN': '正在加载…', en: 'Loading…' },
  'state.retry': { 'zh-CN': '重试', en: 'Try again' },
  'state.errorTitle': { 'zh-CN': '没能加载', en: 'Could not load' },
  'state.empty': { 'zh-CN': '暂无内容', en: 'Nothing here yet' },
  'state.pageLoadFailed': {
    'zh-CN': '页面加载失败，请检查网络后刷新',
    en: 'The page failed to load; check your connection and reload',
  },
  'notFound.title': { 'zh-CN': '找不到这个页面', en: 'Page not found' },
  'notFound.body': {
    'zh-CN': '您访问的地址“{path}”不存在，可能链接有误或页面已移走。',
    en: 'There is no page at “{path}”. The link may be wrong or the page has moved.',
  },
  'notFound.home': { 'zh-CN': '回到首页', en: 'Go to the home page' },
} as const;
