import { fail, ok } from '../../../common/result';
import { LOCKED, type HandlerContext, type HandlerGroup } from './context';

type Needs = Pick<HandlerContext, 'store'>;

export function auditHandlers({ store: openStore }: Needs): HandlerGroup<'audit:list'> {
  return {
    'audit:list': ({ limit }) => {
      const store = openStore();
      if (!store) return fail('store-locked', LOCKED);
      return ok(store.audit.newest(limit));
    },
  };
}
