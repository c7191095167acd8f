/**
 * Minimal structured logger. Callers pass context as fields, never interpolated into the message,
 * so the redaction layer (hardening issue) has one place to scrub them.
 */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export function createConsoleLogger(scope: string, sink: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Logger {
  const write = (level: string, message: string, fields?: Record<string, unknown>) =>
    sink(JSON.stringify({ time: new Date().toISOString(), level, scope, message, ...fields }));
  return {
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/** Keeps warnings and errors only: for chatty components running inside another host. */
export const warningsOnly = (log: Logger): Logger => ({ info: () => {}, warn: (m, f) => log.warn(m, f), error: (m, f) => log.error(m, f) });
