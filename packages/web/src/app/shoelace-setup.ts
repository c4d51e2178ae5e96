/**
 * Shoelace's one-time setup, imported by every Shoelace component module (build/shoelace-setup.ts),
 * so it loads with the first page that uses Shoelace instead of with the shell.
 */
import { registerIconLibrary } from '@shoelace-style/shoelace/dist/utilities/icon-library.js';
// Shoelace's own words (close, show password…) in Chinese; English is built in.
import '@shoelace-style/shoelace/dist/translations/zh-cn.js';

// Served by the build (build/system-icons.ts): same-origin sprite instead of fetched data: URLs.
registerIconLibrary('system', { resolver: (name) => `/shoelace-system-icons.svg#${name}`, spriteSheet: true });
