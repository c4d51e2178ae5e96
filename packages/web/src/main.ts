/** Entry point: theme and tokens, then the shell (which loads pages on demand). */
import '@shoelace-style/shoelace/dist/themes/light.css';
import './styles/app.css';
import './state/preferences.js';
import './app/yishi-app.js';
