/**
 * The sandbox's responses, shaped like a Django REST Framework app behind nginx: JSON bodies for
 * API errors (DRF), Django's HTML pages for unknown URLs and server errors, nginx's HTML for 413
 * and 503. Clients must cope with both, as they must with the real service.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** An error that becomes a response; thrown from deep inside request handling. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly options: { html?: boolean; headers?: Record<string, string> } = {},
  ) {
    super(`HTTP ${status}`);
  }
}

/** Django's SecurityMiddleware defaults, which every Django response carries. */
const DJANGO_HEADERS = { 'X-Frame-Options': 'DENY', 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'same-origin', 'Cache-Control': 'no-store' };

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  // DRF renders compact JSON (COMPACT_JSON = True).
  const text = JSON.stringify(body);
  res.writeHead(status, { ...DJANGO_HEADERS, 'Content-Type': 'application/json', Vary: 'Accept', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(res.req.method === 'HEAD' ? undefined : text);
}

export function sendHtml(res: ServerResponse, status: number, html: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...DJANGO_HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(html), ...headers });
  res.end(res.req.method === 'HEAD' ? undefined : html);
}

export function sendError(res: ServerResponse, error: HttpError): void {
  if (error.options.html) sendHtml(res, error.status, String(error.body), error.options.headers);
  else sendJson(res, error.status, error.body, error.options.headers);
}

const page = (title: string, body: string) => `<!doctype html>\n<html lang="en">\n<head>\n  <title>${title}</title>\n</head>\n<body>\n  ${body}\n</body>\n</html>\n`;

/** Django's production 404 page (DEBUG = False). */
export const notFoundPage = (): HttpError => new HttpError(404, page('Not Found', '<h1>Not Found</h1><p>The requested resource was not found on this server.</p>'), { html: true });
/** Django's production 500 page. */
export const serverErrorPage = (): HttpError => new HttpError(500, page('Server Error (500)', '<h1>Server Error (500)</h1><p></p>'), { html: true });
/** Django's answer to a Host header outside ALLOWED_HOSTS. */
export const badRequestPage = (): HttpError => new HttpError(400, page('Bad Request (400)', '<h1>Bad Request (400)</h1><p></p>'), { html: true });

const nginx = (code: number, text: string) =>
  `<html>\r\n<head><title>${code} ${text}</title></head>\r\n<body>\r\n<center><h1>${code} ${text}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
/** What the reverse proxy answers when the body exceeds client_max_body_size. */
export const tooLargePage = (): HttpError => new HttpError(413, nginx(413, 'Request Entity Too Large'), { html: true });
/** What the proxy answers while the backend is down or overloaded; safe to retry (nothing ran). */
export const unavailablePage = (retryAfterSeconds: number): HttpError =>
  new HttpError(503, nginx(503, 'Service Temporarily Unavailable'), { html: true, headers: { 'Retry-After': String(retryAfterSeconds) } });

/** DRF's 405, with the Allow header every APIView response carries. */
export const methodNotAllowed = (method: string, allow: string): HttpError => new HttpError(405, { detail: `Method "${method}" not allowed.` }, { headers: { Allow: allow } });

export const drfNotFound = (): HttpError => new HttpError(404, { detail: 'Not found.' });

/**
 * After an early answer (401, 413, 503…) the client may still be sending its body. Read and drop it
 * so the client gets to read the answer, but never more than `capBytes`: then cut the connection.
 */
export function discardBody(req: IncomingMessage, capBytes: number): void {
  if (req.readableEnded || req.destroyed) return;
  let seen = 0;
  req.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > capBytes) req.socket.destroy();
  });
  req.on('error', () => undefined);
  req.resume();
}
