/**
 * Entry point: theme and tokens, then the shell (which loads pages on demand). No Shoelace here:
 * pages import the components they use, and those bring Shoelace's setup (app/shoelace-setup.ts).
 */
// First: zod must not probe for eval under the content security policy (see the module).
import './app/zod-jitless.js';
import '@shoelace-style/shoelace/dist/themes/light.css';
import './styles/app.css';
import './state/preferences.js';
import './app/yishi-app.js';
