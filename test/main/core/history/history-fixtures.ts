import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServiceId } from '../../../../common/services/catalog';
import type { DocumentFields, NormalisedResult } from '../../../../common/services/result-model';
import { openHistory } from '../../../../main/core/history/history';
import type { Mode, Outcome } from '../../../../main/core/history/history-types';
import { openSqliteQueue } from '../../../../main/core/queue/sqlite-queue';
import { passphraseWrapper } from '../../../../main/core/store/keyring';
import { openStore } from '../../../../main/core/store/open-store';

/**
 * A real encrypted store in a temp folder, with a clock the test moves. Verifications are written
 * only through the queue's API (enqueue, then repository.transition like the drainer does).
 */

export const DAY = 86_400_000;
/** 2025-01-01T00:00:00Z: an arbitrary, fixed start so dates in assertions are stable. */
export const T0 = Date.UTC(2025, 0, 1);

export const wrapper = () => passphraseWrapper('history test passphrase', { N: 2 ** 14, r: 8, p: 1 });

export interface Person {
  firstName: string;
  lastName: string;
  documentNumber?: string;
  dateOfBirth?: string;
}

export function openStation(dataDir = mkdtempSync(join(tmpdir(), 'station-history-')), start = T0) {
  const clock = { now: start };
  const now = () => clock.now;
  const store = openStore(dataDir, wrapper(), { now });
  const queue = openSqliteQueue(store, now);
  return { dataDir, store, queue, clock, history: openHistory(store) };
}
export type Station = ReturnType<typeof openStation>;

/** A JPEG by its signature, random inside: enough for the blob store and the report's type check. */
export const fakeJpeg = (marker = '') => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(64), Buffer.from(marker), randomBytes(64)]);

const fieldsOf = (p: Person): DocumentFields => ({
  firstName: p.firstName,
  lastName: p.lastName,
  documentNumber: p.documentNumber ?? null,
  nationality: 'DEU',
  sex: 'F',
  dateOfBirth: p.dateOfBirth ?? null,
  dateOfIssue: '2020-01-01',
  dateOfExpiry: '2030-01-01',
  age: 35,
});

/** What the result model makes of a finished kyc / ocr task (document fields and all). */
export function documentResult(service: ServiceId, verdict: Outcome, person: Person): NormalisedResult {
  const passed = verdict === 'verified';
  return {
    service,
    taskState: 'SUCCESS',
    resultStatus: 200,
    verdict,
    checks: { document: passed, liveness: passed ? true : null, compare: passed },
    liveness: { passed, score: 0.93, quality: 0.8, probability: 0.97 },
    authentication: null,
    registration: null,
    document: { valid: passed, expired: false, fields: fieldsOf(person), portraitUrl: null },
    compare: passed,
    backgroundCheck: null,
    issues: passed ? [] : [{ check: 'liveness', code: 'FACE_TOO_SMALL', message: 'face too small', guidance: 'Move the camera closer.' }],
    unrecognised: false,
    raw: { id: 'task', status: 'SUCCESS', result: { status: 200, data: { document: { firstName: person.firstName, lastName: person.lastName, documentNumber: person.documentNumber } } } },
  };
}

export function backgroundResult(verdict: Outcome): NormalisedResult {
  return {
    service: 'background_check',
    taskState: 'SUCCESS',
    resultStatus: 200,
    verdict,
    checks: { background_check: verdict === 'verified' },
    liveness: null,
    authentication: null,
    registration: null,
    document: null,
    compare: null,
    backgroundCheck: { potentialMatch: verdict !== 'verified', riskLevel: 'low', totalMatches: 0, hits: [] },
    issues: [],
    unrecognised: false,
    raw: { id: 'task', status: 'SUCCESS', result: { status: 200, data: { background_check: { potential_match: false } } } },
  };
}

export interface RecordSpec {
  service?: ServiceId;
  person: Person;
  mode?: Mode;
  operator?: string;
  verdict?: Outcome;
  /** Where the verification ends up. */
  end?: 'done' | 'ready' | 'submitted' | 'attention' | 'cancelled';
  /** When it is created; it finishes an hour later. */
  at: number;
  images?: Record<string, Buffer>;
  prechecks?: unknown;
  overrideReason?: string;
}

/** Queues a verification and walks it through the queue's states the way the drainer does. */
export function record(station: Station, spec: RecordSpec): string {
  const { queue, clock } = station;
  const service = spec.service ?? 'kyc_passport';
  const background = service === 'background_check';
  const person = spec.person;
  clock.now = spec.at;
  const files = Object.fromEntries(Object.entries(spec.images ?? {}).map(([field, bytes]) => [field, { bytes, filename: `${field}.jpg`, contentType: 'image/jpeg' }]));
  const id = queue.enqueue({
    service,
    mode: spec.mode ?? 'live',
    operator: spec.operator ?? 'desk-1',
    files,
    fields: background ? { fullname: `${person.firstName} ${person.lastName}`, birth_date: person.dateOfBirth ?? '' } : {},
    prechecks: spec.prechecks,
    overrideReason: spec.overrideReason,
  });
  const end = spec.end ?? 'done';
  const step = (from: Parameters<typeof queue.repository.transition>[1], to: Parameters<typeof queue.repository.transition>[2], patch: Parameters<typeof queue.repository.transition>[3]) => {
    clock.now += 60_000;
    if (!queue.repository.transition(id, from, to, patch)) throw new Error(`fixture: ${from} → ${to} refused for ${id}`);
  };
  if (end === 'ready') return id;
  if (end === 'cancelled') {
    step('ready', 'cancelled', { attempt: { action: 'cancel', outcome: 'cancelled' } });
    return id;
  }
  step('ready', 'submitting', { attempts: 1, attempt: { action: 'submit', outcome: 'sending' } });
  step('submitting', 'submitted', { taskId: `task-${id.slice(0, 8)}`, submittedAt: clock.now, error: null, attempt: { action: 'submit', outcome: 'accepted' } });
  if (end === 'submitted') return id;
  if (end === 'attention') {
    step('submitted', 'attention', { error: { kind: 'deadline', message: 'not finished in time', reason: 'deadline' }, attempt: { action: 'poll', outcome: 'deadline' } });
    return id;
  }
  const verdict = spec.verdict ?? 'verified';
  const result = background ? backgroundResult(verdict) : documentResult(service, verdict, person);
  clock.now = spec.at + 3_600_000 - 60_000;
  step('submitted', 'done', { result, finishedAt: spec.at + 3_600_000, error: null, attempt: { action: 'poll', outcome: 'SUCCESS after 3 polls' } });
  return id;
}

export function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allFiles(path) : [path];
  });
}

/** Files under `dir` whose bytes contain `needle`. */
export function filesContaining(dir: string, needle: Buffer): string[] {
  return allFiles(dir).filter((file) => readFileSync(file).includes(needle));
}
