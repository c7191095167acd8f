import { fail, ok } from '../../../common/result';
import { prepareSubmission } from '../verification-intake';
import { isDiskFull, LOCKED, type HandlerContext, type HandlerGroup } from './context';

type Needs = Pick<HandlerContext, 'dataDir' | 'log' | 'operator' | 'progeny' | 'store' | 'queue' | 'queueChanged'>;

export function verificationHandlers({ dataDir, log, operator, progeny, store, queue: openQueue, queueChanged }: Needs): HandlerGroup<'verification:submit'> {
  return {
    'verification:submit': async (request) => {
      const queue = openQueue();
      if (!queue || !store() || !progeny) return fail('store-locked', LOCKED);
      const prepared = await prepareSubmission(request, { mode: progeny.mode, operator });
      if (!prepared.ok) return prepared;
      let id: string;
      try {
        id = queue.queue.enqueue(prepared.value);
      } catch (error) {
        if (!isDiskFull(error)) throw error;
        log.error('submit refused: disk full', { dataDir });
        return fail('storage-full', `The disk holding the station data (${dataDir}) is full: this verification was not queued. Free some space, then submit again; everything queued before is safe.`);
      }
      queueChanged(queue.queue.counts());
      queue.wake();
      return ok({ id });
    },
  };
}
