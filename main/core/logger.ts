import { openRotatingLogFile, stationLogPath } from './log-file';
import { redactLogEntry } from './log-redactor';

/**
 * Minimal structured logger. Callers pass context as fields, never interpolated into the message,
 * and every line is redacted (log-redactor.ts) before any sink sees it.
 */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Receives finished, redacted JSON lines. */
export type LogSink = (line: string) => void;

const toStderr: LogSink = (line) => process.stderr.write(`${line}\n`);

function formatLine(level: string, scope: string, message: string, fields?: Record<string, unknown>): string {
  try {
    return JSON.stringify(redactLogEntry({ time: new Date().toISOString(), level, scope, message, ...fields }));
  } catch {
    // A field the redactor could not walk (a throwing toJSON): keep the event, lose its context.
    return JSON.stringify(redactLogEntry({ time: new Date().toISOString(), level, scope, message, fields: '[unloggable]' }));
  }
}

/** One JSON line per call, redacted once, handed to every sink. */
function createLogger(scope: string, sinks: readonly LogSink[]): Logger {
  const write = (level: string, message: string, fields?: Record<string, unknown>) => {
    const line = formatLine(level, scope, message, fields);
    for (const sink of sinks) sink(line);
  };
  return {
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

export function createConsoleLogger(scope: string, sink: LogSink = toStderr): Logger {
  return createLogger(scope, [sink]);
}

export interface StationLogger extends Logger {
  /** Closes the log file; later lines reopen it. */
  close(): void;
}

/**
 * The hosts' logger: redacted lines to `<dataDir>/logs/station.log` (rotated, owner-only) and,
 * when `console` is set, to stderr as well.
 */
export function createStationLogger({ scope, dataDir, console }: { scope: string; dataDir: string; console: boolean }): StationLogger {
  // The file's own failures go to stderr whatever `console` says: they are the one thing the file cannot record.
  const file = openRotatingLogFile({
    path: stationLogPath(dataDir),
    onError: (error) => toStderr(formatLine('error', scope, 'log file not writable; lines are lost until it is', { path: stationLogPath(dataDir), error })),
  });
  const toFile: LogSink = (line) => file.write(line);
  return { ...createLogger(scope, console ? [toFile, toStderr] : [toFile]), close: () => file.close() };
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/** Keeps warnings and errors only: for chatty components running inside another host. */
export const warningsOnly = (log: Logger): Logger => ({ info: () => {}, warn: (m, f) => log.warn(m, f), error: (m, f) => log.error(m, f) });
