/**
 * The one way pages talk to the server: same-origin fetch with the session cookie, JSON in and out,
 * and every failure turned into an ApiError carrying the server's code and its already-localised
 * message (`{ error: { code, message, details } }`), so a page can show the words as they are.
 */
import { endpointUrl, type Answer, type Endpoint, type EndpointInput } from '@yishi/core';
import { currentLocale } from '../state/preferences.js';
import { answerInPage } from './answers-in-page.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface SendOptions {
  /** A JSON-serialisable body, or (with `contentType`) text or bytes sent as they are. */
  body?: unknown;
  contentType?: string;
  signal?: AbortSignal;
  /** Request headers the endpoint declares (an Idempotency-Key …); undefined values are left out. */
  headers?: Record<string, string | undefined>;
}

const NETWORK_MESSAGE = {
  'zh-CN': '网络连接失败，请检查网络后重试',
  en: 'Could not reach the server; check your connection and try again',
} as const;

/** The refusal a page shows when the network failed it (a request, or a part of the page loaded on demand). */
function networkError(): ApiError {
  return new ApiError(0, 'network_error', NETWORK_MESSAGE[currentLocale()]);
}

/** The ApiError a refused answer stands for: the server's code, words and details, or the status alone. */
async function refusalOf(response: Response): Promise<ApiError> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await response.text());
  } catch {
    parsed = null;
  }
  const error = (parsed as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
  return new ApiError(response.status, error?.code ?? 'http_error', error?.message ?? `${response.status} ${response.statusText}`, error?.details ?? null);
}

async function send<T>(method: string, path: string, options: SendOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLocale() };
  for (const [name, value] of Object.entries(options.headers ?? {})) if (value !== undefined) headers[name] = value;
  let body: BodyInit | undefined;
  if (options.body !== undefined) {
    if (
      options.contentType &&
      (typeof options.body === 'string' || options.body instanceof Blob || options.body instanceof ArrayBuffer || ArrayBuffer.isView(options.body))
    ) {
      body = options.body as BodyInit;
      headers['Content-Type'] = options.contentType;
    } else {
      body = JSON.stringify(options.body);
      headers['Content-Type'] = 'application/json';
    }
  }
  // A page's first answer, there before it asked (api/answers-in-page.ts).
  const early = method === 'GET' ? answerInPage(path) : undefined;
  if (early) return (await early) as T;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body, credentials: 'same-origin', signal: options.signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw networkError();
  }
  if (response.status === 204) return undefined as T;
  if (!response.ok) throw await refusalOf(response);
  const text = await response.text();
  return (text === '' ? null : JSON.parse(text)) as T;
}

export type CallInput<E extends Endpoint> = EndpointInput<E> & { signal?: AbortSignal };

/**
 * Calls an endpoint of the core contract: the path is filled from its parameters, the answer typed
 * by its response schema. `api.call(voteEndpoints.get, { params: { voteId } })`. Headers the
 * endpoint declares go in `headers`: `{ headers: { 'Idempotency-Key': key } }`.
 */
function call<E extends Endpoint>(endpoint: E, input: CallInput<E>): Promise<Answer<E>> {
  const headers = (input as { headers?: Record<string, string | undefined> }).headers;
  return send<Answer<E>>(endpoint.method.toUpperCase(), endpointUrl(endpoint, input), { body: input.body, signal: input.signal, headers });
}

/**
 * Sends a file to an endpoint that reads raw bytes (a roster as CSV or an Excel workbook): the
 * endpoint's path and query as for `call`, the file as it is with its content type.
 */
function upload<E extends Endpoint>(
  endpoint: E,
  input: Omit<CallInput<E>, 'body'> & { file: Blob | ArrayBuffer | Uint8Array | string; contentType: string },
): Promise<Answer<E>> {
  return send<Answer<E>>(endpoint.method.toUpperCase(), endpointUrl(endpoint, input), {
    body: input.file,
    contentType: input.contentType,
    signal: input.signal,
  });
}

/**
 * Sends a file to an endpoint that answers its progress as NDJSON (one JSON object per line):
 * `onLine` hears each line as it arrives. A refusal before the stream begins throws an ApiError as
 * `call` does; one during the stream is its last line, which the caller reads.
 */
async function uploadStreaming<E extends Endpoint>(
  endpoint: E,
  input: Omit<CallInput<E>, 'body'> & { file: Blob | ArrayBuffer | Uint8Array | string; contentType: string; onLine: (line: unknown) => void },
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(endpointUrl(endpoint, input), {
      method: endpoint.method.toUpperCase(),
      headers: { Accept: 'application/x-ndjson', 'Accept-Language': currentLocale(), 'Content-Type': input.contentType },
      body: input.file as BodyInit,
      credentials: 'same-origin',
      signal: input.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw networkError();
  }
  if (!response.ok || !response.body) {
    throw await refusalOf(response);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffered += value;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) if (line.trim() !== '') input.onLine(JSON.parse(line));
    }
  } catch {
    throw networkError();
  }
}

export const api = {
  call,
  upload,
  uploadStreaming,
  get: <T>(path: string, signal?: AbortSignal) => send<T>('GET', path, { signal }),
  post: <T>(path: string, body?: unknown) => send<T>('POST', path, { body }),
  put: <T>(path: string, body?: unknown) => send<T>('PUT', path, { body }),
  patch: <T>(path: string, body?: unknown) => send<T>('PATCH', path, { body }),
  delete: <T>(path: string) => send<T>('DELETE', path),
  /** Any method with a raw body (a CSV upload, say): `api.send('POST', url, { body: text, contentType: 'text/csv' })`. */
  send,
};

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}
