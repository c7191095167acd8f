/**
 * Document portraits, stored like Django media under `<dataDir>/media/images/services/<service>/`
 * with a random 10-digit name (as in the docs' "images/services/ocr_passport/9456633680.jpg"), and
 * served at GET /media/<path> without authentication, as Django/nginx serve MEDIA_URL.
 *
 * `inMemory` (the station's own training sandbox) keeps them in this process only: a portrait is
 * a customer's face, and the station keeps no personal data unencrypted on disk. Its URL is only
 * good while the sandbox runs (its port changes with every start anyway), so nothing is lost.
 */
import { randomInt } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import type { SandboxService } from './progeny-api-spec';
import { notFoundPage } from './http-replies';

export const MEDIA_PREFIX = '/media/';

export interface MediaStore {
  /** Saves a JPEG; returns its media-relative path. */
  saveJpeg(service: SandboxService, jpeg: Buffer): Promise<string>;
  /** The absolute URL of a media-relative path on this sandbox. */
  url(path: string): string;
  /** Answers GET/HEAD /media/…; throws notFoundPage() for anything that is not a stored file. */
  serve(pathname: string, res: ServerResponse): Promise<void>;
}

/** Portraits an in-memory store keeps; the oldest go first (a training day makes a few dozen). */
export const IN_MEMORY_PORTRAITS = 200;

const tenDigits = () => String(randomInt(1_000_000_000, 10_000_000_000));

/**
 * The only media paths this store ever hands out. Anything else (absolute, drive-letter, UNC or
 * device paths, `..`, backslashes, percent signs left after decoding, stream names, reserved
 * Windows names) is refused by the shape alone, before any path function sees it.
 */
const MEDIA_PATH = /^images\/services\/[a-z][a-z0-9_]{0,63}\/\d{10}\.jpg$/;

/** The path module's operations that containment depends on: `path.posix` and `path.win32` both fit. */
export type PathSemantics = Pick<path.PlatformPath, 'resolve' | 'relative' | 'isAbsolute' | 'sep'>;

/**
 * The file under `root` that media path `requested` (already percent-decoded) names, or null when
 * it names anything else. `paths` is the platform's path module; tests pass `path.win32` on Linux,
 * because `relative()` on Windows answers an absolute path for another drive or a UNC share.
 */
export function containedMediaFile(root: string, requested: string, paths: PathSemantics = path): string | null {
  if (!MEDIA_PATH.test(requested)) return null;
  const file = paths.resolve(root, ...requested.split('/'));
  const inside = paths.relative(root, file);
  // Belt and braces behind the shape check: the result must be strictly below root on this platform.
  if (inside === '' || paths.isAbsolute(inside) || inside.split(paths.sep).some((part) => part === '..' || part === '')) return null;
  return file;
}

/** The decoded media path of a request, or null when it is not valid percent-encoding. */
function requestedPath(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname.slice(MEDIA_PREFIX.length));
  } catch {
    return null;
  }
}

function sendJpeg(res: ServerResponse, body: Buffer): void {
  res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': body.length, 'Cache-Control': 'private, max-age=3600', 'X-Content-Type-Options': 'nosniff' });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

export function createMediaStore(dataDir: string, origin: () => string): MediaStore {
  const root = path.resolve(dataDir, 'media');
  return {
    async saveJpeg(service, jpeg) {
      const folder = path.join(root, 'images', 'services', service);
      await mkdir(folder, { recursive: true });
      for (;;) {
        const name = `${tenDigits()}.jpg`;
        try {
          await writeFile(path.join(folder, name), jpeg, { flag: 'wx' });
          return `images/services/${service}/${name}`;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        }
      }
    },
    url: (media) => `${origin()}${MEDIA_PREFIX}${media}`,
    async serve(pathname, res) {
      const requested = requestedPath(pathname);
      const file = requested === null ? null : containedMediaFile(root, requested);
      if (file === null) throw notFoundPage();
      let body: Buffer;
      try {
        if (!(await stat(file)).isFile()) throw new Error('not a file');
        body = await readFile(file);
      } catch {
        throw notFoundPage();
      }
      sendJpeg(res, body);
    },
  };
}

/** The same store without a folder: portraits live in this process, at most IN_MEMORY_PORTRAITS. */
export function createInMemoryMediaStore(origin: () => string, capacity = IN_MEMORY_PORTRAITS): MediaStore {
  const portraits = new Map<string, Buffer>();
  return {
    saveJpeg(service, jpeg) {
      let media: string;
      do media = `images/services/${service}/${tenDigits()}.jpg`;
      while (portraits.has(media));
      portraits.set(media, Buffer.from(jpeg));
      for (const oldest of portraits.keys()) {
        if (portraits.size <= capacity) break;
        portraits.delete(oldest);
      }
      return Promise.resolve(media);
    },
    url: (media) => `${origin()}${MEDIA_PREFIX}${media}`,
    serve(pathname, res) {
      const requested = requestedPath(pathname);
      const body = requested !== null && MEDIA_PATH.test(requested) ? portraits.get(requested) : undefined;
      if (!body) return Promise.reject(notFoundPage());
      sendJpeg(res, body);
      return Promise.resolve();
    },
  };
}
