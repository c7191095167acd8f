/**
 * Request bodies as DRF's default parsers see them: JSON, urlencoded form, multipart. Errors carry
 * DRF's own messages ("JSON parse error - …", "Unsupported media type …").
 */
import type { IncomingMessage } from 'node:http';
import { HttpError, tooLargePage } from './http-replies';
import { readMultipart, type MultipartBody } from './multipart';

/** JSON or urlencoded data (no files), or nothing at all. */
export interface DataBody {
  kind: 'data';
  values: Record<string, unknown>;
}

export type ParsedBody = MultipartBody | DataBody;

function readRaw(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > maxBytes) {
        done = true;
        reject(tooLargePage());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      resolve(Buffer.concat(chunks));
    });
    req.on('error', () => {
      if (done) return;
      done = true;
      reject(new HttpError(400, { detail: 'The request could not be read.' }));
    });
  });
}

const mediaType = (req: IncomingMessage) => (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();

/** What DRF says for a body that is not an object ("Invalid data. Expected a dictionary, but got list."). */
function asObject(value: unknown): Record<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  const kind = Array.isArray(value) ? 'list' : value === null ? 'NoneType' : typeof value === 'string' ? 'str' : typeof value === 'number' ? (Number.isInteger(value) ? 'int' : 'float') : 'bool';
  throw new HttpError(400, { non_field_errors: [`Invalid data. Expected a dictionary, but got ${kind}.`] });
}

export async function readBody(req: IncomingMessage, maxBytes: number): Promise<ParsedBody> {
  const type = mediaType(req);
  if (type === 'multipart/form-data') return readMultipart(req, maxBytes);
  const raw = await readRaw(req, maxBytes);
  if (type === '' && raw.length === 0) return { kind: 'data', values: {} };
  if (type === 'application/json' || type.endsWith('+json')) {
    if (raw.length === 0) return { kind: 'data', values: {} };
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch (error) {
      throw new HttpError(400, { detail: `JSON parse error - ${error instanceof Error ? error.message : 'invalid JSON'}` });
    }
    return { kind: 'data', values: asObject(parsed) };
  }
  if (type === 'application/x-www-form-urlencoded') {
    const values: Record<string, unknown> = {};
    for (const [key, value] of new URLSearchParams(raw.toString('utf8'))) values[key] = value;
    return { kind: 'data', values };
  }
  throw new HttpError(415, { detail: `Unsupported media type "${(req.headers['content-type'] ?? '').slice(0, 100)}" in request.` });
}

/** A text value from either body kind (files excluded); non-strings are returned as they came. */
export function bodyValue(body: ParsedBody, name: string): unknown {
  return body.kind === 'multipart' ? body.fields.get(name) : body.values[name];
}
