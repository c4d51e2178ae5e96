/**
 * Entry point: theme and tokens, then the shell (which loads pages on demand). Shoelace's light
 * theme gives the design tokens (`--sl-…`) the native controls are drawn from; no Shoelace
 * component is used.
 */
// First: zod must not probe for eval under the content security policy (see the module).
import './app/zod-jitless.js';
import '@shoelace-style/shoelace/dist/themes/light.css';
import './styles/app.css';
import './styles/notices.css';
import './state/preferences.js';
import './app/yishi-app.js';
