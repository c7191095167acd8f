import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../../main/core/logger';
import { createProgenyClient } from '../../../../main/core/progeny/progeny-client';
import { createProgenyHttp } from '../../../../main/core/progeny/progeny-http';
import { createTokenManager, fixedCredentials } from '../../../../main/core/progeny/token-manager';
import { createDrainer } from '../../../../main/core/queue/drainer';
import { leaseHolder, openSqliteQueue, withThumbnails } from '../../../../main/core/queue/sqlite-queue';
import { passphraseWrapper } from '../../../../main/core/store/keyring';
import { openStore } from '../../../../main/core/store/open-store';
import { startSandbox } from '../../../../main/sandbox/sandbox-server';
import { DEFAULT_TRAINING_USER } from '../../../../main/sandbox/sandbox-types';
import { fixture, nodeAnalysis } from '../../analysis/analysis-env';

afterAll(async () => (await nodeAnalysis()).close());

const wrapper = () => passphraseWrapper('correct horse battery', { N: 2 ** 14, r: 8, p: 1 });

function station(sandboxUrl: string, dataDir = mkdtempSync(join(tmpdir(), 'station-queue-'))) {
  const store = openStore(dataDir, wrapper());
  const queue = openSqliteQueue(store);
  const http = createProgenyHttp({ baseUrl: sandboxUrl });
  const client = createProgenyClient({ http, tokens: createTokenManager({ http, credentials: fixedCredentials(DEFAULT_TRAINING_USER) }) });
  const drainer = createDrainer({ repo: queue.repository, client: () => Promise.resolve(client), holder: leaseHolder(), log: silentLogger });
  return { dataDir, store, queue, drainer };
}

describe('queue on the encrypted store, drained against the sandbox', () => {
  it('sends every queued verification once and stores its result', async () => {
    const sandbox = await startSandbox({ dataDir: mkdtempSync(join(tmpdir(), 'sbx-')), taskDurationMs: 200, analysis: await nodeAnalysis() });
    const { queue, drainer, store } = station(sandbox.baseUrl);
    const ids = [
      queue.enqueue({ service: 'face_liveness', mode: 'training', operator: 'op1', files: { image: { bytes: fixture('selfie-good-a.jpg'), filename: 's.jpg', contentType: 'image/jpeg' } } }),
      ...Array.from({ length: 4 }, (_, i) =>
        queue.enqueue({ service: 'background_check', mode: 'training', operator: 'op1', files: {}, fields: { fullname: `Queue Person${i}`, birth_date: '1990-01-01' } }),
      ),
    ];
    expect(queue.counts()).toEqual({ ready: 5 });
    expect(drainer.recover()).toBe(0);
    expect(await drainer.drainDue()).toBeGreaterThanOrEqual(5);
    for (const id of ids) {
      expect(queue.get(id)).toMatchObject({ state: 'done', verdict: 'verified', attempts: 1 });
      expect(queue.result(id)?.taskState).toBe('SUCCESS');
    }
    expect(sandbox.stats.posts.face_liveness + sandbox.stats.posts.background_check).toBe(5);
    expect(store.audit.verify()).toMatchObject({ ok: true });
    store.close();
    await sandbox.close();
  });

  it('after a crash mid-send, marks the item uncertain instead of sending it again', async () => {
    const sandbox = await startSandbox({ dataDir: mkdtempSync(join(tmpdir(), 'sbx-')), taskDurationMs: 0, analysis: await nodeAnalysis() });
    const first = station(sandbox.baseUrl);
    const id = first.queue.enqueue({ service: 'background_check', mode: 'training', operator: 'op1', files: {}, fields: { fullname: 'Crash Person', birth_date: '1990-01-01' } });
    // What the drainer writes right before the POST, then the process dies.
    expect(first.queue.repository.transition(id, 'ready', 'submitting', { attempts: 1, attempt: { action: 'submit', outcome: 'sending' } })).toBe(true);
    first.store.close();
    const again = station(sandbox.baseUrl, first.dataDir);
    expect(again.drainer.recover()).toBe(1);
    expect(again.queue.get(id)).toMatchObject({ state: 'attention', attentionReason: 'uncertain' });
    await again.drainer.drainDue();
    expect(sandbox.stats.posts.background_check).toBe(0);
    again.store.close();
    await sandbox.close();
  });

  it('queues while the server is down and sends everything once it is back', async () => {
    const sandboxDir = mkdtempSync(join(tmpdir(), 'sbx-'));
    const down = await startSandbox({ dataDir: sandboxDir, taskDurationMs: 0, analysis: await nodeAnalysis() });
    const url = down.baseUrl;
    await down.close(); // the port is now refused
    const { queue, drainer, store } = station(url);
    const ids = Array.from({ length: 20 }, (_, i) =>
      queue.enqueue({ service: 'background_check', mode: 'training', operator: 'op1', files: {}, fields: { fullname: `Offline Person${i}`, birth_date: '1990-01-01' } }),
    );
    await drainer.drainDue();
    expect(drainer.paused).toBe('offline');
    // Each of the two workers found the server down once; the rest were not even tried.
    expect(queue.counts()).toEqual({ retry: 2, ready: 18 });
    const port = Number(new URL(url).port);
    const back = await startSandbox({ dataDir: sandboxDir, port, taskDurationMs: 0, analysis: await nodeAnalysis() });
    drainer.resume();
    // The retried item waits for its back-off; bring its time forward as a probe would on reconnect.
    store.database.db.prepare("UPDATE verifications SET next_attempt_at = 0 WHERE state = 'retry'").run();
    await drainer.drainDue();
    expect(ids.map((id) => queue.get(id)?.state)).toEqual(ids.map(() => 'done'));
    expect(back.stats.posts.background_check).toBe(20);
    store.close();
    await back.close();
  });
});

describe('operator actions on the queue', () => {
  it('stores thumbnails beside the images of a new verification, ready to send', async () => {
    const { queue, store } = station('http://127.0.0.1:9/api/v3');
    const selfie = { image: { bytes: fixture('selfie-good-a.jpg'), filename: 's.jpg', contentType: 'image/jpeg' } };
    const id = queue.enqueue(await withThumbnails({ service: 'face_liveness', mode: 'training', operator: 'op', files: selfie }));
    expect(queue.get(id)?.state).toBe('ready');
    expect(
      store.blobs
        .listFor(id)
        .map((b) => b.kind)
        .sort(),
    ).toEqual(['image', 'thumbnail']);
    expect(Buffer.from((await queue.repository.inputs(id)).files.image!.bytes).equals(selfie.image.bytes)).toBe(true);
    store.close();
  });
});
