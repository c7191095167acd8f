import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { warningsOnly, type Logger } from '../core/logger';
import type { TrainingServer } from '../core/progeny/progeny-service';

/** The training sandbox's folder inside the station's data folder. */
export const TRAINING_FOLDER = 'training';

/**
 * What older versions (and `station sandbox`, whose default folder this used to be) left here in
 * plaintext: registered face descriptors and document portraits. Personal data, so it goes.
 */
const PLAINTEXT_LEFTOVERS = ['faces.json', 'media'] as const;

/**
 * Training mode's server: the sandbox, in this process, on a random loopback port, with its own
 * folder under the station's data (training data never mixes with live data). Imported lazily so
 * a live station never loads it.
 *
 * The station keeps no personal data unencrypted on disk, and this sandbox may start before the
 * store is unlocked (the first connectivity probe starts it), so there is no data key to seal with
 * yet. Hence `personalData: 'memory'`: faces registered in training and document portraits last
 * until the station closes; only the fictional watchlist is a file in `<data>/training/`.
 */
export async function startTrainingSandbox(dataDir: string, log: Logger): Promise<TrainingServer> {
  const [{ startSandbox }, { DEFAULT_TRAINING_USER }] = await Promise.all([import('../sandbox/sandbox-server'), import('../sandbox/sandbox-types')]);
  const folder = join(dataDir, TRAINING_FOLDER);
  await removePlaintextLeftovers(folder, log);
  // Per-request lines belong to `station sandbox`; inside the station only problems are worth a line.
  const sandbox = await startSandbox({ port: 0, dataDir: folder, personalData: 'memory', log: warningsOnly(log) });
  return { baseUrl: sandbox.baseUrl, credentials: DEFAULT_TRAINING_USER, close: () => sandbox.close() };
}

async function removePlaintextLeftovers(folder: string, log: Logger): Promise<void> {
  for (const name of PLAINTEXT_LEFTOVERS) {
    try {
      await rm(join(folder, name), { recursive: true, force: true });
    } catch (error) {
      // Still there: training works without it, and the next start tries again.
      log.warn('could not remove old plaintext training data', { file: name, error: error instanceof Error ? error.message : String(error) });
    }
  }
}

/** A sandbox already running elsewhere on this machine (`station sandbox`), with its default training user. */
export async function sharedTrainingServer(baseUrl: string): Promise<TrainingServer> {
  const { DEFAULT_TRAINING_USER } = await import('../sandbox/sandbox-types');
  return { baseUrl, credentials: DEFAULT_TRAINING_USER, close: () => Promise.resolve() };
}
