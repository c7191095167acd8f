import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base } from '@playwright/test';

export interface RunningStation {
  /**
   * The next unused launch link the station printed (waiting for it if need be). Each link opens
   * one page and is then spent; the station prints the next one as soon as one is used.
   */
  launchUrl(): Promise<string>;
  origin: string;
  port: number;
  dataDir: string;
  process: ChildProcess;
}

const STATION_BIN = resolve(import.meta.dirname, '../../bin/station.mjs');

export interface StationOptions {
  dataDir?: string;
  /** Unlocks the encrypted store at launch (STATION_PASSPHRASE); without it the page asks. */
  passphrase?: string;
  /** Training mode uses this running `station sandbox` instead of its own. */
  trainingServer?: string;
  /** More environment for the station process (e.g. STATION_POLICY, a managed policy file). */
  env?: NodeJS.ProcessEnv;
}

/** Starts `station web` as a real child process with its own fresh data folder. */
export async function startStation(options: StationOptions = {}): Promise<RunningStation> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'station-e2e-'));
  const args = [STATION_BIN, 'web', '--port', '0', '--data', dataDir, ...(options.trainingServer ? ['--training-server', options.trainingServer] : [])];
  const env: NodeJS.ProcessEnv = { ...process.env, STATION_OPERATOR: 'e2e-operator', ...(options.passphrase ? { STATION_PASSPHRASE: options.passphrase } : {}), ...options.env };
  delete env.PROGENY_USERNAME;
  delete env.PROGENY_PASSWORD;
  if (!options.passphrase) delete env.STATION_PASSPHRASE;
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  const links = printedLaunchLinks(child);
  const first = await links.peek();
  const parsed = new URL(first);
  return { launchUrl: links.next, origin: parsed.origin, port: Number(parsed.port), dataDir, process: child };
}

const LAUNCH_LINK = /Open: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/g;

/** Every `Open: …` line the station prints, handed out in order, each once. */
function printedLaunchLinks(child: ChildProcess) {
  let output = '';
  const printed: string[] = [];
  let taken = 0;
  let exited: string | null = null;
  const waiters = new Set<() => void>();
  const wake = () => waiters.forEach((waiter) => waiter());
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    printed.splice(0, printed.length, ...[...output.matchAll(LAUNCH_LINK)].map((match) => match[1]!));
    wake();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  child.once('exit', (code) => {
    exited = `station web exited with ${code}:\n${output}`;
    wake();
  });
  const linkAt = (index: number) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        if (printed[index]) done(() => resolve(printed[index]!));
        else if (exited) done(() => reject(new Error(exited!)));
      };
      const timer = setTimeout(
        () => done(() => reject(new Error(`station web printed no launch link #${index + 1} within 20 s (a link is printed once the one before it is used):\n${output}`))),
        20_000,
      );
      const done = (settle: () => void) => {
        clearTimeout(timer);
        waiters.delete(check);
        settle();
      };
      waiters.add(check);
      check();
    });
  return {
    peek: () => linkAt(taken),
    next: () => linkAt(taken++),
  };
}

export async function stopStation(station: RunningStation): Promise<void> {
  if (station.process.exitCode === null) {
    const exited = new Promise((done) => station.process.once('exit', done));
    station.process.kill('SIGTERM');
    await exited;
  }
}

export interface RunningSandbox {
  baseUrl: string;
  port: number;
  process: ChildProcess;
}

/** `station sandbox` as its own process, so a test can stop it (Progeny down) and start it again. */
export async function startSandboxProcess(dataDir: string, port = 0, options: { quirks?: boolean } = {}): Promise<RunningSandbox> {
  const args = [STATION_BIN, 'sandbox', '--port', String(port), '--data', dataDir, ...(options.quirks ? ['--quirks'] : [])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const baseUrl = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`station sandbox did not start within 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/api\/v3)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`station sandbox exited with ${code}:\n${output}`)));
  });
  return { baseUrl, port: Number(new URL(baseUrl).port), process: child };
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await exited;
}

export const test = base.extend<{ station: RunningStation }>({
  // Playwright reads fixture dependencies from the destructuring pattern; this one has none.
  // eslint-disable-next-line no-empty-pattern
  station: async ({}, use) => {
    const station = await startStation();
    await use(station);
    await stopStation(station);
    rmSync(station.dataDir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
