import { resolve } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { serverAddressProblem } from '../../../common/server-address';
import { defaultDataDir } from '../../core/paths';

/** Where a command writes: the terminal, or a test's lines. */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

export const defaultIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** What each command module gets: where to write, and how to set the process's exit code. */
export interface CliContext {
  io: CliIo;
  exit: (code: number) => void;
}

export const parsePort = (value: string): number => {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('expected a port number from 0 to 65535 (0 picks a free one)');
  return port;
};

export const parseNonNegative = (value: string): number => {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number of 0 or more');
  return n;
};

export const parsePositive = (value: string): number => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number above 0');
  return n;
};

export const parseShare = (value: string): number => {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError('expected a share from 0 to 1');
  return n;
};

/** --server: the same rule as the Settings screen (common/server-address.ts). */
export const parseServerUrl = (value: string): string => {
  const problem = serverAddressProblem(value);
  if (problem) throw new InvalidArgumentError(`The Progeny server address ${problem}.`);
  return value;
};

/**
 * PROGENY_BASE_URL, for the commands that talk to Progeny: checked by the same rule as --server,
 * before anything starts, so a bad one stops the command instead of receiving credentials.
 */
export const checkServerEnvironment = (command: Command): Command =>
  command.hook('preAction', (_hooked, action) => {
    const value = process.env.PROGENY_BASE_URL;
    if (value === undefined || value === '') return;
    const problem = serverAddressProblem(value);
    if (problem) action.error(`error: the environment variable PROGENY_BASE_URL is not a usable Progeny server address: it ${problem}`, { exitCode: 2, code: 'commander.invalidEnvironment' });
  });

/** --data, else $STATION_DATA_DIR, else the per-user folder; always absolute. */
export const dataDirOf = (data: string | undefined): string => resolve(data ?? defaultDataDir());
