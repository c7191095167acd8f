import type { TFunction } from 'i18next';
import { isServiceId } from '../../common/services/catalog';

const QUEUE_STATES = ['draft', 'ready', 'submitting', 'submitted', 'retry', 'attention', 'done', 'cancelled'] as const;
const VERDICTS = ['verified', 'not-verified', 'needs-review'] as const;
const MODES = ['training', 'live'] as const;

export const isOneOf = <T extends string>(values: readonly T[], value: string | null): value is T => value !== null && (values as readonly string[]).includes(value);

/**
 * Main sends services, states and verdicts as plain strings (a newer station may add one): the
 * shared words translate the known ones, anything else is shown as "unknown" or as it came.
 */
export const serviceName = (t: TFunction, service: string): string => (isServiceId(service) ? t(`words.service.${service}`) : service);
export const stateName = (t: TFunction, state: string): string => (isOneOf(QUEUE_STATES, state) ? t(`words.state.${state}`) : t('words.unknown'));
export const verdictName = (t: TFunction, verdict: string | null): string => (isOneOf(VERDICTS, verdict) ? t(`words.verdict.${verdict}`) : t('words.unknown'));
export const modeName = (t: TFunction, mode: string): string => (isOneOf(MODES, mode) ? t(`words.mode.${mode}`) : t('words.unknown'));
