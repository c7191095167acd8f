/**
 * A whole station core on an encrypted store, for feeding it bad input. By default its Progeny
 * server is a port nobody listens on, so queued work stays queued and every row can be checked
 * afterwards; pass a server URL to let the queue really send.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { SubmitRequest } from '../../common/contract';
import type { Result } from '../../common/result';
import { silentLogger } from '../../main/core/logger';
import { createStationCore, type StationCore } from '../../main/core/station-core';
import { passphraseWrapper } from '../../main/core/store/keyring';
import { openStore } from '../../main/core/store/open-store';
import { unusedLoopbackUrl } from '../faults/loopback-progeny';
import { fixture } from '../main/analysis/analysis-env';
import { agreedConsent } from '../support/consent';
import { signInAsAdmin } from '../support/sign-in';

export const goodSelfie = fixture('selfie-good-a.jpg');

/** An upload as the renderer sends it: base64 bytes, a file name and the declared type. */
export const upload = (filename: string, bytes: Uint8Array, contentType = 'image/jpeg') => ({ filename, contentType, data: Buffer.from(bytes).toString('base64') });

export const selfieRequest = (filename = 'selfie.jpg', bytes: Uint8Array = goodSelfie, contentType = 'image/jpeg'): SubmitRequest =>
  ({ service: 'face_liveness', files: { image: upload(filename, bytes, contentType) }, fields: {}, consent: agreedConsent() }) as SubmitRequest;

export interface BadInputStation {
  core: StationCore;
  dataDir: string;
  /** Submits a valid selfie and returns its id: proof the station still works. */
  submitValid(filename?: string): Promise<string>;
  /** Every id queued so far is still there, with its image intact. */
  expectQueuedIntact(): Promise<void>;
  close(): Promise<void>;
}

export async function openBadInputStation(options: { serverUrl?: string; dataDir?: string } = {}): Promise<BadInputStation> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'station-bad-input-'));
  const baseUrl = options.serverUrl ?? (await unusedLoopbackUrl());
  const core = createStationCore({
    dataDir,
    log: silentLogger,
    store: openStore(dataDir, passphraseWrapper('correct horse battery', { N: 2 ** 14, r: 8, p: 1 })),
    progeny: { startTraining: () => Promise.resolve({ baseUrl, credentials: { username: 'training', password: 'training' }, close: () => Promise.resolve() }) },
  });
  // The page signs in before anything else (issue 15): these tests are about what comes after.
  await signInAsAdmin(core);
  const queued: string[] = [];
  return {
    core,
    dataDir,
    async submitValid(filename = 'valid.jpg') {
      const result = (await core.dispatch('verification:submit', selfieRequest(filename))) as Result<{ id: string }>;
      if (!result.ok) throw new Error(`a valid submission was refused: ${result.error.code}: ${result.error.message}`);
      queued.push(result.value.id);
      return result.value.id;
    },
    async expectQueuedIntact() {
      const queue = core.queue!.queue;
      for (const id of queued) {
        expect(queue.get(id), `queued verification ${id}`).not.toBeNull();
        expect(Buffer.from((await queue.repository.inputs(id)).files.image!.bytes).equals(goodSelfie)).toBe(true);
      }
    },
    close: () => core.close(),
  };
}
