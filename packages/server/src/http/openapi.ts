/**
 * The OpenAPI 3.1 document, generated from the route declarations (zod → JSON Schema by zod itself),
 * and a plain readable reference page rendered from it on the server, so it works offline and under
 * our content security policy.
 */
import { CONCERN_PHOTO_TYPES } from '@yishi/core';
import { z } from 'zod';
import type { RouteDef } from './route.js';
import { SPREADSHEET_CONTENT_TYPES, XLSX_CONTENT_TYPE } from './spreadsheet.js';

type JsonSchema = Record<string, unknown>;

function toSchema(schema: z.ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  delete json.$schema;
  return json;
}

const errorSchema: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'details'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
    },
  },
};

const errorContent = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };

function accessText(route: RouteDef): string {
  switch (route.access.kind) {
    case 'public':
      return 'public';
    case 'user':
      return 'any logged-in user';
    case 'roles':
      return route.access.roles.join(', ');
  }
}

/** The request body's media types: JSON by its schema, CSV as text, a spreadsheet as text or an .xlsx file, a picture as its bytes. */
function requestContent(route: RouteDef): Record<string, { schema: JsonSchema }> {
  switch (route.bodyKind ?? 'json') {
    case 'json':
      return { 'application/json': { schema: route.body ? toSchema(route.body) : {} } };
    case 'csv':
      return { 'text/csv': { schema: { type: 'string' } } };
    case 'spreadsheet':
      return Object.fromEntries(
        SPREADSHEET_CONTENT_TYPES.map((type) => [type, { schema: type === XLSX_CONTENT_TYPE ? { type: 'string', format: 'binary' } : { type: 'string' } }]),
      );
    case 'image':
      return Object.fromEntries(CONCERN_PHOTO_TYPES.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]));
  }
}

export function buildOpenApi(routes: readonly RouteDef[]): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = `/api${route.path.replace(/:(\w+)/g, '{$1}')}`;
    const parameters: unknown[] = [];
    const pathParams = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
    for (const name of pathParams) parameters.push({ name, in: 'path', required: true, schema: { type: 'string' } });
    if (route.query) {
      const schema = toSchema(route.query);
      const props = (schema.properties ?? {}) as Record<string, unknown>;
      const required = new Set((schema.required as string[] | undefined) ?? []);
      for (const [name, prop] of Object.entries(props)) parameters.push({ name, in: 'query', required: required.has(name), schema: prop });
    }
    if (route.headers) {
      const schema = toSchema(route.headers);
      const required = new Set((schema.required as string[] | undefined) ?? []);
      for (const [name, prop] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) {
        const { description, ...rest } = prop;
        parameters.push({ name, in: 'header', required: required.has(name), ...(description ? { description } : {}), schema: rest });
      }
    }
    const responses: Record<string, unknown> = {};
    const status = String(route.status ?? 200);
    if (route.status === 204) responses[status] = { description: 'No content' };
    else if (route.produces) responses[status] = { description: 'OK', content: { [route.produces]: { schema: { type: 'string' } } } };
    else responses[status] = { description: 'OK', content: { 'application/json': { schema: route.response ? toSchema(route.response) : {} } } };
    // Refusals and failures share one body; its message says what was wrong in the caller's language.
    responses['4XX'] = { description: 'Refused: invalid input, not logged in, not allowed, not found, conflict or too many tries', content: errorContent };
    responses['5XX'] = { description: 'Server error (the request had no effect)', content: errorContent };

    const operation: Record<string, unknown> = {
      operationId: `${route.method}${path.replace(/[{}]/g, '').replace(/[^a-zA-Z0-9]+(.)?/g, (_, ch: string | undefined) => (ch ?? '').toUpperCase())}`,
      summary: route.summary,
      tags: route.tags,
      parameters,
      responses,
      'x-access': route.access.kind === 'roles' ? { roles: route.access.roles } : route.access.kind,
      description: [route.description, `Access: ${accessText(route)}`, route.finerAccess ? `Also: ${route.finerAccess}` : ''].filter(Boolean).join('\n\n'),
    };
    // A public operation says so explicitly: no session needed.
    operation.security = route.access.kind === 'public' ? [] : [{ session: [] }];
    if (route.body) operation.requestBody = { required: true, content: requestContent(route) };
    (paths[path] ??= {})[route.method] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Yishi (议事) API',
      version: '0.1.0',
      license: { name: 'All rights reserved', identifier: 'LicenseRef-Proprietary' },
      description:
        'Neighbourhood deliberation meetings, votes, action items and minutes. Errors always have the body `{ "error": { "code", "message", "details" } }`; messages follow Accept-Language (zh-CN default, en).',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'yishi_session' } },
      schemas: { Error: errorSchema },
    },
    paths,
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

export function renderApiReference(doc: JsonSchema): string {
  const paths = doc.paths as Record<string, Record<string, Record<string, unknown>>>;
  const byTag = new Map<string, string[]>();
  for (const [path, ops] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = ((op.tags as string[] | undefined) ?? ['other'])[0] ?? 'other';
      const body = (op.requestBody as { content: Record<string, { schema: unknown }> } | undefined)?.content;
      const bodyHtml = body
        ? `<details><summary>Request body</summary><pre>${escapeHtml(JSON.stringify(Object.values(body)[0]?.schema, null, 2))}</pre></details>`
        : '';
      const entry = `<section class="op"><h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h3>
<p>${escapeHtml(String(op.summary ?? ''))}</p><p class="access">${escapeHtml(String(op.description ?? '')).replace(/\n/g, '<br>')}</p>${bodyHtml}</section>`;
      byTag.set(tag, [...(byTag.get(tag) ?? []), entry]);
    }
  }
  const sections = [...byTag.entries()].map(([tag, entries]) => `<h2 id="${escapeHtml(tag)}">${escapeHtml(tag)}</h2>${entries.join('\n')}`).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Yishi API reference</title><link rel="stylesheet" href="/api/docs.css"></head><body><main>
<h1>Yishi (议事) API reference</h1><p>Generated from the route declarations. Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a>.</p>
${sections}</main></body></html>`;
}

export const API_REFERENCE_CSS = `body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;line-height:1.5;margin:0;color:#1a1a1a}
main{max-width:60rem;margin:auto;padding:1rem}h2{border-bottom:2px solid #b71c1c;padding-top:1rem}
.op{border:1px solid #ddd;border-radius:6px;padding:.5rem 1rem;margin:.75rem 0}.op h3{margin:.25rem 0;font-size:1rem}
.m{display:inline-block;min-width:4.5em;font-weight:700}.get{color:#1b5e20}.post{color:#0d47a1}.put,.patch{color:#e65100}.delete{color:#b71c1c}
.access{color:#444;font-size:.9rem}pre{background:#f6f6f6;padding:.5rem;overflow:auto;font-size:.8rem}`;
