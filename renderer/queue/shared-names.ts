import type { TFunction } from 'i18next';
import { isServiceId } from '../../common/services/catalog';
import { isOneOf, MODES, OUTCOMES, QUEUE_STATES } from '../../common/vocabulary';

export { isOneOf };

/**
 * Main sends services, states and verdicts as plain strings (a newer station may add one): the
 * shared words translate the known ones, anything else is shown as "unknown" or as it came.
 */
export const serviceName = (t: TFunction, service: string): string => (isServiceId(service) ? t(`words.service.${service}`) : service);
export const stateName = (t: TFunction, state: string): string => (isOneOf(QUEUE_STATES, state) ? t(`words.state.${state}`) : t('words.unknown'));
export const verdictName = (t: TFunction, verdict: string | null): string => (isOneOf(OUTCOMES, verdict) ? t(`words.verdict.${verdict}`) : t('words.unknown'));
export const modeName = (t: TFunction, mode: string): string => (isOneOf(MODES, mode) ? t(`words.mode.${mode}`) : t('words.unknown'));
