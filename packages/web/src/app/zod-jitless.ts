/**
 * Zod without its compiled fast path in the browser. Zod probes whether it may compile parsers with
 * `new Function` the first time it builds an object schema, and the app's content security policy
 * (scripts from our origin only, no eval) reports that probe as a violation even though zod catches
 * it. Core's contract builds its schemas when it loads, so this must run first: main.ts imports it
 * before anything else. (The server keeps zod's fast path.)
 */
import { config } from 'zod';

config({ jitless: true });
