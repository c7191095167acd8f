import type { z } from 'zod';
import type { HistoryDetailSchema, HistoryQuerySchema, HistorySummarySchema } from '../../../common/contract';
import { OUTCOMES as ALL_OUTCOMES, type Mode, type Outcome } from '../../../common/vocabulary';
import type { BlobKind } from '../store/blob-store';

/** What the history calls the result's verdict (NormalisedResult['verdict']). */
export type { Outcome };
export const OUTCOMES: readonly Outcome[] = ALL_OUTCOMES;

export type { Mode };

/**
 * The history's shapes are declared once, as the contract's schemas (common/contract.ts): main's
 * types are those, with what main always fills in made required (the contract leaves `customer`,
 * `tampered`, `consent` and `raw` optional for the cores before them) and images by their blob kind.
 */
type Summary = z.infer<typeof HistorySummarySchema>;
type Detail = z.infer<typeof HistoryDetailSchema>;

/**
 * The contract's query with "mine" resolved by main into `operator` (the account name recorded with
 * each verification). `text`: words are ANDed, each matches a word or its prefix (≥ 3 letters);
 * `from`/`to`: created_at, half-open; `limit`: default 50, at most 500.
 */
export type HistoryQuery = Omit<z.infer<typeof HistoryQuerySchema>, 'mine'> & { operator?: string };

/** Who a verification is about, decrypted for display; null where the record does not say. */
export type HistorySubject = Summary['subject'];

/**
 * `tampered`: the row's MAC does not verify (store/row-binding.ts); then `verdict` is null and
 * `mode` is 'training' whatever the row says: never shown as live evidence.
 */
export type HistorySummary = Summary & Required<Pick<Summary, 'customer' | 'tampered'>>;

export type HistoryAttempt = Detail['attempts'][number];

/** `available` is false when retention (or a lost file) removed it: the record still says it existed. */
export type HistoryImage = Detail['images'][number] & { kind: BlobKind };

export type HistoryDetail = Omit<Detail, 'images'> & Required<Pick<Detail, 'customer' | 'tampered' | 'consent' | 'raw'>> & { images: HistoryImage[] };
