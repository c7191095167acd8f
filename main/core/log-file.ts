import { closeSync, fchmodSync, fstatSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The station's log on disk: `<dataDir>/logs/station.log`, readable by its owner only, rotated by
 * size so a station that runs for months keeps a bounded, recent log (station.log, .1, .2).
 * Lines are written synchronously: the line that precedes a crash is the one worth having, and
 * the station logs a few lines a minute, not per request.
 */
export interface RotatingLogFile {
  /** Appends one line; never throws (a full disk must not stop verifications). */
  write(line: string): void;
  close(): void;
}

export interface RotatingLogFileOptions {
  path: string;
  /** Rotate before a line would take the file past this size. */
  maxBytes?: number;
  /** Files kept, the current one included. */
  files?: number;
  /** Told once per run of failures (the first failed write after a good one). */
  onError?: (error: Error) => void;
}

export const LOG_FILE_MAX_BYTES = 5 * 1024 * 1024;
export const LOG_FILES_KEPT = 3;

export const stationLogPath = (dataDir: string) => join(dataDir, 'logs', 'station.log');

export function openRotatingLogFile({ path, maxBytes = LOG_FILE_MAX_BYTES, files = LOG_FILES_KEPT, onError }: RotatingLogFileOptions): RotatingLogFile {
  let fd: number | null = null;
  let size = 0;
  let failing = false;

  const open = (): number => {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const opened = openSync(path, 'a', 0o600);
    // The mode above only applies to a new file; one left by an older version may be wider.
    fchmodSync(opened, 0o600);
    size = fstatSync(opened).size;
    return opened;
  };
  const close = () => {
    if (fd === null) return;
    const closing = fd;
    fd = null;
    closeSync(closing);
  };
  const rotate = () => {
    close();
    // Renaming over the oldest replaces it; files stay 0600 as renames keep the mode.
    for (let index = files - 1; index >= 1; index -= 1) {
      const from = index === 1 ? path : `${path}.${index - 1}`;
      try {
        renameSync(from, `${path}.${index}`);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
  };

  return {
    write(line) {
      const bytes = Buffer.from(`${line}\n`);
      try {
        fd ??= open();
        if (size > 0 && size + bytes.length > maxBytes) {
          rotate();
          fd = open();
        }
        writeSync(fd, bytes);
        size += bytes.length;
        failing = false;
      } catch (error) {
        try {
          close();
        } catch {
          // the descriptor is gone either way; the next write opens a fresh one
        }
        if (!failing) onError?.(error instanceof Error ? error : new Error(String(error)));
        failing = true;
      }
    },
    close,
  };
}
