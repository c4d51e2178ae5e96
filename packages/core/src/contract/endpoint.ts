/**
 * The contract between server and web app, one declaration per API operation: its method and path,
 * the zod schemas of its path parameters, query, body and response, and its words for the API
 * reference. The server serves it (defineRoute adds who may call it and the handler), the web app
 * calls it through the typed client (web/src/api/client.ts), the OpenAPI document is generated from
 * it, and tests check every answer against its response schema. Nothing here does IO.
 */
import type { z } from 'zod';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Schema = z.ZodType | undefined;

export interface Endpoint<
  P extends Schema = Schema,
  Q extends Schema = Schema,
  B extends Schema = Schema,
  R extends Schema = Schema,
  H extends Schema = Schema,
> {
  method: HttpMethod;
  /** Below /api, in Hono syntax: `/compounds/:compoundId`. */
  path: string;
  summary: string;
  description?: string;
  tags: readonly string[];
  params?: P;
  query?: Q;
  body?: B;
  /**
   * Request headers the operation reads, as a zod object keyed by the header's name as the API
   * reference spells it (`Idempotency-Key`); each becomes a header parameter in the OpenAPI document.
   * Header names are case-insensitive on the wire.
   */
  headers?: H;
  /**
   * How the body travels: json (default); csv, text decoded from UTF-16 by BOM, UTF-8 or GB18030;
   * spreadsheet, CSV/tab-separated text or an .xlsx workbook given to the handler as `{ rows }`;
   * image, the bytes of a picture given to the handler as `{ bytes, contentType }`.
   */
  bodyKind?: 'json' | 'csv' | 'spreadsheet' | 'image';
  /** The JSON success body. Absent only for 204 and for non-JSON answers (`produces`). */
  response?: R;
  /** Content type of a non-JSON success body (text/csv, application/pdf …). */
  produces?: string;
  status?: 200 | 201 | 202 | 204;
}

/** Declares an endpoint, keeping its exact type (schemas, status, `produces`) for the server's handler and the web client. */
export function endpoint<const E extends Endpoint>(spec: E): E {
  return spec;
}

type In<S> = S extends z.ZodType ? z.input<S> : undefined;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What the handler receives (validated, defaults applied) and what it must answer (before serialisation). */
export type ParamsOf<E extends Endpoint> = Out<E['params']>;
export type QueryOf<E extends Endpoint> = Out<E['query']>;
export type BodyOf<E extends Endpoint> = Out<E['body']>;
export type HeadersOf<E extends Endpoint> = Out<E['headers']>;
export type ResultOf<E extends Endpoint> = E['response'] extends z.ZodType ? z.input<E['response']> : null;
/** True for an endpoint that answers something other than JSON (a PDF, a CSV file). */
export type ProducesFile<E extends Endpoint> = E extends { produces: string } ? true : false;

/** What a client sends (before defaults) and gets back (parsed JSON, as the response schema describes it). */
export type ParamsInput<E extends Endpoint> = In<E['params']>;
export type QueryInput<E extends Endpoint> = In<E['query']>;
export type BodyInput<E extends Endpoint> = In<E['body']>;
export type HeadersInput<E extends Endpoint> = In<E['headers']>;
export type Answer<E extends Endpoint> = E['response'] extends z.ZodType ? z.output<E['response']> : undefined;

/** What a call of an endpoint needs: its path parameters, query and body, each only when the endpoint has one. */
export type EndpointInput<E extends Endpoint> = (E['params'] extends z.ZodType ? { params: ParamsInput<E> } : { params?: undefined }) &
  (E['query'] extends z.ZodType ? { query?: QueryInput<E> } : { query?: undefined }) &
  (E['body'] extends z.ZodType ? { body: BodyInput<E> } : { body?: undefined }) &
  (E['headers'] extends z.ZodType ? { headers?: HeadersInput<E> } : unknown);

/** The URL below the origin: `/api` + the filled path + the query string (undefined values left out). */
export function endpointUrl(endpoint: Endpoint, input: { params?: unknown; query?: unknown }): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries((input.query ?? {}) as Record<string, unknown>)) {
    if (value !== undefined && value !== null) search.set(name, String(value));
  }
  const query = search.toString();
  return `/api${fillEndpointPath(endpoint.path, input.params as Record<string, string> | undefined)}${query ? `?${query}` : ''}`;
}

/** `/compounds/:compoundId` with `{ compoundId: 'x' }` → `/compounds/x`, each value URL-encoded. */
export function fillEndpointPath(path: string, params: Record<string, string | number> | undefined): string {
  return path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`missing path parameter :${name} of ${path}`);
    return encodeURIComponent(String(value));
  });
}
