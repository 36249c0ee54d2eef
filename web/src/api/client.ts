/**
 * The one HTTP client of the web app: openapi-fetch typed by the paths generated from
 * ../api/openapi.yaml (src/api/schema.d.ts, made by `npm run gen:api`).
 *
 * - Cookie authentication (`credentials: 'same-origin'`); the session's CSRF token, learnt from
 *   `GET /api/v1/session` or the login answer, goes out as `X-CSRF-Token` on every
 *   state-changing request (POST, PUT, PATCH, DELETE).
 * - Every failure becomes an {@link ApiError} carrying the server's error body
 *   `{"error":{"code","message","field"?,"position"?,"requestId"?}}` (S1.4) and the HTTP status;
 *   use {@link unwrap} around each call so callers get the data or a thrown ApiError.
 */
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type SourcePosition = components['schemas']['SourcePosition'];

/** The `error` object of an S1.4 error body. */
export interface ApiErrorBody {
  code: string;
  message: string;
  field?: string;
  position?: SourcePosition;
  requestId?: string;
}

/** Status 0: the request never got an HTTP answer (network down, server stopped, CORS...). */
export const NETWORK_ERROR_STATUS = 0;

/** A failed API call: the HTTP status and the server's error body. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  readonly position: SourcePosition | undefined;
  readonly requestId: string | undefined;

  constructor(status: number, body: ApiErrorBody) {
    super(body.message);
    this.status = status;
    this.code = body.code;
    this.field = body.field;
    this.position = body.position;
    this.requestId = body.requestId;
  }

  /**
   * Builds the error from a response status and its parsed body. A body in the S1.4 shape is
   * taken as it is; anything else (an HTML page from a proxy, an empty body) gets a generic code
   * `http.<status>` and a message that still tells the user what happened.
   */
  static fromResponse(status: number, body: unknown, requestIdHeader?: string | null): ApiError {
    const parsed = parseErrorBody(body);
    if (parsed) {
      return new ApiError(status, {
        ...parsed,
        requestId: parsed.requestId ?? requestIdHeader ?? undefined,
      });
    }
    return new ApiError(status, {
      code: `http.${status}`,
      message: genericMessage(status),
      requestId: requestIdHeader ?? undefined,
    });
  }

  /** The request did not reach the server or got no answer. */
  static network(cause?: unknown): ApiError {
    const error = new ApiError(NETWORK_ERROR_STATUS, {
      code: 'http.network',
      message: 'Cannot reach the Steward server. Check your connection and try again.',
    });
    if (cause !== undefined) (error as { cause?: unknown }).cause = cause;
    return error;
  }

  get isUnauthenticated(): boolean {
    return this.status === 401;
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

/** Returns the `error` object of an S1.4 body, or undefined when the body has another shape. */
export function parseErrorBody(body: unknown): ApiErrorBody | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  const inner: unknown = body.error;
  if (typeof inner !== 'object' || inner === null) return undefined;
  const { code, message, field, position, requestId } = inner as Record<string, unknown>;
  if (typeof code !== 'string' || typeof message !== 'string') return undefined;
  const result: ApiErrorBody = { code, message };
  if (typeof field === 'string') result.field = field;
  if (isSourcePosition(position)) result.position = position;
  if (typeof requestId === 'string') result.requestId = requestId;
  return result;
}

function isSourcePosition(value: unknown): value is SourcePosition {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Record<string, unknown>;
  return ['offset', 'line', 'column', 'length'].every((k) => typeof p[k] === 'number');
}

function genericMessage(status: number): string {
  if (status === 401) return 'Please sign in.';
  if (status === 403) return 'You are not allowed to do this.';
  if (status === 404) return 'Not found, or you may not see it.';
  if (status === 413) return 'That is too large.';
  if (status === 502 || status === 503 || status === 504) {
    return 'The Steward server is unavailable. Try again in a moment.';
  }
  if (status >= 500) return `The server failed (HTTP ${status}).`;
  return `The request failed (HTTP ${status}).`;
}

// ---------------------------------------------------------------------------- CSRF token

let csrfToken: string | undefined;

/** Remembers the session's CSRF token (from the login answer or GET /api/v1/session). */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

export function getCsrfToken(): string | undefined {
  return csrfToken;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Adds `X-CSRF-Token` to state-changing requests when the session has a token. */
export const csrfMiddleware: Middleware = {
  onRequest({ request }) {
    if (SAFE_METHODS.has(request.method.toUpperCase())) return undefined;
    const token = getCsrfToken();
    if (token !== undefined && !request.headers.has('X-CSRF-Token')) {
      request.headers.set('X-CSRF-Token', token);
    }
    return request;
  },
};

// ---------------------------------------------------------------------------- the client

export type ApiClient = Client<paths>;

export interface ApiClientOptions {
  /** Defaults to the page's origin (the SPA is served by the API server or the dev proxy). */
  baseUrl?: string;
  /** Defaults to the global fetch, looked up on every call (so tests can stub it). */
  fetch?: (request: Request) => Promise<Response>;
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl ?? (typeof window === 'undefined' ? '' : window.location.origin),
    credentials: 'same-origin',
    headers: { Accept: 'application/json' },
    fetch: options.fetch ?? ((request: Request) => globalThis.fetch(request)),
  });
  client.use(csrfMiddleware);
  return client;
}

/** The client every feature uses: `unwrap(api.GET('/api/v1/issues/{key}', {...}))`. */
export const api: ApiClient = createApiClient();

/** What every openapi-fetch call resolves to. */
interface FetchResult<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

/**
 * Awaits an openapi-fetch call and returns its data, or throws an {@link ApiError} for a non-2xx
 * answer (with the server's S1.4 body) or a network failure (status 0). For 204 answers the data
 * is `undefined`.
 */
export async function unwrap<D>(call: Promise<FetchResult<D>>): Promise<D> {
  let result: FetchResult<D>;
  try {
    result = await call;
  } catch (cause) {
    if (isApiError(cause)) throw cause;
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw ApiError.network(cause);
  }
  const { data, error, response } = result;
  if (!response.ok) {
    throw ApiError.fromResponse(response.status, error, response.headers.get('X-Request-Id'));
  }
  return data as D;
}
