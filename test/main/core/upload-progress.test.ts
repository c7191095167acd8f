import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../common/contract';
import { silentLogger } from '../../../main/core/logger';
import { createStationCore } from '../../../main/core/station-core';
import { passphraseWrapper } from '../../../main/core/store/keyring';
import { openStore } from '../../../main/core/store/open-store';
import { startSandbox } from '../../../main/sandbox/sandbox-server';
import { signInAsAdmin } from '../../support/sign-in';
import { DEFAULT_TRAINING_USER } from '../../../main/sandbox/sandbox-types';
import { instantEngine } from '../../support/instant-engine';
import { agreedConsent } from '../../support/consent';

const dir = () => mkdtempSync(join(tmpdir(), 'station-upload-'));

describe('upload progress', () => {
  it('reports the bytes of a verification being sent, ending with all of them', async () => {
    const sandbox = await startSandbox({ dataDir: dir(), analysis: instantEngine, taskDurationMs: 50 });
    const dataDir = dir();
    const core = createStationCore({
      dataDir,
      log: silentLogger,
      store: openStore(dataDir, passphraseWrapper('upload progress test', { N: 2 ** 14, r: 8, p: 1 })),
      progeny: { startTraining: () => Promise.resolve({ baseUrl: sandbox.baseUrl, credentials: DEFAULT_TRAINING_USER, close: () => Promise.resolve() }) },
    });
    await signInAsAdmin(core);
    const progress: EventPayload<'queue:progress'>[] = [];
    core.bus.on('queue:progress', (event) => progress.push(event));
    const selfie = readFileSync(join(import.meta.dirname, '../../fixtures/generated/selfie-good-a.jpg'));
    const submitted = await core.dispatch('verification:submit', {
      service: 'face_liveness',
      files: { image: { filename: 'selfie.jpg', contentType: 'image/jpeg', data: selfie.toString('base64') } },
      fields: {},
      consent: agreedConsent(),
    });
    expect(submitted).toMatchObject({ ok: true });
    const id = (submitted as { value: { id: string } }).value.id;
    await expect.poll(() => core.queue!.queue.get(id)?.state, { timeout: 15_000 }).toBe('done');
    const mine = progress.filter((event) => event.id === id);
    expect(mine.length).toBeGreaterThan(0);
    const last = mine.at(-1)!;
    expect(last.total).not.toBeNull();
    expect(last.sent).toBe(last.total);
    expect(last.total!).toBeGreaterThan(selfie.length);
    await core.close();
    await sandbox.close();
  });
});
