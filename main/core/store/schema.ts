import { SEALED_OVERHEAD, SEALED_VERSION } from './cipher';

/**
 * The station database's schema, as numbered migrations. A migration, once released, is never
 * edited: a change is a new migration. Each runs in its own transaction (database.ts).
 *
 * What is plain and what is sealed: columns the queue and the history filter or sort on (states,
 * times, service, verdict, operator) are plain; everything about the customer (names, document
 * numbers, dates of birth, images, raw results, free text) is sealed with the data key, and the
 * AAD names the row and column (see `aad`), so a sealed value copied to another row fails to open.
 *
 * Tables are STRICT, so a sealed (BLOB) column refuses a TEXT value written by mistake, and each
 * sealed column checks the sealed header, so raw plaintext bytes are refused as well.
 *
 * The plain columns are not secret but they matter (a training row must not pass for live, a failed
 * check for a verified one): since version 2 each verification row carries `row_mac`, an HMAC over
 * all its columns (row-binding.ts), and whatever writes a row recomputes it in the same transaction.
 */

export interface Migration {
  version: number;
  name: string;
  /** SQL run with `exec` inside the migration's transaction. */
  up: string;
}

/** Where each sealed value lives; the AAD every seal/open of it must use. */
export const aad = {
  verification: (id: string, column: VerificationSealedColumn) => `verification:${id}:${column}`,
  audit: (seq: number) => `audit:${seq}:details`,
  blob: (id: string) => `blob:${id}`,
} as const;

/** The ciphertext columns of `verifications`; every other column there is plain text. */
export const VERIFICATION_SEALED_COLUMNS = ['inputs', 'prechecks', 'override_reason', 'result', 'subject', 'error_fields'] as const;
export type VerificationSealedColumn = (typeof VERIFICATION_SEALED_COLUMNS)[number];

const sealed = (column: string, nullable = true) =>
  `${column} BLOB ${nullable ? '' : 'NOT NULL '}CHECK (${column} IS NULL OR (length(${column}) >= ${SEALED_OVERHEAD} AND substr(${column}, 1, 1) = x'${SEALED_VERSION.toString(16).padStart(2, '0')}'))`;

const V1 = /* sql */ `
-- Small facts about the store itself, e.g. 'key_check' (which data key this database belongs to).
CREATE TABLE store_meta (
  key   TEXT PRIMARY KEY,
  value BLOB NOT NULL
) STRICT;

-- One row per verification, queued or finished. Times are milliseconds since the epoch (UTC).
CREATE TABLE verifications (
  id               TEXT PRIMARY KEY,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  service          TEXT NOT NULL,
  mode             TEXT NOT NULL CHECK (mode IN ('training', 'live')),
  state            TEXT NOT NULL,
  task_id          TEXT,                      -- Progeny's task id: not PII
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  INTEGER,
  submitted_at     INTEGER,
  finished_at      INTEGER,
  verdict          TEXT,
  attention_reason TEXT,                      -- why it waits for a person (queue-states AttentionReason)
  error_kind       TEXT,
  error_message    TEXT,                      -- plain: must never quote inputs; field errors go to error_fields
  operator         TEXT,                      -- the station user (staff), not the customer
  ${sealed('inputs')},          -- sealed JSON: text fields and blob ids of the submission
  ${sealed('prechecks')},       -- sealed JSON: pre-check findings (may describe the images)
  ${sealed('override_reason')}, -- sealed text: the operator's free-text reason
  ${sealed('result')},          -- sealed JSON: normalised result and Progeny's raw response
  ${sealed('subject')},         -- sealed JSON: name, document number, birth date for display
  ${sealed('error_fields')}     -- sealed JSON: Progeny's per-field validation messages
) STRICT;
CREATE INDEX verifications_due     ON verifications (state, next_attempt_at);
CREATE INDEX verifications_created ON verifications (created_at);
CREATE INDEX verifications_service ON verifications (service);
CREATE INDEX verifications_verdict ON verifications (verdict);
CREATE INDEX verifications_mode    ON verifications (mode);

-- Attempt history of a verification (what the station did and what came back). No PII.
CREATE TABLE attempts (
  verification_id TEXT NOT NULL REFERENCES verifications (id) ON DELETE CASCADE,
  seq             INTEGER NOT NULL,
  at              INTEGER NOT NULL,
  action          TEXT NOT NULL,
  outcome         TEXT NOT NULL,
  detail          TEXT,
  PRIMARY KEY (verification_id, seq)
) STRICT, WITHOUT ROWID;

-- Encrypted image files under blobs/ (blob-store.ts); the bytes never live in the database.
-- RESTRICT, not CASCADE: deleting a verification must delete its files first (BlobStore.delete),
-- otherwise the rows would vanish and leave the images behind unnoticed.
CREATE TABLE blobs (
  id              TEXT PRIMARY KEY,
  verification_id TEXT REFERENCES verifications (id) ON DELETE RESTRICT,
  kind            TEXT NOT NULL CHECK (kind IN ('image', 'thumbnail', 'portrait')),
  field           TEXT NOT NULL,              -- which input it is, e.g. 'selfie', 'document-front'
  bytes           INTEGER NOT NULL,           -- plaintext size
  created_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX blobs_by_verification ON blobs (verification_id);

-- Blind index for search (blind-index.ts): truncated HMACs of normalised words and prefixes.
CREATE TABLE search_tokens (
  verification_id TEXT NOT NULL REFERENCES verifications (id) ON DELETE CASCADE,
  token           BLOB NOT NULL CHECK (length(token) = 16),
  PRIMARY KEY (verification_id, token)
) STRICT, WITHOUT ROWID;
CREATE INDEX search_tokens_by_token ON search_tokens (token);

-- Hash-chained (HMAC) audit trail (audit-log.ts). The triggers make it append-only for the
-- station's own code; the MAC chain catches anyone who drops them and edits rows anyway.
CREATE TABLE audit_log (
  seq      INTEGER PRIMARY KEY CHECK (seq >= 1),
  at       INTEGER NOT NULL,
  actor    TEXT NOT NULL,
  action   TEXT NOT NULL,
  ${sealed('details', false)},  -- sealed canonical JSON, AAD audit:<seq>:details
  prev_mac BLOB NOT NULL CHECK (length(prev_mac) = 32),
  mac      BLOB NOT NULL CHECK (length(mac) = 32)
) STRICT;
CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- Named leases between processes sharing the data folder (e.g. who drains the queue).
CREATE TABLE leases (
  name       TEXT PRIMARY KEY,
  holder     TEXT NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;
`;

// Binds every column of a verification row to the data key (row-binding.ts). Rows written before
// this migration get their MAC once, at the first open after it (open-store.ts bindUnboundRows).
const V2 = /* sql */ `
ALTER TABLE verifications ADD COLUMN row_mac BLOB CHECK (row_mac IS NULL OR length(row_mac) = 32);
`;

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial schema', up: V1 },
  { version: 2, name: 'verification row MACs', up: V2 },
];
/** From this schema version on, verification rows carry a MAC. */
export const ROW_MAC_SCHEMA_VERSION = 2;
export const SCHEMA_VERSION = Math.max(...MIGRATIONS.map((m) => m.version));
