/**
 * Tasks, as Progeny's Celery-backed task endpoint shows them. A POST creates a task (uuid v4 for
 * the client, an increasing integer `id` in the envelope) and queues its analysis: one engine, one
 * analysis at a time, in order. GET /services/task/ then reports
 * - PENDING while the task waits in the queue or is in the first third of its duration,
 * - STARTED after that until it is finished,
 * - SUCCESS with `result` = {status, data} once BOTH its duration has elapsed and its analysis is
 *   done, or FAILURE with Celery's exception record if the analysis threw (an engine bug; inferred).
 * Unknown ids, and other users' tasks, are 404 {"detail": "Not found."} (inferred; Celery itself
 * would say PENDING for any id, which would leave a client with a typo polling forever).
 */
import { randomUUID } from 'node:crypto';
import type { SandboxService } from './progeny-api-spec';
import type { Logger } from '../core/logger';
import type { TaskResult } from './sandbox-types';

type Outcome = { state: 'SUCCESS'; result: TaskResult } | { state: 'FAILURE'; result: { exc_type: string; exc_message: string[]; exc_module: string } };

interface Task {
  uuid: string;
  id: number;
  service: SandboxService;
  owner: number;
  createdAt: number;
  durationMs: number;
  started: boolean;
  outcome: Outcome | null;
}

export interface TaskEnvelope {
  id: number;
  status: 'PENDING' | 'STARTED' | 'SUCCESS' | 'FAILURE';
  result: TaskResult | Outcome['result'] | null;
}

export interface TaskStoreOptions {
  now: () => number;
  durationMs: (service: SandboxService) => number;
  maxQueued: number;
  log: Logger;
}

/** Finished tasks kept for polling; the oldest go first beyond this. */
const MAX_TASKS = 5000;

export function createTaskStore({ now, durationMs, maxQueued, log }: TaskStoreOptions) {
  const tasks = new Map<string, Task>();
  let nextId = 1;
  let waiting = 0;
  let queue: Promise<void> = Promise.resolve();
  let closed = false;

  function forgetOldest(): void {
    if (tasks.size <= MAX_TASKS) return;
    for (const [uuid, task] of tasks) {
      if (task.outcome) tasks.delete(uuid);
      if (tasks.size <= MAX_TASKS) return;
    }
  }

  return {
    /** False when the queue is full: the caller answers 503 before accepting anything. */
    hasRoom: () => !closed && waiting < maxQueued,

    /** Creates the task and queues `analyse`; returns the uuid for the POST's answer. */
    create(service: SandboxService, owner: number, analyse: () => Promise<TaskResult>): string {
      const task: Task = { uuid: randomUUID(), id: nextId++, service, owner, createdAt: now(), durationMs: Math.max(0, durationMs(service)), started: false, outcome: null };
      tasks.set(task.uuid, task);
      forgetOldest();
      waiting += 1;
      queue = queue.then(async () => {
        task.started = true;
        const started = performance.now();
        try {
          // Closing: queued analyses are dropped, the one running is finished.
          if (closed) throw new Error('the sandbox closed before the analysis ran');
          task.outcome = { state: 'SUCCESS', result: await analyse() };
          log.info('task analysed', { service, taskId: task.id, status: task.outcome.result.status, analysisMs: Math.round(performance.now() - started) });
        } catch (error) {
          const name = error instanceof Error ? error.name : 'Error';
          task.outcome = { state: 'FAILURE', result: { exc_type: name, exc_message: ['The sandbox analysis failed; see the sandbox log.'], exc_module: 'builtins' } };
          log.error('task analysis failed', { service, taskId: task.id, error: error instanceof Error ? error.message : String(error) });
        } finally {
          waiting -= 1;
        }
      });
      return task.uuid;
    },

    /**
     * The envelope for GET /services/task/?id=…, and the share of its duration elapsed (0..1, for
     * quirks that tell more states apart), or null when `owner` has no such task.
     */
    view(uuid: string, owner: number): { envelope: TaskEnvelope; progress: number } | null {
      const task = tasks.get(uuid.toLowerCase());
      if (!task || task.owner !== owner) return null;
      const elapsed = now() - task.createdAt;
      const progress = task.durationMs === 0 ? 1 : Math.min(1, elapsed / task.durationMs);
      if (task.outcome && elapsed >= task.durationMs) return { envelope: { id: task.id, status: task.outcome.state, result: task.outcome.result }, progress };
      const pending = !task.started || elapsed < task.durationMs / 3;
      return { envelope: { id: task.id, status: pending ? 'PENDING' : 'STARTED', result: null }, progress: task.started ? progress : 0 };
    },

    /** Stops accepting tasks and waits for the queued analyses to finish. */
    async close(): Promise<void> {
      closed = true;
      await queue;
    },
  };
}

export type TaskStore = ReturnType<typeof createTaskStore>;
