import FormData from 'form-data';
import got, { RequestError, TimeoutError, type Progress } from 'got';
import { ProgenyError, retryAfterMs, type Delivery } from './progeny-error';

export interface HttpOptions {
  /** e.g. https://be.progeny.tech/api/v3 (no trailing slash needed). */
  baseUrl: string;
  connectTimeoutMs?: number;
  /** Time allowed for the server to answer once the request is sent. */
  responseTimeoutMs?: number;
  /** Whole-request cap for uploads of large images on slow links. */
  requestTimeoutMs?: number;
}

export interface UploadFile {
  bytes: Uint8Array;
  filename: string;
  contentType: string;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  /** Path under the base URL, with its trailing slash. */
  path: string;
  query?: Record<string, string>;
  /** Multipart form: strings and files. Every Progeny request body is multipart. */
  form?: Record<string, string | UploadFile>;
  accessToken?: string;
  signal?: AbortSignal;
  onUploadProgress?: (sent: number, total: number | undefined) => void;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body; null when empty, or for a 4xx page that is not JSON. */
  body: unknown;
}

export type ProgenyHttp = (request: HttpRequest) => Promise<HttpResponse>;

const OFFLINE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EADDRNOTAVAIL']);
/** Timeouts in these phases happen before any byte of the request left this machine. */
const PRE_SEND_PHASES = new Set(['lookup', 'connect', 'secureConnect', 'socket']);

/** A short, non-revealing excerpt of a body that is not JSON (HTML error pages, proxies). */
const excerpt = (text: string) =>
  text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120);

function transportError(error: RequestError, bodySent: boolean): ProgenyError {
  if (error.name === 'AbortError' || error.code === 'ERR_ABORTED' || error.code === 'ABORT_ERR') {
    return new ProgenyError('cancelled', 'The request was cancelled.', 'operator', bodySent ? 'maybe' : 'no');
  }
  if (error instanceof TimeoutError) {
    const sent: Delivery = PRE_SEND_PHASES.has(error.event) ? 'no' : 'maybe';
    return new ProgenyError('timeout', sent === 'no' ? 'Progeny could not be reached in time.' : 'Progeny did not answer in time.', 'automatic', sent);
  }
  if (OFFLINE_CODES.has(error.code)) {
    return new ProgenyError('offline', 'Progeny cannot be reached: this computer seems to be offline, or the server is down.', 'automatic', 'no');
  }
  // A reset after the whole body went out may have reached the server; before that it cannot have
  // produced a task (a multipart body cut short is never processed).
  return new ProgenyError('offline', `The connection to Progeny failed (${error.code || error.message}).`, 'automatic', bodySent ? 'maybe' : 'no');
}

/** Redirects followed per request: enough for a slash or a path moved once, never a loop. */
const MAX_REDIRECTS = 3;
/**
 * Redirects that are followed, with the same method and body: a server redirects a POST this way
 * before handling it (Django's APPEND_SLASH answers 301), so re-sending cannot create a second task.
 * 303 ("see other") is not followed: it is an answer, not a new address for the same request.
 */
const FOLLOWED_REDIRECTS = new Set([301, 302, 307, 308]);

/**
 * One HTTP exchange with Progeny: multipart body, Bearer token, timeouts, upload progress and
 * cancellation. Redirects are followed only within the server's own origin (scheme, host, port):
 * credentials and images never go to another server. Returns whatever status came back with its
 * JSON body (null for a 4xx page that is not JSON); throws ProgenyError only for transport failures,
 * redirects elsewhere and other bodies that are not JSON, marking whether the request may have been seen.
 */
export function createProgenyHttp(options: HttpOptions): ProgenyHttp {
  const base = options.baseUrl.replace(/\/+$/, '');
  return async (request) => {
    let url = new URL(base + request.path);
    for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
    for (let redirects = 0; ; redirects += 1) {
      const response = await exchange(url, request, options);
      const location = response.headers.location;
      if (!FOLLOWED_REDIRECTS.has(response.status) || typeof location !== 'string' || location === '') return response;
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        return response;
      }
      if (next.origin !== url.origin) {
        throw new ProgenyError(
          'client-error',
          `Progeny redirected the station to another server (${next.origin}); it does not follow, so credentials and images stay with ${url.origin}. If that is the right server, set its address in Settings.`,
          'operator',
          'no',
          { status: response.status },
        );
      }
      if (redirects >= MAX_REDIRECTS)
        throw new ProgenyError('client-error', `Progeny redirected the station more than ${MAX_REDIRECTS} times (HTTP ${response.status}): check the server address in Settings.`, 'operator', 'no', {
          status: response.status,
        });
      url = next;
    }
  };
}

/** One request to `url`, no redirect followed. */
async function exchange(url: URL, request: HttpRequest, options: HttpOptions): Promise<HttpResponse> {
  let form: FormData | undefined;
  if (request.form) {
    form = new FormData();
    for (const [name, value] of Object.entries(request.form)) {
      if (typeof value === 'string') form.append(name, value);
      else form.append(name, Buffer.from(value.bytes.buffer, value.bytes.byteOffset, value.bytes.byteLength), { filename: value.filename, contentType: value.contentType });
    }
  }
  let bodySent = false;
  const pending = got(url, {
    method: request.method,
    body: form,
    headers: {
      accept: 'application/json',
      ...(form ? form.getHeaders() : {}),
      ...(form ? { 'content-length': String(form.getLengthSync()) } : {}),
      ...(request.accessToken ? { authorization: `Bearer ${request.accessToken}` } : {}),
    },
    timeout: {
      connect: options.connectTimeoutMs ?? 10_000,
      response: options.responseTimeoutMs ?? 30_000,
      request: options.requestTimeoutMs ?? 120_000,
    },
    retry: { limit: 0 }, // retries are decided by the caller, who knows whether a POST may repeat
    throwHttpErrors: false,
    followRedirect: false,
    responseType: 'text',
    signal: request.signal,
  });
  void pending.on('uploadProgress', (progress: Progress) => {
    if (progress.percent === 1) bodySent = true;
    request.onUploadProgress?.(progress.transferred, progress.total);
  });
  void pending.on('request', (req) => req.once('finish', () => (bodySent = true)));
  let response;
  try {
    response = await pending;
  } catch (error) {
    if (error instanceof RequestError) throw transportError(error, bodySent);
    throw error;
  }
  const text = response.body;
  const status = response.statusCode;
  let body: unknown;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    const after = retryAfterMs(response.headers['retry-after']);
    if (status >= 500 || status === 429) {
      throw new ProgenyError(
        status === 429 ? 'rate-limited' : 'server-error',
        `Progeny answered ${status} with a non-JSON page: ${excerpt(text) || 'no body'}.`,
        'automatic',
        status === 503 || status === 429 ? 'no' : 'maybe',
        { status, ...(after === null ? {} : { retryAfterMs: after }) },
      );
    }
    // A refusal page (a proxy's 413, a 404 for a wrong path, a firewall's 403): its status says
    // all the caller needs, and a 4xx never created anything.
    // A redirect's body is whatever page the server adds: its Location is what counts.
    if (status >= 400 || (status >= 300 && status < 400)) return { status, headers: response.headers, body: null };
    throw new ProgenyError('invalid-response', `Progeny answered ${status} with something that is not JSON: ${excerpt(text) || 'no body'}.`, status < 300 ? 'operator' : 'automatic', 'yes', {
      status,
    });
  }
  return { status, headers: response.headers, body };
}
