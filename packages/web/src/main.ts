/** Entry point: theme and tokens, Shoelace's icons, then the shell (which loads pages on demand). */
// First: zod must not probe for eval under the content security policy (see the module).
import './app/zod-jitless.js';
import '@shoelace-style/shoelace/dist/themes/light.css';
import './styles/app.css';
import { registerIconLibrary } from '@shoelace-style/shoelace/dist/utilities/icon-library.js';
// Shoelace's own words (close, show password…) in Chinese; English is built in.
import '@shoelace-style/shoelace/dist/translations/zh-cn.js';
import './state/preferences.js';
import './app/yishi-app.js';

// Served by the build (build/system-icons.ts): same-origin sprite instead of fetched data: URLs.
registerIconLibrary('system', { resolver: (name) => `/shoelace-system-icons.svg#${name}`, spriteSheet: true });
