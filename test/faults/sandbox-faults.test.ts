/**
 * Faults of a whole server, against the real Progeny-compatible sandbox (instant engine): every
 * session revoked in the middle of a batch, and the server killed and started again on the same
 * port and data folder while verifications are in flight. The sandbox counts the tasks it creates
 * per verification, across both lives.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServiceId } from '../../common/services/catalog';
import { startSandbox } from '../../main/sandbox/sandbox-server';
import type { Sandbox } from '../../main/sandbox/sandbox-types';
import { instantEngine } from '../support/instant-engine';
import { openFaultStation, type FaultStation } from './fault-station';

const BATCH = 12;
const TASK_MS = 120;
const tasks = new Map<string, number>();
const countTask = (_service: ServiceId, fields: Readonly<Record<string, string>>) => void tasks.set(fields.fullname!, (tasks.get(fields.fullname!) ?? 0) + 1);
const counts = { seen: (item: string) => tasks.get(item) ?? 0, tasks: (item: string) => tasks.get(item) ?? 0 };
const open: Array<Sandbox | FaultStation> = [];

afterEach(async () => {
  for (const thing of open.splice(0)) await thing.close();
  tasks.clear();
});

function sandboxAt(dataDir: string, options: { port?: number; onTaskCreated?: typeof countTask } = {}) {
  return startSandbox({ dataDir, analysis: instantEngine, taskDurationMs: TASK_MS, onTaskCreated: options.onTaskCreated ?? countTask, ...(options.port ? { port: options.port } : {}) }).then(
    (sandbox) => {
      open.push(sandbox);
      return sandbox;
    },
  );
}

describe('against the sandbox', () => {
  it(`tokens revoked mid-batch: all ${BATCH} finish, each exactly once`, async () => {
    let sandbox: Sandbox | null = null;
    sandbox = await sandboxAt(mkdtempSync(join(tmpdir(), 'station-fault-sbx-')), {
      onTaskCreated: (service, fields) => {
        countTask(service, fields);
        if (tasks.size === 4) sandbox!.revokeAllTokens();
      },
    });
    const station = openFaultStation({ baseUrl: sandbox.baseUrl, realTaskMs: TASK_MS });
    open.push(station);
    const ids = Array.from({ length: BATCH }, (_, i) => station.enqueueCheck(`Revoked Person${i}`));
    await station.settle();
    expect(station.places(ids)).toEqual({ done: ids });
    expect(sandbox.stats.rejectedAuth).toBeGreaterThan(0);
    expect(sandbox.stats.obtains).toBeGreaterThanOrEqual(2);
    station.expectAccountedFor(ids, counts, ['done']);
  });

  it(`killed and restarted mid-batch: each of ${BATCH} is done once, or waits for a person; nothing is duplicated`, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'station-fault-sbx-'));
    let restarted: Promise<Sandbox> | null = null;
    const first = await sandboxAt(dataDir, {
      onTaskCreated: (service, fields) => {
        countTask(service, fields);
        if (tasks.size === 5) {
          const port = Number(new URL(first.baseUrl).port);
          restarted = first.close().then(async () => {
            await new Promise((resolve) => setTimeout(resolve, 150));
            return sandboxAt(dataDir, { port });
          });
        }
      },
    });
    const station = openFaultStation({ baseUrl: first.baseUrl, realTaskMs: TASK_MS });
    open.push(station);
    const ids = Array.from({ length: BATCH }, (_, i) => station.enqueueCheck(`Restart Person${i}`));
    await station.settle();
    const second = await restarted!;
    await station.settle();

    const places = station.places(ids);
    expect(second.stats.posts.background_check).toBeGreaterThan(0);
    // Only what was in flight at the kill (being sent, or sent and not yet collected) can need a
    // person; how many that is depends on timing, so the bound is loose and the invariants below
    // (nothing created twice, everything accounted for) carry the weight.
    expect(places.done?.length ?? 0).toBeGreaterThanOrEqual(BATCH / 2);
    // A task the first server made is gone with it (its tasks live in memory): Progeny would still
    // have it, so the station asks a person instead of creating it again.
    for (const id of places['attention:unknown-task'] ?? []) expect(station.queue.get(id)?.errorMessage).toMatch(/does not know this task/);
    station.expectAccountedFor(ids, counts, ['done', 'attention:uncertain', 'attention:unknown-task']);
    console.info(`sandbox restart: ${JSON.stringify(Object.fromEntries(Object.entries(places).map(([place, list]) => [place, list.length])))}`);
  });
});
