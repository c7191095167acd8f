import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LOG_FILE_MAX_BYTES, LOG_FILES_KEPT, openRotatingLogFile, stationLogPath } from '../../../main/core/log-file';
import { createStationLogger } from '../../../main/core/logger';

const created: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'station-log-file-'));
  created.push(dir);
  return dir;
};
afterAll(() => created.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const lines = (path: string) => readFileSync(path, 'utf8').split('\n').filter(Boolean);
const ownerOnly = process.platform !== 'win32';

describe('the rotating log file', () => {
  it('lives in <dataDir>/logs/station.log and keeps 3 files of 5 MB', () => {
    expect(stationLogPath('/data')).toBe(join('/data', 'logs', 'station.log'));
    expect(LOG_FILE_MAX_BYTES).toBe(5 * 1024 * 1024);
    expect(LOG_FILES_KEPT).toBe(3);
  });

  it('rotates before a line would pass the size limit, keeps the newest lines and drops the oldest file', () => {
    const path = join(tempDir(), 'logs', 'station.log');
    const file = openRotatingLogFile({ path, maxBytes: 100, files: 3 });
    // 10 bytes a line (9 + newline): 10 lines per file.
    for (let i = 0; i < 45; i += 1) file.write(`line-${String(i).padStart(4, '0')}`);
    file.close();

    expect(readdirSync(join(path, '..')).sort()).toEqual(['station.log', 'station.log.1', 'station.log.2']);
    for (const name of ['station.log', 'station.log.1', 'station.log.2']) expect(statSync(join(path, '..', name)).size).toBeLessThanOrEqual(100);
    expect(lines(`${path}.2`)).toEqual(Array.from({ length: 10 }, (_, i) => `line-${String(20 + i).padStart(4, '0')}`));
    expect(lines(`${path}.1`).at(-1)).toBe('line-0039');
    expect(lines(path)).toEqual(['line-0040', 'line-0041', 'line-0042', 'line-0043', 'line-0044']);
  });

  it('continues an existing file after a restart, counting its size', () => {
    const path = join(tempDir(), 'station.log');
    const first = openRotatingLogFile({ path, maxBytes: 100 });
    for (let i = 0; i < 8; i += 1) first.write(`first-${i}-x`);
    first.close();
    const second = openRotatingLogFile({ path, maxBytes: 100 });
    for (let i = 0; i < 3; i += 1) second.write(`again-${i}-x`);
    second.close();
    // 80 bytes were already there: the third line of this run is the one that no longer fits.
    expect(lines(`${path}.1`)).toHaveLength(10);
    expect(lines(path)).toEqual(['again-2-x']);
  });

  it('writes a line longer than the limit on its own rather than losing it', () => {
    const path = join(tempDir(), 'station.log');
    const file = openRotatingLogFile({ path, maxBytes: 100 });
    file.write('short');
    file.write('x'.repeat(300));
    file.write('after');
    file.close();
    expect(lines(`${path}.2`)).toEqual(['short']);
    expect(lines(`${path}.1`)).toEqual(['x'.repeat(300)]);
    expect(lines(path)).toEqual(['after']);
  });

  it.runIf(ownerOnly)('is readable by its owner only, in an owner-only folder, even when an older file was wider', () => {
    const dataDir = tempDir();
    const path = stationLogPath(dataDir);
    const file = openRotatingLogFile({ path, maxBytes: 50 });
    file.write('one line of the log');
    file.write('another line, long enough to rotate the file');
    file.close();
    expect(statSync(join(dataDir, 'logs')).mode & 0o777).toBe(0o700);
    for (const name of ['station.log', 'station.log.1']) expect(statSync(join(dataDir, 'logs', name)).mode & 0o777).toBe(0o600);

    chmodSync(path, 0o644);
    const reopened = openRotatingLogFile({ path });
    reopened.write('after the mode was widened');
    reopened.close();
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('never throws when the file cannot be written, reports once, and recovers when it can', () => {
    const dataDir = tempDir();
    // A file where the logs folder should be: every open fails.
    writeFileSync(join(dataDir, 'logs'), 'not a folder');
    const errors: Error[] = [];
    const file = openRotatingLogFile({ path: stationLogPath(dataDir), onError: (error) => errors.push(error) });
    expect(() => {
      file.write('lost 1');
      file.write('lost 2');
    }).not.toThrow();
    expect(errors).toHaveLength(1);
    rmSync(join(dataDir, 'logs'));
    file.write('kept');
    file.close();
    expect(lines(stationLogPath(dataDir))).toEqual(['kept']);
  });
});

describe('createStationLogger', () => {
  it('writes JSON lines to the data folder’s log file, and nothing to the console unless asked', () => {
    const dataDir = tempDir();
    const log = createStationLogger({ scope: 'web', dataDir, console: false });
    log.info('station started', { port: 4321 });
    log.warn('bridge socket error', { error: 'reset' });
    log.close();
    const written = lines(stationLogPath(dataDir)).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(written).toMatchObject([
      { level: 'info', scope: 'web', message: 'station started', port: 4321 },
      { level: 'warn', scope: 'web', message: 'bridge socket error', error: 'reset' },
    ]);
    expect(existsSync(join(dataDir, 'logs', 'station.log.1'))).toBe(false);
  });
});
