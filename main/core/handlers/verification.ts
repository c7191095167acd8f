import { fail, ok } from '../../../common/result';
import { prepareSubmission } from '../verification-intake';
import { isDiskFull, LOCKED, type HandlerContext, type HandlerGroup } from './context';

type Needs = Pick<HandlerContext, 'dataDir' | 'log' | 'operator' | 'approve' | 'progeny' | 'settings' | 'store' | 'queue' | 'queueChanged'>;

export function verificationHandlers({ dataDir, log, operator, approve, progeny, settings, store, queue: openQueue, queueChanged }: Needs): HandlerGroup<'verification:submit'> {
  return {
    'verification:submit': async (request) => {
      const queue = openQueue();
      if (!queue || !store() || !progeny) return fail('store-locked', LOCKED);
      // Four-eyes: an override needs a supervisor's or administrator's approval, checked in this call.
      const approved = request.override ? approve('override', request.approval) : null;
      if (approved && !approved.ok) return approved;
      const { approval: _approval, ...submission } = request;
      const prepared = await prepareSubmission(submission, {
        mode: progeny.mode,
        operator: operator(),
        consent: settings.get().consent,
        ...(approved?.value ? { approvedBy: approved.value.name } : {}),
      });
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
