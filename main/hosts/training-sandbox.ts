import { join } from 'node:path';
import { warningsOnly, type Logger } from '../core/logger';
import type { TrainingServer } from '../core/progeny/progeny-service';

/**
 * Training mode's server: the sandbox, in this process, on a random loopback port, with its own
 * folder under the station's data (training data never mixes with live data). Imported lazily so
 * a live station never loads it.
 */
export async function startTrainingSandbox(dataDir: string, log: Logger): Promise<TrainingServer> {
  const [{ startSandbox }, { DEFAULT_TRAINING_USER }] = await Promise.all([import('../sandbox/sandbox-server'), import('../sandbox/sandbox-types')]);
  // Per-request lines belong to `station sandbox`; inside the station only problems are worth a line.
  const sandbox = await startSandbox({ port: 0, dataDir: join(dataDir, 'training'), log: warningsOnly(log) });
  return { baseUrl: sandbox.baseUrl, credentials: DEFAULT_TRAINING_USER, close: () => sandbox.close() };
}

/** A sandbox already running elsewhere on this machine (`station sandbox`), with its default training user. */
export async function sharedTrainingServer(baseUrl: string): Promise<TrainingServer> {
  const { DEFAULT_TRAINING_USER } = await import('../sandbox/sandbox-types');
  return { baseUrl, credentials: DEFAULT_TRAINING_USER, close: () => Promise.resolve() };
}
