/**
 * The drainer's scheduling and shutdown, against the real queue on an encrypted store and a
 * scripted Progeny client: which items it picks, how many workers run, and what closing keeps.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../../main/core/logger';
import type { PollOutcome, ProgenyClient, SubmitOutcome } from '../../../../main/core/progeny/progeny-client';
import { ProgenyError } from '../../../../main/core/progeny/progeny-error';
import { createDrainer } from '../../../../main/core/queue/drainer';
import { leaseHolder, openSqliteQueue } from '../../../../main/core/queue/sqlite-queue';
import { passphraseWrapper } from '../../../../main/core/store/keyring';
import { openStore } from '../../../../main/core/store/open-store';
import type { Store } from '../../../../main/core/store/open-store';

type Submit = (signal: AbortSignal | undefined) => Promise<SubmitOutcome>;
type Poll = (taskId: string, signal: AbortSignal | undefined) => Promise<PollOutcome>;

const stores: Store[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

const unknownTask = (): PollOutcome => ({ kind: 'unknown-task', error: new ProgenyError('unknown-task', 'Progeny does not know this task.', 'permanent', 'yes'), polls: 1 });
const cancelled = () => new ProgenyError('cancelled', 'Cancelled.', 'operator', 'maybe');
/** Settles when `signal` aborts. */
const onAbort = <T>(signal: AbortSignal | undefined, outcome: () => T) => new Promise<T>((resolve) => signal?.addEventListener('abort', () => resolve(outcome()), { once: true }));

/** Only the two calls the drainer makes; anything else on the client is a bug here. */
const scriptedClient = (submit: Submit, poll: Poll) =>
  ({
    submit: (_service: unknown, _input: unknown, options: { signal?: AbortSignal } = {}) => submit(options.signal),
    poll: (_service: unknown, taskId: string, options: { signal?: AbortSignal } = {}) => poll(taskId, options.signal),
  }) as unknown as ProgenyClient;

function queueWithDrainer(client: () => Promise<ProgenyClient>) {
  const store = openStore(mkdtempSync(join(tmpdir(), 'station-drainer-')), passphraseWrapper('drainer test', { N: 2 ** 14, r: 8, p: 1 }));
  stores.push(store);
  const queue = openSqliteQueue(store);
  const drainer = createDrainer({ repo: queue.repository, client, holder: leaseHolder(), log: silentLogger, concurrency: 2 });
  const enqueue = (name: string) => queue.enqueue({ service: 'background_check', mode: 'training', operator: 'op', files: {}, fields: { fullname: name, birth_date: '1990-01-01' } });
  /** An item already sent: the drainer's next move is to poll `taskId`. */
  const enqueueSubmitted = (name: string, taskId: string) => {
    const id = enqueue(name);
    queue.repository.transition(id, 'ready', 'submitting', { attempts: 1, attempt: { action: 'submit', outcome: 'sending' } });
    queue.repository.transition(id, 'submitting', 'submitted', { taskId, submittedAt: Date.now(), attempt: { action: 'submit', outcome: 'accepted' } });
    return id;
  };
  return { queue, drainer, enqueue, enqueueSubmitted };
}

describe('picking work', () => {
  it('without a client (the training server did not start): pauses offline and leaves the item untouched', async () => {
    let asked = 0;
    const { queue, drainer, enqueue } = queueWithDrainer(() => {
      asked += 1;
      return Promise.reject(new Error('the analysis models could not be loaded'));
    });
    const id = enqueue('Waiting Person');
    await drainer.drainDue();
    expect(drainer.paused).toBe('offline');
    expect(asked).toBeLessThanOrEqual(2);
    expect(queue.get(id)).toMatchObject({ state: 'ready', attempts: 0 });
  });

  it('an item that fails unexpectedly is tried once per drain, not again and again', async () => {
    let polls = 0;
    const client = scriptedClient(
      () => Promise.reject(new Error('not expected')),
      () => {
        polls += 1;
        // A bug the first times (say, a result the normaliser chokes on), then an answer.
        return polls <= 3 ? Promise.reject(new TypeError('cannot read properties of undefined')) : Promise.resolve(unknownTask());
      },
    );
    const { queue, drainer, enqueueSubmitted } = queueWithDrainer(() => Promise.resolve(client));
    const id = enqueueSubmitted('Buggy Person', 'task-1');
    expect(await drainer.drainDue()).toBe(1);
    expect(polls).toBe(1);
    expect(queue.get(id)?.state).toBe('submitted');
    await drainer.drainDue();
    expect(polls).toBe(2);
  });

  it('a drain while a slow task is polled sends new work at once, never running more than `concurrency` workers', async () => {
    let active = 0;
    let most = 0;
    const busy = async <T>(work: () => Promise<T>): Promise<T> => {
      active += 1;
      most = Math.max(most, active);
      try {
        return await work();
      } finally {
        active -= 1;
      }
    };
    let finishSlow: (outcome: PollOutcome) => void = () => undefined;
    let sent = 0;
    const client = scriptedClient(
      () => busy(() => Promise.resolve({ kind: 'submitted', taskId: `task-${(sent += 1)}` } as const)),
      (taskId) => busy(() => (taskId === 'slow' ? new Promise<PollOutcome>((resolve) => (finishSlow = resolve)) : Promise.resolve(unknownTask()))),
    );
    const { queue, drainer, enqueue, enqueueSubmitted } = queueWithDrainer(() => Promise.resolve(client));
    const slow = enqueueSubmitted('Slow Person', 'slow');
    const first = drainer.drainDue();
    await expect.poll(() => active).toBe(1);

    const next = ['Next Person1', 'Next Person2', 'Next Person3'].map(enqueue);
    // Two drains at once (the interval and a wake): only the one free worker may start.
    const [handled, none] = await Promise.all([drainer.drainDue(), drainer.drainDue()]);
    expect(handled + none).toBe(6);
    expect(most).toBe(2);
    expect(next.map((id) => queue.get(id)?.attentionReason)).toEqual(['unknown-task', 'unknown-task', 'unknown-task']);
    expect(queue.get(slow)?.state).toBe('submitted');

    finishSlow(unknownTask());
    expect(await first).toBe(1);
    expect(queue.get(slow)?.attentionReason).toBe('unknown-task');
  });

  it.each([
    ['403: the account may not do this', new ProgenyError('auth', "Progeny refused the station's session.", 'operator', 'yes', { status: 403 }), 'credentials', 'credentials'],
    ['413: too large', new ProgenyError('client-error', 'Progeny refused the request as too large.', 'permanent', 'yes', { status: 413 }), 'failed', null],
  ] as const)('a send refused outright (%s) waits for a person with a specific reason, not "uncertain"', async (_label, error, reason, pause) => {
    const client = scriptedClient(
      () => Promise.resolve({ kind: 'refused', error }),
      () => Promise.reject(new Error('not expected')),
    );
    const { queue, drainer, enqueue } = queueWithDrainer(() => Promise.resolve(client));
    const id = enqueue('Refused Person');
    await drainer.drainDue();
    expect(queue.get(id)).toMatchObject({ state: 'attention', attentionReason: reason, errorKind: error.kind, errorMessage: error.message });
    expect(drainer.paused).toBe(pause);
  });
});

describe('stopping', () => {
  it('waits for a send in flight to record its task id, stops polls at once, and picks nothing more', async () => {
    const client = scriptedClient(
      (signal) => new Promise((resolve) => setTimeout(() => resolve(signal?.aborted ? { kind: 'uncertain', error: cancelled() } : { kind: 'submitted', taskId: 'answered' }), 200)),
      (_taskId, signal) => onAbort(signal, () => ({ kind: 'failed', error: cancelled(), polls: 1 }) as const),
    );
    const { queue, drainer, enqueue, enqueueSubmitted } = queueWithDrainer(() => Promise.resolve(client));
    const polled = enqueueSubmitted('Polled Person', 'task-polled');
    const sending = enqueue('Sending Person');
    const draining = drainer.drainDue();
    await expect.poll(() => queue.get(sending)?.state).toBe('submitting');

    await drainer.stop();
    expect(queue.get(sending)).toMatchObject({ state: 'submitted', taskId: 'answered' });
    expect(queue.get(polled)).toMatchObject({ state: 'submitted', taskId: 'task-polled' });
    await draining;
    const later = enqueue('Later Person');
    expect(await drainer.drainDue()).toBe(0);
    expect(queue.get(later)?.state).toBe('ready');
  });

  it('cancels a send that outlasts the grace period, and records what that means', async () => {
    const client = scriptedClient(
      (signal) => onAbort(signal, () => ({ kind: 'uncertain', error: cancelled() }) as const),
      () => Promise.reject(new Error('not expected')),
    );
    const { queue, drainer, enqueue } = queueWithDrainer(() => Promise.resolve(client));
    const id = enqueue('Stalled Person');
    void drainer.drainDue();
    await expect.poll(() => queue.get(id)?.state).toBe('submitting');
    await drainer.stop(100);
    expect(queue.get(id)).toMatchObject({ state: 'attention', attentionReason: 'uncertain', errorKind: 'cancelled' });
  });
});
