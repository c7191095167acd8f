/**
 * Issue 12, finding 9 — the attacker can write station.sqlite (a copied or synced data folder, a
 * stolen backup put back) but does not hold the data key. Plain columns used to be trusted as they
 * were: flipping `mode` to 'live' or `verdict` to 'verified' made a training or failed check print
 * as a live "Verified", and an edited audit entry went unnoticed until someone ran a verify by hand.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HistoryDetail } from '../../common/contract';
import type { HistorySummary } from '../../main/core/history/history-types';
import { silentLogger } from '../../main/core/logger';
import { createStationCore, type StationCore } from '../../main/core/station-core';
import { DATABASE_FILE, openStore } from '../../main/core/store/open-store';
import { MIGRATIONS, VERIFICATION_SEALED_COLUMNS } from '../../main/core/store/schema';
import { DAY, documentResult, openStation, record, wrapper, type Person } from '../main/core/history/history-fixtures';
import { signedInSession } from '../support/sign-in';

const ERIKA: Person = { firstName: 'Erika', lastName: 'Mustermann', documentNumber: 'C01X00T47', dateOfBirth: '1964-08-12' };
const MAX: Person = { firstName: 'Max', lastName: 'Mustermann', documentNumber: 'C01X00T48', dateOfBirth: '1970-01-01' };

const cores: StationCore[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

/** Writes to the file as the attacker does: SQLite directly, no key, no station code. */
function tamper(dataDir: string, sql: string[]): void {
  const db = new Database(join(dataDir, DATABASE_FILE));
  for (const statement of sql) db.exec(statement);
  db.close();
}

/** "Restart": a station core on a freshly opened store, as the desktop or web host builds it. */
function restart(dataDir: string): StationCore {
  const core = signedInSession(createStationCore({ dataDir, log: silentLogger, store: openStore(dataDir, wrapper()) }));
  cores.push(core);
  return core;
}

async function detailOf(core: StationCore, id: string): Promise<HistoryDetail> {
  const reply = await core.dispatch('history:detail', { id });
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.value as HistoryDetail;
}

async function evidenceOf(core: StationCore, id: string): Promise<string> {
  const reply = await core.dispatch('history:evidence', { id });
  if (!reply.ok) throw new Error(reply.error.message);
  return (reply.value as { html: string }).html;
}

/** The report's headline verdict badge. */
const headline = (html: string) => /<span class="verdict [^"]*">([^<]*)<\/span>/.exec(html)?.[1];

describe('finding 9: plain columns edited in the database file', () => {
  it('a training check flipped to live and a failed check flipped to verified are reported as tampered, never as a live "Verified"', async () => {
    // Recent times: the core applies retention when it attaches the store.
    const station = openStation(undefined, Date.now() - 2 * DAY);
    const training = record(station, { person: ERIKA, at: Date.now() - 2 * DAY, mode: 'training', verdict: 'verified' });
    const failed = record(station, { person: MAX, at: Date.now() - DAY, mode: 'live', verdict: 'not-verified' });
    const untouched = record(station, { person: MAX, at: Date.now() - DAY + 1000, mode: 'live', verdict: 'verified' });
    station.store.close();

    tamper(station.dataDir, [`UPDATE verifications SET mode = 'live' WHERE id = '${training}'`, `UPDATE verifications SET verdict = 'verified' WHERE id = '${failed}'`]);

    const core = restart(station.dataDir);
    await vi.waitFor(() => expect(core.status.get().integrity).toEqual({ audit: 'ok', brokenAtSeq: null, tamperedRecords: 2 }));

    const list = await core.dispatch('history:search', {});
    if (!list.ok) throw new Error(list.error.message);
    const byId = new Map((list.value as HistorySummary[]).map((row) => [row.id, row]));
    expect(byId.get(training)).toMatchObject({ tampered: true, verdict: null, mode: 'training' });
    expect(byId.get(failed)).toMatchObject({ tampered: true, verdict: null });
    expect(byId.get(untouched)).toMatchObject({ tampered: false, verdict: 'verified', mode: 'live' });

    for (const id of [training, failed]) {
      const detail = await detailOf(core, id);
      expect(detail).toMatchObject({ tampered: true, verdict: null, mode: 'training' });
      const html = await evidenceOf(core, id);
      expect(html).toContain('INTEGRITY CHECK FAILED');
      expect(headline(html)).not.toMatch(/Verified/);
      expect(html).not.toMatch(/· live ·|<td>live<\/td>/);
    }
    // The forged verdict is not even in the sealed result: the real one is still there, and honest.
    expect((await detailOf(core, failed)).result?.verdict).toBe('not-verified');
    // An untouched record is unaffected.
    expect(headline(await evidenceOf(core, untouched))).toBe('Verified');
  });

  it('a sealed column nulled or a MAC copied from another row does not pass either', async () => {
    const station = openStation(undefined, Date.now());
    const a = record(station, { person: ERIKA, at: Date.now(), verdict: 'verified' });
    const b = record(station, { person: MAX, at: Date.now() + 1, verdict: 'not-verified' });
    station.store.close();
    tamper(station.dataDir, [
      `UPDATE verifications SET result = NULL WHERE id = '${a}'`,
      `UPDATE verifications SET row_mac = (SELECT row_mac FROM verifications WHERE id = '${a}'), verdict = 'verified' WHERE id = '${b}'`,
    ]);
    const store = openStore(station.dataDir, wrapper());
    expect((await store.checkIntegrity()).tamperedRecords).toBe(2);
    store.close();
  });

  it('an edited audit entry: the status says the chain is broken at that seq', async () => {
    const station = openStation(undefined, Date.now());
    for (const person of [ERIKA, MAX, ERIKA]) record(station, { person, at: Date.now() });
    const seqs = station.store.audit.list().map((entry) => entry.seq);
    expect(seqs.length).toBeGreaterThanOrEqual(4);
    station.store.close();

    // The triggers only stop the station's own code; the attacker drops them first.
    tamper(station.dataDir, ['DROP TRIGGER audit_log_append_only_update', "UPDATE audit_log SET actor = 'somebody-else' WHERE seq = 3"]);

    const core = restart(station.dataDir);
    await vi.waitFor(() => expect(core.status.get().integrity).toEqual({ audit: 'broken', brokenAtSeq: 3, tamperedRecords: 0 }));
  });

  it('audit entries cut off the end: broken at the first missing seq', async () => {
    const station = openStation(undefined, Date.now());
    for (const person of [ERIKA, MAX]) record(station, { person, at: Date.now() });
    const last = station.store.audit.list().at(-1)!.seq;
    station.store.close();
    tamper(station.dataDir, ['DROP TRIGGER audit_log_append_only_delete', `DELETE FROM audit_log WHERE seq = ${last}`]);
    const core = restart(station.dataDir);
    await vi.waitFor(() => expect(core.status.get().integrity).toMatchObject({ audit: 'broken', brokenAtSeq: last }));
  });
});

describe('finding 9: stores from before row MACs (schema version 1)', () => {
  const V1_ONLY = [MIGRATIONS[0]!];

  /** A verification as version 1 wrote it: no row_mac column at all. */
  function legacyStore(): { dataDir: string; ids: readonly [string, string] } {
    const dataDir = mkdtempSync(join(tmpdir(), 'station-legacy-'));
    const store = openStore(dataDir, wrapper(), { migrations: V1_ONLY });
    const ids = ['legacy-training', 'legacy-live'] as const;
    const insert = store.database.db.prepare(
      `INSERT INTO verifications (id, created_at, updated_at, service, mode, state, verdict, operator, result) VALUES (?, ?, ?, 'kyc_passport', ?, 'done', ?, 'desk-1', ?)`,
    );
    const now = Date.now();
    insert.run(ids[0], now, now, 'training', 'verified', store.cipher.sealJson(documentResult('kyc_passport', 'verified', ERIKA), `verification:${ids[0]}:result`));
    insert.run(ids[1], now, now, 'live', 'not-verified', store.cipher.sealJson(documentResult('kyc_passport', 'not-verified', MAX), `verification:${ids[1]}:result`));
    store.audit.append({ actor: 'desk-1', action: 'submit', details: { verification: ids[0] } });
    expect(VERIFICATION_SEALED_COLUMNS).toContain('result');
    store.close();
    return { dataDir, ids };
  }

  it('binds the old rows once at the first start after the upgrade, records it in the audit log, and trusts nothing unbound after that', async () => {
    const { dataDir, ids } = legacyStore();
    const upgraded = openStore(dataDir, wrapper());
    expect(await upgraded.checkIntegrity()).toEqual({ audit: { ok: true, entries: 2 }, tamperedRecords: 0, rowsBoundNow: 2 });
    expect(upgraded.audit.list().at(-1)).toMatchObject({ actor: 'station', action: 'store-upgrade', details: { rowsBound: 2 } });
    upgraded.close();

    // The attacker makes a row look like an old one (no MAC) and flips it, hoping for another free binding.
    tamper(dataDir, [`UPDATE verifications SET row_mac = NULL, mode = 'live' WHERE id = '${ids[0]}'`]);
    const again = openStore(dataDir, wrapper());
    expect(await again.checkIntegrity()).toMatchObject({ tamperedRecords: 1, rowsBoundNow: 0 });
    again.close();
  });

  it('rolling the schema back to version 1 does not get edited rows bound again', async () => {
    const { dataDir, ids } = legacyStore();
    openStore(dataDir, wrapper()).close();
    tamper(dataDir, ['ALTER TABLE verifications DROP COLUMN row_mac', 'DELETE FROM schema_migrations WHERE version = 2', `UPDATE verifications SET verdict = 'verified' WHERE id = '${ids[1]}'`]);
    const store = openStore(dataDir, wrapper());
    expect(await store.checkIntegrity()).toMatchObject({ audit: { ok: true }, tamperedRecords: 2, rowsBoundNow: 0 });
    store.close();
  });
});
