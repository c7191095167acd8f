/**
 * Issue 12, finding 5 — the sandbox serves /media/<path> without authentication. On Windows,
 * `path.relative(root, file)` answers an ABSOLUTE path when `file` is on another drive or a UNC
 * share, and the old check only looked for a leading '..': `/media/D:%5Csecret.jpg` or
 * `/media/%5C%5Cserver%5Cshare%5Cx.jpg` read outside the media folder. The attacker is any page or
 * process that can reach 127.0.0.1. The containment function takes the path module, so Windows
 * semantics are tested here on any OS.
 */
import { mkdtempSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpError, sendError, serverErrorPage } from '../../main/sandbox/http-replies';
import { containedMediaFile, createInMemoryMediaStore, createMediaStore, MEDIA_PREFIX, type MediaStore } from '../../main/sandbox/media-store';

const GOOD = 'images/services/ocr_passport/1234567890.jpg';

/** What an attacker puts after /media/, once percent-decoded. Every one must be refused on both platforms. */
const ATTACKS: ReadonlyArray<[string, string]> = [
  ['other drive, backslashes', 'D:\\secret\\portrait.jpg'],
  ['other drive, slashes', 'D:/secret/portrait.jpg'],
  ['same drive, absolute', 'C:\\Windows\\win.jpg'],
  ['drive-relative (no separator)', 'C:portrait.jpg'],
  ['drive letter only', 'C:'],
  ['UNC share, backslashes', '\\\\server\\share\\portrait.jpg'],
  ['UNC share, slashes', '//server/share/portrait.jpg'],
  ['device path \\\\?\\', '\\\\?\\C:\\secret\\portrait.jpg'],
  ['device path \\\\.\\', '\\\\.\\C:\\secret\\portrait.jpg'],
  ['device UNC', '\\\\?\\UNC\\server\\share\\portrait.jpg'],
  ['POSIX absolute', '/etc/secret/portrait.jpg'],
  ['root-relative backslash', '\\secret\\portrait.jpg'],
  ['traversal, slashes', '../../faces.jpg'],
  ['traversal, backslashes', '..\\..\\faces.jpg'],
  ['traversal inside a valid prefix', 'images/services/ocr_passport/../../../../x.jpg'],
  ['traversal with backslash inside prefix', 'images/services/ocr_passport/..\\..\\..\\x.jpg'],
  ['mixed separators', 'images\\services/ocr_passport/1234567890.jpg'],
  ['percent left after decoding (double encoding)', 'images/services/ocr_passport/%2e%2e%5c1234567890.jpg'],
  ['NTFS alternate stream', `${GOOD}:secret`],
  ['trailing dot (Windows strips it)', `${GOOD}.`],
  ['trailing space (Windows strips it)', `${GOOD} `],
  ['NUL byte', `${GOOD}\0.png`],
  ['reserved device name', 'images/services/ocr_passport/NUL.jpg'],
  ['reserved device name with digits', 'images/services/ocr_passport/COM1.jpg'],
  ['empty', ''],
  ['the folder itself', 'images/services/ocr_passport/'],
  ['not a portrait', 'images/services/ocr_passport/1234567890.json'],
  ['upper-case extension', 'images/services/ocr_passport/1234567890.JPG'],
  ['dot segment', 'images/./services/ocr_passport/1234567890.jpg'],
  ['doubled separator', 'images//services/ocr_passport/1234567890.jpg'],
];

describe('finding 5: containedMediaFile refuses everything outside the media folder', () => {
  const platforms = [
    { name: 'win32', paths: path.win32, root: 'C:\\Users\\desk\\AppData\\Roaming\\Progeny Station\\training\\media' },
    { name: 'posix', paths: path.posix, root: '/home/desk/.local/share/progeny-station/training/media' },
  ] as const;

  for (const { name, paths, root } of platforms) {
    describe(`with ${name} path semantics`, () => {
      it.each(ATTACKS)('refuses %s', (_label, requested) => {
        expect(containedMediaFile(root, requested, paths)).toBeNull();
      });

      it('still serves a real portrait path, inside the folder', () => {
        const file = containedMediaFile(root, GOOD, paths);
        expect(file).toBe(paths.join(root, 'images', 'services', 'ocr_passport', '1234567890.jpg'));
        expect(paths.relative(root, file!).startsWith('..')).toBe(false);
      });
    });
  }
});

describe('finding 5: the /media/ route over HTTP, with the attacks percent-encoded', () => {
  let server: Server;
  let origin = '';
  let stored: { files: MediaStore; memory: MediaStore };
  let portraits: { files: string; memory: string };

  beforeAll(async () => {
    server = createServer();
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    stored = { files: createMediaStore(mkdtempSync(path.join(tmpdir(), 'media-attack-')), () => origin), memory: createInMemoryMediaStore(() => origin) };
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);
    portraits = { files: await stored.files.saveJpeg('ocr_passport', jpeg), memory: await stored.memory.saveJpeg('ocr_passport', jpeg) };
    server.on('request', (req, res) => {
      const pathname = new URL(req.url ?? '/', origin).pathname;
      const inMemory = pathname.startsWith('/memory/');
      (inMemory ? stored.memory : stored.files)
        .serve(inMemory ? pathname.slice('/memory'.length) : pathname, res)
        .catch((error: unknown) => sendError(res, error instanceof HttpError ? error : serverErrorPage()));
    });
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  // Raw request targets: fetch would normalise some of them before sending.
  const get = (target: string) =>
    new Promise<number>((done, fail) => {
      const sent = request(`${origin}/`, { path: target }, (res) => {
        res.resume();
        done(res.statusCode ?? 0);
      });
      sent.on('error', fail);
      sent.end();
    });

  it.each(ATTACKS.filter(([, requested]) => requested !== ''))('answers 404 to %s, percent-encoded', async (_label, requested) => {
    for (const prefix of ['', '/memory']) expect(await get(`${prefix}${MEDIA_PREFIX}${encodeURIComponent(requested)}`)).toBe(404);
  });

  it('answers 404 to double-encoded traversal and to malformed encoding', async () => {
    for (const target of ['%252e%252e%252ffaces.jpg', '..%2f..%2ffaces.jpg', '%2e%2e%5c%2e%2e%5cfaces.jpg', '%E0%A4%A.jpg', 'images%2fservices%2focr_passport%2f..%2f..%2f..%2fx.jpg']) {
      expect(await get(`${MEDIA_PREFIX}${target}`)).toBe(404);
    }
  });

  it('serves the stored portraits (files and in-memory)', async () => {
    expect(await get(`${MEDIA_PREFIX}${portraits.files}`)).toBe(200);
    expect(await get(`/memory${MEDIA_PREFIX}${portraits.memory}`)).toBe(200);
  });
});
