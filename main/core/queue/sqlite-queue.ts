import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import sharp from 'sharp';
import type { QueueRow } from '../../../common/contract';
import type { ConsentRecord, Customer } from '../../../common/customer-consent';
import type { ServiceId } from '../../../common/services/catalog';
import type { NormalisedResult } from '../../../common/services/result-model';
import type { Mode } from '../../../common/vocabulary';
import type { SubmissionInput } from '../progeny/progeny-client';
import type { UploadFile } from '../progeny/progeny-http';
import { replaceSearchTokens } from '../store/blind-index';
import type { Store } from '../store/open-store';
import { aad } from '../store/schema';
import type { QueueItem, QueueRepository, TransitionPatch } from './queue-repository';
import { canTransition, type QueueState } from './queue-states';

interface StoredInputs {
  files: Record<string, { blobId: string; filename: string; contentType: string }>;
  fields: Record<string, string>;
  /** Who it is for, as entered (never sent to Progeny). */
  customer?: Customer;
  /** The customer's biometric consent as recorded (never sent to Progeny). */
  consent?: ConsentRecord;
}

export interface NewVerification {
  service: ServiceId;
  mode: Mode;
  /** The station user (staff) who submitted it. */
  operator: string;
  files: Record<string, UploadFile>;
  fields?: Record<string, string>;
  prechecks?: unknown;
  overrideReason?: string;
  /** The failing pre-checks the operator accepted with `overrideReason`. */
  overrideChecks?: string[];
  /** Four-eyes: the supervisor or administrator who approved the override (absent when none was needed). */
  overrideApprovedBy?: string;
  /** Small previews for the lists, by file field (see `withThumbnails`). */
  thumbnails?: Record<string, Uint8Array>;
  customer?: Customer;
  consent?: ConsentRecord;
}

/** A verification as the queue reads it: the contract's queue row (common/contract.ts QueueRowSchema), declared once there. */
export type VerificationRow = QueueRow;

interface Row {
  id: string;
  service: ServiceId;
  mode: Mode;
  state: QueueState;
  task_id: string | null;
  attempts: number;
  next_attempt_at: number | null;
  submitted_at: number | null;
  created_at: number;
  updated_at: number;
  verdict: string | null;
  attention_reason: string | null;
  error_kind: string | null;
  error_message: string | null;
}

const LIST_COLUMNS = 'id, service, mode, state, task_id, attempts, next_attempt_at, submitted_at, created_at, updated_at, verdict, attention_reason, error_kind, error_message';

const toItem = (r: Row): QueueItem => ({
  id: r.id,
  service: r.service,
  mode: r.mode,
  state: r.state,
  taskId: r.task_id,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  submittedAt: r.submitted_at,
});
export const toVerificationRow = (r: Row): VerificationRow => ({
  id: r.id,
  service: r.service,
  mode: r.mode,
  state: r.state,
  attempts: r.attempts,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  nextAttemptAt: r.next_attempt_at,
  verdict: r.verdict,
  attentionReason: r.attention_reason,
  errorKind: r.error_kind,
  errorMessage: r.error_message,
  taskId: r.task_id,
});

/** Whether a process id on this host is still running (a lease held by a dead process is free). */
function alive(holder: string): boolean {
  const [pid, host] = holder.split('@');
  if (host !== hostname() || !pid || !/^\d+$/.test(pid)) return true; // another machine: trust the expiry
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export const leaseHolder = (): string => `${process.pid}@${hostname()}#${randomUUID().slice(0, 8)}`;
const holderProcess = (holder: string) => holder.split('#')[0]!;

/** The queue on the encrypted store: every verification is one row, its images sealed blobs. */
export function openSqliteQueue(store: Store, now: () => number = Date.now) {
  const { db } = store.database;
  const { cipher } = store;

  const selectRow = db.prepare<[string], Row>('SELECT * FROM verifications WHERE id = ?');
  const nextSeq = db.prepare<[string], { seq: number }>('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM attempts WHERE verification_id = ?');
  const insertAttempt = db.prepare('INSERT INTO attempts (verification_id, seq, at, action, outcome, detail) VALUES (?, ?, ?, ?, ?, ?)');

  const recordAttempt = (id: string, attempt: TransitionPatch['attempt']) => insertAttempt.run(id, nextSeq.get(id)!.seq, now(), attempt.action, attempt.outcome, attempt.detail ?? null);

  const enqueueTx = db.transaction((item: NewVerification, id: string) => {
    const at = now();
    db.prepare(
      `INSERT INTO verifications (id, created_at, updated_at, service, mode, state, attempts, operator, inputs, prechecks, override_reason)
       VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)`,
    ).run(
      id,
      at,
      at,
      item.service,
      item.mode,
      'ready',
      item.operator,
      null,
      item.prechecks === undefined ? null : cipher.sealJson(item.prechecks, aad.verification(id, 'prechecks')),
      item.overrideReason ? cipher.seal(item.overrideReason, aad.verification(id, 'override_reason')) : null,
    );
    // The row exists first (its blobs reference it); the inputs that name the blobs follow, same transaction.
    const inputs: StoredInputs = { files: {}, fields: item.fields ?? {}, ...(item.customer ? { customer: item.customer } : {}), ...(item.consent ? { consent: item.consent } : {}) };
    for (const [field, file] of Object.entries(item.files)) {
      const blobId = store.blobs.put(file.bytes, { kind: 'image', field, verificationId: id });
      inputs.files[field] = { blobId, filename: file.filename, contentType: file.contentType };
      const thumbnail = item.thumbnails?.[field];
      if (thumbnail) store.blobs.put(thumbnail, { kind: 'thumbnail', field, verificationId: id });
    }
    db.prepare('UPDATE verifications SET inputs = ? WHERE id = ?').run(cipher.sealJson(inputs, aad.verification(id, 'inputs')), id);
    replaceSearchTokens(db, id, store.search.tokensFor(searchableInputs(inputs)));
    // Last write to the row: its MAC covers every column as stored (row-binding.ts).
    store.rows.rebind(db, id);
    recordAttempt(id, { action: 'enqueue', outcome: 'ready' });
    // In the same transaction: the record and its audit entries exist together or not at all.
    store.audit.append({ actor: item.operator, action: 'submit', details: { verification: id, service: item.service, mode: item.mode } });
    // The answer and which text, never the customer: the record holds who it was.
    if (item.consent)
      store.audit.append({
        actor: item.operator,
        action: 'consent',
        details: { verification: id, service: item.service, answer: item.consent.answer, language: item.consent.language, version: item.consent.version, answeredAt: item.consent.at },
      });
    if (item.overrideReason)
      store.audit.append({
        actor: item.operator,
        action: 'override',
        details: {
          verification: id,
          service: item.service,
          checks: item.overrideChecks ?? [],
          reason: item.overrideReason,
          ...(item.overrideApprovedBy ? { approvedBy: item.overrideApprovedBy } : {}),
        },
      });
  });

  const transitionTx = db.transaction((id: string, from: QueueState, to: QueueState, patch: TransitionPatch): boolean => {
    if (!canTransition(from, to)) throw new Error(`queue: ${from} → ${to} is not a transition`);
    const sets: string[] = ['state = @to', 'updated_at = @at'];
    const values: Record<string, unknown> = { id, from, to, at: now() };
    const set = (column: string, value: unknown) => {
      sets.push(`${column} = @${column}`);
      values[column] = value;
    };
    if (patch.taskId !== undefined) set('task_id', patch.taskId);
    if (patch.attempts !== undefined) set('attempts', patch.attempts);
    if (patch.nextAttemptAt !== undefined) set('next_attempt_at', patch.nextAttemptAt);
    if (patch.submittedAt !== undefined) set('submitted_at', patch.submittedAt);
    if (patch.finishedAt !== undefined) set('finished_at', patch.finishedAt);
    if (patch.error !== undefined) {
      set('error_kind', patch.error?.kind ?? null);
      set('error_message', patch.error?.message ?? null);
      set('attention_reason', patch.error?.reason ?? null);
      set('error_fields', patch.error?.fields ? cipher.sealJson(patch.error.fields, aad.verification(id, 'error_fields')) : null);
    }
    if (patch.result) {
      set('result', cipher.sealJson(patch.result, aad.verification(id, 'result')));
      set('verdict', patch.result.verdict);
      const subject = subjectOf(patch.result);
      if (subject) {
        set('subject', cipher.sealJson(subject, aad.verification(id, 'subject')));
        const searchable = [...searchableInputs(openInputs(id)), ...Object.values(subject).filter((v): v is string => typeof v === 'string')];
        replaceSearchTokens(db, id, store.search.tokensFor(searchable));
      }
    }
    // A row changed outside the station stays unbound (shown as tampered): rebinding it would launder the edit.
    const intact = store.rows.intact(db, id);
    const changed = db.prepare(`UPDATE verifications SET ${sets.join(', ')} WHERE id = @id AND state = @from`).run(values).changes;
    if (changed === 1) {
      if (intact) store.rows.rebind(db, id);
      recordAttempt(id, patch.attempt);
    }
    return changed === 1;
  });

  function customerOf(id: string, sealed: Buffer | null): { reference: string | null; name: string | null } {
    let customer: Customer | undefined;
    try {
      customer = sealed ? (cipher.openJson(sealed, aad.verification(id, 'inputs')) as StoredInputs).customer : undefined;
    } catch {
      // A damaged record: the history says so; the queue just shows no customer.
    }
    return { reference: customer?.reference ?? null, name: customer?.name ?? null };
  }

  function openInputs(id: string): StoredInputs {
    const row = db.prepare<[string], { inputs: Buffer | null }>('SELECT inputs FROM verifications WHERE id = ?').get(id);
    if (!row?.inputs) throw new Error(`verification ${id} has no inputs`);
    return cipher.openJson(row.inputs, aad.verification(id, 'inputs')) as StoredInputs;
  }

  const repository: QueueRepository = {
    due(at, limit, excluding, mode) {
      const rows = db
        .prepare<[number, string | null, string | null], Row>(
          `SELECT * FROM verifications
           WHERE (state = 'ready' OR (state = 'retry' AND next_attempt_at <= ?) OR state = 'submitted') AND (? IS NULL OR mode = ?)
           ORDER BY created_at LIMIT ${Math.max(1, limit + excluding.size)}`,
        )
        .all(at, mode ?? null, mode ?? null);
      return rows
        .filter((r) => !excluding.has(r.id))
        .slice(0, limit)
        .map(toItem);
    },
    inputs(id) {
      const stored = openInputs(id);
      const files: SubmissionInput['files'] = {};
      for (const [field, file] of Object.entries(stored.files)) files[field] = { bytes: store.blobs.get(file.blobId), filename: file.filename, contentType: file.contentType };
      return Promise.resolve({ files, fields: stored.fields });
    },
    transition: (id, from, to, patch) => transitionTx.immediate(id, from, to, patch),
    recoverInterrupted(at) {
      const interrupted = db.prepare<[], { id: string }>("SELECT id FROM verifications WHERE state = 'submitting'").all();
      for (const { id } of interrupted) {
        transitionTx.immediate(id, 'submitting', 'attention', {
          error: { kind: 'interrupted', message: 'The station stopped while sending this verification: Progeny may have received it.', reason: 'uncertain' },
          attempt: { action: 'recover', outcome: 'uncertain', detail: `found submitting at ${new Date(at).toISOString()}` },
        });
      }
      return interrupted.length;
    },
    acquireLease(holder, at, ttlMs) {
      return db
        .transaction(() => {
          const lease = db.prepare<[], { holder: string; expires_at: number }>("SELECT holder, expires_at FROM leases WHERE name = 'drain'").get();
          const free = !lease || lease.holder === holder || lease.expires_at <= at || !alive(holderProcess(lease.holder));
          if (free)
            db.prepare("INSERT INTO leases (name, holder, expires_at) VALUES ('drain', ?, ?) ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at").run(
              holder,
              at + ttlMs,
            );
          return free;
        })
        .immediate();
    },
    releaseLease(holder) {
      db.prepare("DELETE FROM leases WHERE name = 'drain' AND holder = ?").run(holder);
    },
  };

  return {
    repository,
    /** Queues a verification: images sealed as blobs (with a small thumbnail each for the lists). */
    enqueue(item: NewVerification): string {
      const id = randomUUID();
      enqueueTx.immediate(item, id);
      return id;
    },
    get: (id: string): VerificationRow | null => {
      const row = selectRow.get(id);
      return row ? toVerificationRow(row) : null;
    },
    result(id: string): NormalisedResult | null {
      const row = db.prepare<[string], { result: Buffer | null }>('SELECT result FROM verifications WHERE id = ?').get(id);
      return row?.result ? (cipher.openJson(row.result, aad.verification(id, 'result')) as NormalisedResult) : null;
    },
    /** `withCustomer`: the queue screen names who each item is for (the CLI's list does not print names). */
    list(filter: { states?: readonly QueueState[]; limit?: number; oldestFirst?: boolean; withCustomer?: boolean } = {}): VerificationRow[] {
      const states = filter.states ?? [];
      const where = states.length > 0 ? `WHERE state IN (${states.map(() => '?').join(', ')})` : '';
      const order = filter.oldestFirst ? 'ASC' : 'DESC';
      // Only the columns a list shows: the sealed inputs, pre-checks and results stay on disk.
      // The sealed inputs are opened for the customer alone (the queue table names who each item is for).
      return db
        .prepare<unknown[], Row & { inputs: Buffer | null }>(`SELECT ${LIST_COLUMNS}, inputs FROM verifications ${where} ORDER BY created_at ${order} LIMIT ${filter.limit ?? 500}`)
        .all(...states)
        .map((row) => (filter.withCustomer ? { ...toVerificationRow(row), customer: customerOf(row.id, row.inputs) } : toVerificationRow(row)));
    },
    /**
     * A person settles an item waiting for attention: `resend` (they checked Progeny had no task for
     * it), or `taskId` (it did: collect that task's result instead of sending again).
     */
    resolve(id: string, decision: { resend: true } | { taskId: string }, actor: string): boolean {
      const done =
        'taskId' in decision
          ? transitionTx.immediate(id, 'attention', 'submitted', { taskId: decision.taskId, submittedAt: now(), error: null, attempt: { action: 'resolve', outcome: 'task confirmed' } })
          : transitionTx.immediate(id, 'attention', 'ready', { error: null, nextAttemptAt: null, attempt: { action: 'resolve', outcome: 'send again' } });
      if (done) store.audit.append({ actor, action: 'resolve-uncertain', details: { verification: id, decision: 'taskId' in decision ? 'task' : 'resend' } });
      return done;
    },
    /**
     * "Retry now" from the operator. A waiting retry is sent at once. An item needing attention is
     * asked about again when Progeny has its task (deadline, unknown task: poll, never a second POST),
     * or sent again when Progeny certainly has nothing to show for it (refused, failed, credentials).
     * An uncertain send is never retried here: only `resolve` may decide it was not received.
     */
    retryNow(id: string): boolean {
      const row = selectRow.get(id);
      if (!row) return false;
      if (row.state === 'retry') return transitionTx.immediate(id, 'retry', 'ready', { nextAttemptAt: null, attempt: { action: 'retry-now', outcome: 'ready' } });
      if (row.state !== 'attention' || row.attention_reason === 'uncertain' || row.attention_reason === null) return false;
      if (row.task_id && (row.attention_reason === 'deadline' || row.attention_reason === 'unknown-task')) {
        return transitionTx.immediate(id, 'attention', 'submitted', { error: null, attempt: { action: 'retry-now', outcome: 'poll again' } });
      }
      return transitionTx.immediate(id, 'attention', 'ready', { error: null, nextAttemptAt: null, attempt: { action: 'retry-now', outcome: 'send again' } });
    },
    cancel(id: string, actor: string): boolean {
      const row = selectRow.get(id);
      if (!row || !canTransition(row.state, 'cancelled')) return false;
      const done = transitionTx.immediate(id, row.state, 'cancelled', { attempt: { action: 'cancel', outcome: 'cancelled' } });
      if (done) store.audit.append({ actor, action: 'cancel', details: { verification: id } });
      return done;
    },
    /** When the next retry is due (null when nothing waits): lets `station run` sleep until then. */
    nextRetryAt(): number | null {
      return db.prepare<[], { at: number | null }>("SELECT MIN(next_attempt_at) AS at FROM verifications WHERE state = 'retry'").get()?.at ?? null;
    },
    counts(): Record<string, number> {
      return Object.fromEntries(
        db
          .prepare<[], { state: string; n: number }>('SELECT state, COUNT(*) AS n FROM verifications GROUP BY state')
          .all()
          .map((r) => [r.state, r.n]),
      );
    },
  };
}

/** Adds 240 px JPEG previews for the queue and history lists; an image sharp cannot read gets none. */
export async function withThumbnails(item: NewVerification): Promise<NewVerification> {
  const thumbnails: Record<string, Uint8Array> = {};
  for (const [field, file] of Object.entries(item.files)) {
    try {
      thumbnails[field] = await sharp(file.bytes, { limitInputPixels: 64_000_000 }).rotate().resize({ width: 240, height: 240, fit: 'inside' }).jpeg({ quality: 70 }).toBuffer();
    } catch {
      // The pre-check already told the operator; the original is kept either way.
    }
  }
  return { ...item, thumbnails };
}

/** The words search finds a record by: its text inputs and the customer's name and reference. */
function searchableInputs(inputs: StoredInputs): string[] {
  return [...Object.values(inputs.fields), ...[inputs.customer?.name, inputs.customer?.reference].filter((value): value is string => typeof value === 'string')];
}

/** Who the verification is about, for display and search (sealed on disk). */
function subjectOf(result: NormalisedResult): Record<string, string | null> | null {
  const fields = result.document?.fields;
  if (!fields) return null;
  return { name: [fields.firstName, fields.lastName].filter(Boolean).join(' ') || null, documentNumber: fields.documentNumber, dateOfBirth: fields.dateOfBirth };
}

export type SqliteQueue = ReturnType<typeof openSqliteQueue>;
