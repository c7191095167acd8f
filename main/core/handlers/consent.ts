import { fail, ok } from '../../../common/result';
import { SERVICES } from '../../../common/services/catalog';
import type { HandlerContext, HandlerGroup } from './context';

type Needs = Pick<HandlerContext, 'audit'>;

/**
 * A declined consent leaves no record (nothing was captured), so this entry is the only trace a
 * compliance officer has that the customer was asked and said no. Ids and the text's version only:
 * the customer's name is never in the audit log.
 */
export function consentHandlers({ audit }: Needs): HandlerGroup<'consent:declined'> {
  return {
    'consent:declined': ({ service, consent }) => {
      if (!SERVICES[service].biometric) return fail('invalid-request', `${service} processes no face: it asks for no consent.`, { field: 'service' });
      if (consent.answer !== 'declined') return fail('invalid-request', 'Only a declined answer is recorded on its own; an agreed one goes with the verification.', { field: 'consent.answer' });
      audit('consent', { service, answer: 'declined', language: consent.language, version: consent.version, answeredAt: consent.at });
      return ok(true);
    },
  };
}
