/**
 * The text inputs' rules, the same ones main applies on submit (main/core/verification-intake.ts),
 * checked here first so the operator sees them while typing instead of as a rejection.
 */
import type { TextField } from '../../common/services/catalog';

export type FieldProblem = 'missing' | 'not-uuid' | 'not-a-date' | 'not-past' | 'too-long';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The contract's limit on every text field. */
const MAX_LENGTH = 200;

/** A calendar date written YYYY-MM-DD that exists (no 31 February). */
export function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** A day in the operator's time zone as YYYY-MM-DD, `offset` days from `now`. */
export function localDay(now = new Date(), offset = 0): string {
  const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() + offset);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

export function fieldProblem(field: TextField, raw: string, now = new Date()): FieldProblem | null {
  const value = raw.trim();
  if (value === '') return 'missing';
  if (value.length > MAX_LENGTH) return 'too-long';
  if (field.kind === 'uuid' && !UUID.test(value)) return 'not-uuid';
  if (field.kind === 'date') {
    if (!isRealDate(value)) return 'not-a-date';
    if (value >= localDay(now)) return 'not-past';
  }
  return null;
}
