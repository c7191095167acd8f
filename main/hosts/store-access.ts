import { mkdirSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { StoreUnlocker } from '../core/station-core';
import { keyFileWrapper, keyringKind, passphraseWrapper, type KeyWrapper } from '../core/store/keyring';
import { openStore, type Store } from '../core/store/open-store';

export interface KeyOptions {
  /** --key-file: an explicitly chosen 32-byte key file. */
  keyFile?: string;
  /** Ask on the terminal when no key was given (CLI commands); the web station never blocks on a prompt. */
  prompt?: boolean;
}

/** Asks for the passphrase on the terminal without echoing it. */
async function promptPassphrase(): Promise<string | null> {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return null;
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  const output = rl as unknown as { _writeToOutput: (s: string) => void };
  process.stderr.write('Station passphrase: ');
  output._writeToOutput = () => undefined; // hide what is typed
  const answer = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  process.stderr.write('\n');
  return answer;
}

/**
 * How the web station and the CLI unlock the data key: an explicit key file, else STATION_PASSPHRASE,
 * else a prompt on a terminal. No key means no store: never a silent plaintext fallback.
 */
export async function keyWrapper(options: KeyOptions, env: NodeJS.ProcessEnv = process.env): Promise<KeyWrapper | null> {
  if (options.keyFile) return keyFileWrapper(options.keyFile);
  const passphrase = env.STATION_PASSPHRASE ?? (options.prompt === false ? null : await promptPassphrase());
  return passphrase ? passphraseWrapper(passphrase) : null;
}

export async function openStationStore(dataDir: string, options: KeyOptions): Promise<Store> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  return openStore(dataDir, await keyWrapper(options));
}

/** The web station started without a key: the operator types the passphrase in the page instead. */
export function passphraseUnlocker(dataDir: string): StoreUnlocker {
  return {
    isNew: () => keyringKind(dataDir) === null,
    open: (passphrase) => Promise.resolve(openStore(dataDir, passphraseWrapper(passphrase))),
  };
}
