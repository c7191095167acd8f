/**
 * The history search form's values and the query main understands. Dates are whole local days:
 * "From" starts at its midnight and "To" ends at the next one (main's `to` is exclusive), so
 * From = To = a day finds exactly that day.
 */
import type { RequestOf } from '../../common/contract';
import { isServiceId, type ServiceId } from '../../common/services/catalog';
import { isOneOf, MODES, OUTCOMES, type Mode, type Outcome } from '../../common/vocabulary';

export type HistoryQuery = RequestOf<'history:search'>;
export { OUTCOMES, type Outcome };

export interface HistoryFilters {
  text: string;
  /** A service id, or '' for all. */
  service: ServiceId | '';
  outcome: Outcome | '';
  mode: Mode | '';
  /** As the date inputs give them: YYYY-MM-DD, or ''. */
  from: string;
  to: string;
}

export const EMPTY_FILTERS: HistoryFilters = { text: '', service: '', outcome: '', mode: '', from: '', to: '' };

export const PAGE_SIZE = 50;

/** Local midnight of a YYYY-MM-DD day plus `addDays`, in ms; null for anything else. */
export function localDayStart(day: string, addDays = 0): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const start = new Date(year, month - 1, date);
  if (start.getFullYear() !== year || start.getMonth() !== month - 1 || start.getDate() !== date) return null;
  start.setDate(start.getDate() + addDays);
  const time = start.getTime();
  return time >= 0 ? time : null;
}

export const isOutcome = (value: string): value is Outcome => isOneOf(OUTCOMES, value);
export const asService = (value: string): ServiceId | '' => (isServiceId(value) ? value : '');
export const asMode = (value: string): HistoryFilters['mode'] => (isOneOf(MODES, value) ? value : '');

/** True when "To" is a day before "From": no record can match, so the form says so instead. */
export function datesReversed(filters: HistoryFilters): boolean {
  const from = localDayStart(filters.from);
  const to = localDayStart(filters.to);
  return from !== null && to !== null && to < from;
}

export function toHistoryQuery(filters: HistoryFilters, offset = 0): HistoryQuery {
  const query: HistoryQuery = { limit: PAGE_SIZE, offset };
  const text = filters.text.trim().slice(0, 200);
  if (text) query.text = text;
  if (filters.service) query.services = [filters.service];
  if (filters.outcome) query.outcomes = [filters.outcome];
  if (filters.mode) query.mode = filters.mode;
  const from = localDayStart(filters.from);
  if (from !== null) query.from = from;
  const to = localDayStart(filters.to, 1);
  if (to !== null) query.to = to;
  return query;
}

export const hasFilters = ({ text, service, outcome, mode, from, to }: HistoryFilters): boolean => [text.trim(), service, outcome, mode, from, to].some((value) => value !== '');
