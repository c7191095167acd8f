/**
 * multipart/form-data parsing with busboy, bounded: the whole request may not exceed `maxBytes`
 * (413, as the proxy in front of Progeny would answer) and the part counts are capped (400, as
 * Django's DATA_UPLOAD_MAX_NUMBER_FIELDS does). Files are kept in memory: the sandbox's images are
 * a few MB at most and the request limit bounds them.
 */
import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { HttpError, tooLargePage } from './http-replies';

export interface UploadedFile {
  filename: string;
  bytes: Buffer;
}

export interface MultipartBody {
  kind: 'multipart';
  fields: Map<string, string>;
  /** Only parts that carried a file name; DRF (via Django) drops file parts with an empty name. */
  files: Map<string, UploadedFile>;
}

const LIMITS = { fields: 100, files: 10, parts: 110, fieldSize: 1024 * 1024, fieldNameSize: 200, headerPairs: 50 };

const parseError = (message: string) => new HttpError(400, { detail: `Multipart form parse error - ${message}` });

export function readMultipart(req: IncomingMessage, maxBytes: number): Promise<MultipartBody> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: LIMITS });
    } catch (error) {
      // busboy throws synchronously for a missing or malformed boundary.
      reject(parseError(error instanceof Error ? error.message : 'Invalid boundary in multipart: None'));
      return;
    }
    const fields = new Map<string, string>();
    const files = new Map<string, UploadedFile>();
    let settled = false;
    let received = 0;
    const fail = (error: HttpError) => {
      if (settled) return;
      settled = true;
      req.unpipe(parser);
      parser.removeAllListeners('file');
      reject(error);
    };

    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) fail(tooLargePage());
    });
    req.on('aborted', () => fail(parseError('The request was aborted by the client.')));
    req.on('error', () => fail(parseError('The request could not be read.')));

    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) return fail(parseError(`The field "${name.slice(0, 40)}" is too long.`));
      // Like Django's QueryDict.get(): the last value of a repeated field wins.
      fields.set(name, value);
    });
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', () => undefined);
      stream.on('end', () => {
        if (!info.filename || files.has(name)) return;
        files.set(name, { filename: info.filename, bytes: Buffer.concat(chunks) });
      });
    });
    parser.on('partsLimit', () => fail(parseError('Too many parts.')));
    parser.on('filesLimit', () => fail(parseError('Too many files.')));
    parser.on('fieldsLimit', () => fail(parseError('Too many fields.')));
    parser.on('error', (error: unknown) => fail(parseError(error instanceof Error ? error.message : 'Malformed body.')));
    parser.on('close', () => {
      if (settled) return;
      settled = true;
      resolve({ kind: 'multipart', fields, files });
    });
    req.pipe(parser);
  });
}
