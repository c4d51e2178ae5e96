/** Writes docs/api/openapi.json from the route declarations: `npm run docs:api`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOpenApi } from '../src/http/openapi.js';
import { allRoutes } from '../src/routes/index.js';

const target = resolve(dirname(fileURLToPath(import.meta.url)), '../../../docs/api/openapi.json');
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, `${JSON.stringify(buildOpenApi(allRoutes), null, 2)}\n`);
console.log(`Wrote ${target} (${allRoutes.length} operations).`);
