import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteQueue } from '../../../../main/core/queue/sqlite-queue';
import type { AttentionReason } from '../../../../main/core/queue/queue-states';
import { passphraseWrapper } from '../../../../main/core/store/keyring';
import { openStore } from '../../../../main/core/store/open-store';

function queueWith(reason: AttentionReason | 'retry', taskId: string | null) {
  const store = openStore(mkdtempSync(join(tmpdir(), 'station-actions-')), passphraseWrapper('operator actions', { N: 2 ** 14, r: 8, p: 1 }));
  const queue = openSqliteQueue(store);
  const id = queue.enqueue({ service: 'background_check', mode: 'training', operator: 'op', files: {}, fields: { fullname: 'A Person', birth_date: '1990-01-01' } });
  queue.repository.transition(id, 'ready', 'submitting', { attempts: 1, attempt: { action: 'submit', outcome: 'sending' } });
  if (reason === 'retry')
    queue.repository.transition(id, 'submitting', 'retry', { nextAttemptAt: Date.now() + 60_000, error: { kind: 'offline', message: 'down' }, attempt: { action: 'submit', outcome: 'offline' } });
  else if (taskId) {
    queue.repository.transition(id, 'submitting', 'submitted', { taskId, submittedAt: Date.now(), attempt: { action: 'submit', outcome: 'accepted' } });
    queue.repository.transition(id, 'submitted', 'attention', { error: { kind: reason, message: 'm', reason }, attempt: { action: 'poll', outcome: reason } });
  } else queue.repository.transition(id, 'submitting', 'attention', { error: { kind: reason, message: 'm', reason }, attempt: { action: 'submit', outcome: reason } });
  return { queue, id, close: () => store.close() };
}

describe('"Retry now" on the queue screen', () => {
  it.each([
    ['retry', null, true, 'ready'],
    ['deadline', 'task-1', true, 'submitted'],
    ['unknown-task', 'task-2', true, 'submitted'],
    ['rejected', null, true, 'ready'],
    ['credentials', null, true, 'ready'],
    ['failed', 'task-3', true, 'ready'],
    ['uncertain', null, false, 'attention'],
  ] as const)('%s (task %s): retried=%s, now %s', (reason, taskId, retried, state) => {
    const { queue, id, close } = queueWith(reason, taskId);
    expect(queue.retryNow(id)).toBe(retried);
    expect(queue.get(id)?.state).toBe(state);
    if (state === 'submitted') expect(queue.get(id)?.taskId).toBe(taskId);
    close();
  });

  it('only hands the drainer items of the mode it runs in', () => {
    const { queue, id, close } = queueWith('retry', null);
    queue.retryNow(id);
    const live = queue.enqueue({ service: 'background_check', mode: 'live', operator: 'op', files: {}, fields: { fullname: 'B Person', birth_date: '1990-01-01' } });
    expect(queue.repository.due(Date.now(), 10, new Set(), 'training').map((item) => item.id)).toEqual([id]);
    expect(queue.repository.due(Date.now(), 10, new Set(), 'live').map((item) => item.id)).toEqual([live]);
    expect(
      queue.repository
        .due(Date.now(), 10, new Set())
        .map((item) => item.id)
        .sort(),
    ).toEqual([id, live].sort());
    close();
  });
});
