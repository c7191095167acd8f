import { fail, ok } from '../../../common/result';
import type { QueueService } from '../queue/queue-service';
import { LOCKED, type HandlerContext, type HandlerGroup } from './context';

type Needs = Pick<HandlerContext, 'operator' | 'queue' | 'queueChanged'>;

export function queueHandlers({ operator, queue: openQueue, queueChanged }: Needs): HandlerGroup<'queue:list' | 'queue:retry' | 'queue:cancel' | 'queue:resolve'> {
  /** Every window and the status bar hear about an operator's queue action, and the drain starts now. */
  const afterQueueAction = (open: QueueService, changed: boolean): boolean => {
    if (changed) {
      queueChanged(open.queue.counts());
      open.wake();
    }
    return changed;
  };
  return {
    'queue:list': () => {
      const queue = openQueue();
      return queue ? ok(queue.list()) : fail('store-locked', LOCKED);
    },
    'queue:retry': ({ id }) => {
      const queue = openQueue();
      return queue ? ok(afterQueueAction(queue, queue.queue.retryNow(id))) : fail('store-locked', LOCKED);
    },
    'queue:cancel': ({ id }) => {
      const queue = openQueue();
      return queue ? ok(afterQueueAction(queue, queue.queue.cancel(id, operator()))) : fail('store-locked', LOCKED);
    },
    'queue:resolve': (request) => {
      const queue = openQueue();
      return queue ? ok(afterQueueAction(queue, queue.queue.resolve(request.id, 'taskId' in request ? { taskId: request.taskId } : { resend: true }, operator()))) : fail('store-locked', LOCKED);
    },
  };
}
