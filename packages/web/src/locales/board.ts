/** Words of the notice board page itself (its sections bring their own): printing it for the physical 公示栏. */
export const boardMessages = {
  'board.print': { 'zh-CN': '打印公示栏（A4）', en: 'Print the board (A4)' },
  'board.printedAt': { 'zh-CN': '打印时间：{time}', en: 'Printed {time}' },
  'board.printScan': { 'zh-CN': '扫码查看最新公示（无需登录）：', en: 'Scan for the latest notices (no login needed): ' },
  'board.printQrAlt': { 'zh-CN': '在线公示栏二维码', en: 'QR code of the online notice board' },
} as const;
