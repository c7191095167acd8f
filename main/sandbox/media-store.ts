/**
 * Document portraits, stored like Django media under `<dataDir>/media/images/services/<service>/`
 * with a random 10-digit name (as in the docs' "images/services/ocr_passport/9456633680.jpg"), and
 * served at GET /media/<path> without authentication, as Django/nginx serve MEDIA_URL.
 */
import { randomInt } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join, relative, resolve, sep } from 'node:path';
import type { ServiceId } from '../../common/services/catalog';
import { notFoundPage } from './http-replies';

export const MEDIA_PREFIX = '/media/';

export interface MediaStore {
  /** Saves a JPEG; returns its media-relative path. */
  saveJpeg(service: ServiceId, jpeg: Buffer): Promise<string>;
  /** The absolute URL of a media-relative path on this sandbox. */
  url(path: string): string;
  /** Answers GET/HEAD /media/…; throws notFoundPage() for anything that is not a stored file. */
  serve(pathname: string, res: ServerResponse): Promise<void>;
}

const tenDigits = () => String(randomInt(1_000_000_000, 10_000_000_000));

export function createMediaStore(dataDir: string, origin: () => string): MediaStore {
  const root = resolve(dataDir, 'media');
  return {
    async saveJpeg(service, jpeg) {
      const folder = join(root, 'images', 'services', service);
      await mkdir(folder, { recursive: true });
      for (;;) {
        const name = `${tenDigits()}.jpg`;
        try {
          await writeFile(join(folder, name), jpeg, { flag: 'wx' });
          return `images/services/${service}/${name}`;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        }
      }
    },
    url: (path) => `${origin()}${MEDIA_PREFIX}${path}`,
    async serve(pathname, res) {
      let path: string;
      try {
        path = decodeURIComponent(pathname.slice(MEDIA_PREFIX.length));
      } catch {
        throw notFoundPage();
      }
      const file = resolve(root, path);
      const inside = relative(root, file);
      if (path.includes('\0') || inside.startsWith('..') || inside === '' || inside.split(sep).includes('..') || !file.endsWith('.jpg')) throw notFoundPage();
      let body: Buffer;
      try {
        if (!(await stat(file)).isFile()) throw new Error('not a file');
        body = await readFile(file);
      } catch {
        throw notFoundPage();
      }
      res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': body.length, 'Cache-Control': 'private, max-age=3600', 'X-Content-Type-Options': 'nosniff' });
      res.end(res.req.method === 'HEAD' ? undefined : body);
    },
  };
}
