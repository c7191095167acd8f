import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base } from '@playwright/test';

export interface RunningStation {
  /** Launch URL with its token. */
  url: string;
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
}

/** Starts `station web` as a real child process with its own fresh data folder. */
export async function startStation(options: StationOptions = {}): Promise<RunningStation> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'station-e2e-'));
  const args = [STATION_BIN, 'web', '--port', '0', '--data', dataDir, ...(options.trainingServer ? ['--training-server', options.trainingServer] : [])];
  const env: NodeJS.ProcessEnv = { ...process.env, STATION_OPERATOR: 'e2e-operator', ...(options.passphrase ? { STATION_PASSPHRASE: options.passphrase } : {}) };
  delete env.PROGENY_USERNAME;
  delete env.PROGENY_PASSWORD;
  if (!options.passphrase) delete env.STATION_PASSPHRASE;
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`station web did not print its URL within 20 s:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`station web exited with ${code}:\n${output}`)));
  });
  const parsed = new URL(url);
  return { url, origin: parsed.origin, port: Number(parsed.port), dataDir, process: child };
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
export async function startSandboxProcess(dataDir: string, port = 0): Promise<RunningSandbox> {
  const child = spawn(process.execPath, [STATION_BIN, 'sandbox', '--port', String(port), '--data', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
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
