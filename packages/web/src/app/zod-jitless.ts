/**
 * Zod without its compiled fast path in the browser. Zod probes whether it may compile parsers with
 * `new Function` the first time it builds an object schema, and the app's content security policy
 * (scripts from our origin only, no eval) reports that probe as a violation even though zod catches
 * it. Schemas are built when the modules declaring them load, so this must run first: main.ts
 * imports it before anything else. Zod keeps its settings on `globalThis.__zod_globalConfig` and
 * adopts an object already there, so the shell sets jitless without importing zod (only the pages
 * that validate forms load it). (The server keeps zod's fast path.)
 */
(globalThis as { __zod_globalConfig?: { jitless?: boolean } }).__zod_globalConfig = { jitless: true };

export {};
