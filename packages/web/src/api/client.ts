/**
 * The one way pages talk to the server: same-origin fetch with the session cookie, JSON in and out,
 * and every failure turned into an ApiError carrying the server's code and its already-localised
 * message (`{ error: { code, message, details } }`), so a page can show the words as they are.
 */
import { endpointUrl, type Answer, type Endpoint, type EndpointInput } from '@yishi/core';
import { currentLocale } from '../state/preferences.js';

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
}

const NETWORK_MESSAGE = {
  'zh-CN': '网络连接失败，请检查网络后重试',
  en: 'Could not reach the server; check your connection and try again',
} as const;

async function send<T>(method: string, path: string, options: SendOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLocale() };
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
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body, credentials: 'same-origin', signal: options.signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network_error', NETWORK_MESSAGE[currentLocale()]);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {
    parsed = null;
  }
  if (!response.ok) {
    const error = (parsed as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
    throw new ApiError(response.status, error?.code ?? 'http_error', error?.message ?? `${response.status} ${response.statusText}`, error?.details ?? null);
  }
  return parsed as T;
}

export type CallInput<E extends Endpoint> = EndpointInput<E> & { signal?: AbortSignal };

/**
 * Calls an endpoint of the core contract: the path is filled from its parameters, the answer typed
 * by its response schema. `api.call(voteEndpoints.get, { params: { voteId } })`.
 */
function call<E extends Endpoint>(endpoint: E, input: CallInput<E>): Promise<Answer<E>> {
  return send<Answer<E>>(endpoint.method.toUpperCase(), endpointUrl(endpoint, input), { body: input.body, signal: input.signal });
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

export const api = {
  call,
  upload,
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
