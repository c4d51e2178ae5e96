/**
 * The web app calls the server through core's contract (`api.call(voteEndpoints.get, …)`), but the
 * typed client needs only an endpoint's method and path at run time: the zod schemas are for the
 * server and for the types. Shipping them made every page carry zod and the schemas of every feature
 * it calls. In the build, this plugin replaces each `core/src/**\/*.contract.ts` module by the same
 * exports with the schemas left out: it loads core's contracts once in Node (through Vite's module
 * runner, from the TypeScript sources the web bundles), and writes each endpoint as
 * `{ method, path, status?, produces?, bodyKind? }`. Types still come from the real modules.
 *
 * A contract export that is neither an endpoint tree nor plain JSON (a schema such as
 * compoundParamsSchema) is re-exported from the original module, so importing it still works.
 */
import { readFileSync } from 'node:fs';
import { runnerImport, type Plugin } from 'vite';

const CONTRACT = /[\\/]packages[\\/]core[\\/]src[\\/].+\.contract\.ts$/;
const FULL = '?full-contract';
const KEPT = ['method', 'path', 'status', 'produces', 'bodyKind'] as const;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isEndpoint = (value: unknown): value is Record<string, unknown> => isRecord(value) && typeof value.method === 'string' && typeof value.path === 'string';

/** An endpoint stripped to what a call needs, a tree of them, or plain JSON; undefined for anything else (a schema). */
export function lighten(value: unknown): unknown {
  if (isEndpoint(value)) return Object.fromEntries(KEPT.filter((key) => value[key] !== undefined).map((key) => [key, value[key]]));
  if (isRecord(value)) {
    if ('_zod' in value || Object.getPrototypeOf(value) !== Object.prototype) return undefined;
    const entries = Object.entries(value).map(([key, inner]) => [key, lighten(inner)] as const);
    return entries.every(([, inner]) => inner !== undefined) ? Object.fromEntries(entries) : undefined;
  }
  if (['string', 'number', 'boolean'].includes(typeof value) || value === null) return value;
  if (Array.isArray(value)) {
    const items = value.map(lighten);
    return items.every((item) => item !== undefined) ? items : undefined;
  }
  return undefined;
}

export function lightContracts(coreIndex: string): Plugin {
  let core: Promise<Record<string, unknown>> | undefined;
  return {
    name: 'yishi-light-contracts',
    apply: 'build',
    enforce: 'pre',
    async load(id) {
      // The original module, for exports the light one leaves out.
      if (id.endsWith(FULL)) return readFileSync(id.slice(0, -FULL.length), 'utf8');
      if (!CONTRACT.test(id)) return null;
      core ??= runnerImport<Record<string, unknown>>(coreIndex, { configFile: false, logLevel: 'error' }).then((loaded) => loaded.module);
      const exports = await core;
      const source = readFileSync(id, 'utf8');
      const names = [...source.matchAll(/^export const (\w+)/gm)].map((m) => m[1] ?? '');
      if (/^export (?!const |type |interface )/m.test(source)) return null; // a re-export or function: keep the module whole
      const lines: string[] = [];
      const kept: string[] = [];
      for (const name of names) {
        const light = name in exports ? lighten(exports[name]) : undefined;
        if (light === undefined) kept.push(name);
        else lines.push(`export const ${name} = ${JSON.stringify(light)};`);
      }
      if (kept.length > 0) lines.push(`export { ${kept.join(', ')} } from ${JSON.stringify(id + FULL)};`);
      return lines.join('\n');
    },
    resolveId(id) {
      return id.endsWith(FULL) ? id : null;
    },
  };
}
