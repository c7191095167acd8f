// Rebuilds out/ when any source of the build is newer than the last build, so `npm start` and
// `npx station` always run what is on disk. The stamp is written only after a successful build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const STAMP = join(ROOT, 'out', '.build-stamp');
const SOURCES = ['main', 'preload', 'renderer', 'common', 'assets', 'package.json', 'electron.vite.config.ts'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function isBuildStale() {
  if (!existsSync(STAMP)) return true;
  // A packaged or published copy has no sources: its build is what it is.
  if (!existsSync(join(ROOT, 'main'))) return false;
  const built = statSync(STAMP).mtimeMs;
  return SOURCES.some((source) => newestMtime(join(ROOT, source)) > built);
}

export function ensureBuilt({ force = false } = {}) {
  if (!force && !isBuildStale()) return;
  process.stderr.write('Building the station (main, preload, renderer)…\n');
  const cli = join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const result = spawnSync(process.execPath, [cli, 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) {
    process.stderr.write('The build failed; the messages above say why.\n');
    process.exit(result.status ?? 1);
  }
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) ensureBuilt({ force: process.argv.includes('--force') });
