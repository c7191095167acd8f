import type { ServiceId } from '../../../common/services/catalog';
import type { NormalisedResult } from '../../../common/services/result-model';
import { OUTCOMES as ALL_OUTCOMES, type Mode, type Outcome } from '../../../common/vocabulary';
import type { QueueState } from '../queue/queue-states';
import type { BlobKind } from '../store/blob-store';

/** What the history calls the result's verdict (NormalisedResult['verdict']). */
export type { Outcome };
export const OUTCOMES: readonly Outcome[] = ALL_OUTCOMES;

export type { Mode };

export interface HistoryQuery {
  /** Name / document number / any indexed text; words are ANDed, each matches a word or its prefix (≥ 3 letters). */
  text?: string;
  /** created_at ≥ from (ms since the epoch, UTC). */
  from?: number;
  /** created_at < to: half-open, so consecutive days never overlap. */
  to?: number;
  services?: readonly ServiceId[];
  outcomes?: readonly Outcome[];
  mode?: Mode;
  /** Default 50, at most 500. */
  limit?: number;
  offset?: number;
}

/** Who a verification is about, decrypted for display; null where the record does not say. */
export interface HistorySubject {
  name: string | null;
  documentNumber: string | null;
  /** ISO 8601 date when read from a document; as typed for a background check. */
  dateOfBirth: string | null;
}

export interface HistorySummary {
  id: string;
  createdAt: number;
  finishedAt: number | null;
  service: ServiceId;
  mode: Mode;
  state: QueueState;
  verdict: Outcome | null;
  operator: string | null;
  subject: HistorySubject;
  /** A sealed column failed to open (tampered, or another key): shown, never hidden. */
  unreadable: boolean;
  /**
   * The row's MAC does not verify: it was changed outside the station (store/row-binding.ts). Then
   * `verdict` is null and `mode` is 'training' whatever the row says: never shown as live evidence.
   */
  tampered: boolean;
}

export interface HistoryAttempt {
  seq: number;
  at: number;
  action: string;
  outcome: string;
  detail: string | null;
}

export interface HistoryImage {
  blobId: string;
  /** Which input, e.g. 'selfie_image', 'front_id'. */
  field: string;
  kind: BlobKind;
  filename: string | null;
  contentType: string | null;
  /** Plaintext size; null once the image is gone. */
  bytes: number | null;
  /** False when retention (or a lost file) removed it: the record still says it existed. */
  available: boolean;
}

export interface HistoryDetail extends HistorySummary {
  updatedAt: number;
  submittedAt: number | null;
  taskId: string | null;
  /** How many times it was sent (the queue's counter); the full trail is `attempts`. */
  sendCount: number;
  attentionReason: string | null;
  error: { kind: string; message: string | null; fields: Record<string, string[]> | null } | null;
  /** Text inputs as submitted (e.g. fullname, birth_date, uuid). */
  fields: Record<string, string>;
  /** Pre-check findings as the renderer stored them (shape owned by the pre-check code). */
  prechecks: unknown;
  overrideReason: string | null;
  result: Omit<NormalisedResult, 'raw'> | null;
  /** Progeny's response as received. */
  raw: unknown;
  attempts: HistoryAttempt[];
  images: HistoryImage[];
  /** Sealed columns that failed to open. */
  unreadableColumns: string[];
}
