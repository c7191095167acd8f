import type Database from 'better-sqlite3';
import type { Health, PolicyStatus } from '../../../common/fleet-status';
import { CURSOR_KEY, decodeCursor } from '../audit-forward/outbox';

/**
 * The station's health for IT (`station status`, Settings → About), read from the plain columns of
 * the database only: no data key is needed, so a monitoring script can run it without the station's
 * passphrase, and nothing about a customer is read.
 */
export interface HealthFacts {
  queue: Record<string, number>;
  oldestUnsentAt: number | null;
  lastProgenyOkAt: number | null;
  audit: Health['audit'];
}

/** States not yet accepted by Progeny: the work a long outage would pile up. */
const UNSENT = ['draft', 'ready', 'retry', 'submitting'];
/** Queued work older than this, or an audit backlog this old, makes the station "degraded". */
export const STALE_MS = 60 * 60 * 1000;

export function readHealthFacts(db: Database.Database): HealthFacts {
  const queue: Record<string, number> = {};
  for (const row of db.prepare<[], { state: string; n: number }>('SELECT state, COUNT(*) AS n FROM verifications GROUP BY state').all()) queue[row.state] = row.n;
  const oldestUnsentAt =
    db
      .prepare<string[], number | null>(`SELECT MIN(created_at) FROM verifications WHERE state IN (${UNSENT.map(() => '?').join(', ')})`)
      .pluck()
      .get(...UNSENT) ?? null;
  // Progeny accepted a submission, or answered a poll with the finished result.
  const lastProgenyOkAt =
    db.prepare<[], number | null>("SELECT MAX(at) FROM attempts WHERE (action = 'submit' AND outcome = 'accepted') OR (action = 'poll' AND outcome LIKE '% after % polls')").pluck().get() ?? null;
  const newestSeq = db.prepare<[], number | null>('SELECT MAX(seq) FROM audit_log').pluck().get() ?? 0;
  const cursor = decodeCursor(db.prepare<[string], Buffer>('SELECT value FROM store_meta WHERE key = ?').pluck().get(CURSOR_KEY));
  return { queue, oldestUnsentAt, lastProgenyOkAt, audit: { newestSeq, forwardedSeq: cursor?.seq ?? null, forwardedAt: cursor?.at ?? null } };
}

/** healthy / degraded / broken, with the reasons: a monitoring script's exit code is the level's index. */
export function assessHealth(facts: HealthFacts | null, context: { policy: PolicyStatus; forwarding: boolean; now?: number }): Health {
  const now = context.now ?? Date.now();
  const broken: string[] = [];
  const degraded: string[] = [];
  if (context.policy.state === 'invalid') broken.push(`the policy file ${context.policy.file} cannot be used (${context.policy.problem ?? 'invalid'}): the station stays in training mode`);
  if (facts) {
    const attention = facts.queue.attention ?? 0;
    if (attention > 0) degraded.push(`${attention} verification${attention > 1 ? 's need' : ' needs'} a person (queue: attention)`);
    if (facts.oldestUnsentAt !== null && now - facts.oldestUnsentAt > STALE_MS) degraded.push(`a verification has waited to be sent since ${new Date(facts.oldestUnsentAt).toISOString()}`);
    if (context.forwarding) {
      const behind = facts.audit.newestSeq - (facts.audit.forwardedSeq ?? 0);
      const since = facts.audit.forwardedAt;
      if (behind > 0 && (since === null || now - since > STALE_MS))
        degraded.push(`${behind} audit entr${behind > 1 ? 'ies have' : 'y has'} not reached the SIEM${since === null ? ' (nothing delivered yet)' : ` since ${new Date(since).toISOString()}`}`);
    }
  }
  const level = broken.length > 0 ? 'broken' : degraded.length > 0 ? 'degraded' : 'healthy';
  return {
    level,
    reasons: [...broken, ...degraded],
    queue: facts?.queue ?? {},
    oldestUnsentAt: facts?.oldestUnsentAt ?? null,
    lastProgenyOkAt: facts?.lastProgenyOkAt ?? null,
    audit: facts?.audit ?? { newestSeq: 0, forwardedSeq: null, forwardedAt: null },
  };
}
