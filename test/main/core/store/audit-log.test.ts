import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson, openAuditLog } from '../../../../main/core/store/audit-log';
import { openDatabase, type StationDatabase } from '../../../../main/core/store/database';
import { aad } from '../../../../main/core/store/schema';
import { randomCipher, tempDir } from './helpers';

let store: StationDatabase | undefined;
afterEach(() => store?.close());

function setup(entries = 5) {
  store = openDatabase(join(tempDir('audit'), 'station.sqlite'), { cipher: randomCipher(), backups: false });
  let clock = 1_700_000_000_000;
  const audit = openAuditLog(store, () => clock++);
  const actions = ['login', 'submit', 'override', 'export', 'logout'] as const;
  for (let i = 0; i < entries; i++) audit.append({ actor: 'desk-1', action: actions[i % actions.length]!, details: { verificationId: `v${i}`, n: i } });
  const { db, cipher } = store;
  // An attacker with the file: drops the append-only triggers and edits with plain SQL.
  const tamper = (sql: string, ...params: unknown[]) => {
    db.exec('DROP TRIGGER IF EXISTS audit_log_append_only_update; DROP TRIGGER IF EXISTS audit_log_append_only_delete;');
    db.prepare(sql).run(...params);
  };
  return { audit, db, cipher, tamper };
}

describe('audit log', () => {
  it('appends numbered, chained entries and verifies them', () => {
    const { audit, db } = setup(5);
    expect(audit.verify()).toEqual({ ok: true, entries: 5 });
    const rows = db.prepare('SELECT seq, prev_mac, mac FROM audit_log ORDER BY seq').all() as Array<{ seq: number; prev_mac: Buffer; mac: Buffer }>;
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0]!.prev_mac).toEqual(Buffer.alloc(32));
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_mac).toEqual(rows[i - 1]!.mac);
    expect(audit.list({ fromSeq: 2, toSeq: 3 })).toEqual([
      { seq: 2, at: 1_700_000_000_001, actor: 'desk-1', action: 'submit', details: { verificationId: 'v1', n: 1 } },
      { seq: 3, at: 1_700_000_000_002, actor: 'desk-1', action: 'override', details: { verificationId: 'v2', n: 2 } },
    ]);
  });

  it('verifies an empty log and refuses unknown actions and non-JSON details', () => {
    const { audit } = setup(0);
    expect(audit.verify()).toEqual({ ok: true, entries: 0 });
    expect(() => audit.append({ actor: 'a', action: 'hack' as never })).toThrow(/unknown audit action/);
    expect(() => audit.append({ actor: 'a', action: 'login', details: { x: Number.NaN } })).toThrow(/finite/);
    expect(audit.verify()).toEqual({ ok: true, entries: 0 });
  });

  it.each([
    ['action', "UPDATE audit_log SET action = 'logout' WHERE seq = 3", 'mac-mismatch'],
    ['action (to an unknown one)', "UPDATE audit_log SET action = 'nothing-happened' WHERE seq = 3", 'unknown-action'],
    ['actor', "UPDATE audit_log SET actor = 'someone-else' WHERE seq = 3", 'mac-mismatch'],
    ['time', 'UPDATE audit_log SET at = at + 1 WHERE seq = 3', 'mac-mismatch'],
    ['mac', 'UPDATE audit_log SET mac = randomblob(32) WHERE seq = 3', 'mac-mismatch'],
    ['details swapped from another row', 'UPDATE audit_log SET details = (SELECT details FROM audit_log WHERE seq = 4) WHERE seq = 3', 'details-unreadable'],
    ['prev_mac', 'UPDATE audit_log SET prev_mac = randomblob(32) WHERE seq = 3', 'prev-mac-mismatch'],
    ['a deleted middle row', 'DELETE FROM audit_log WHERE seq = 3', 'sequence-gap'],
  ])('reports the seq of an edited row: %s', (_what, sql, reason) => {
    const { audit, tamper } = setup(5);
    tamper(sql);
    expect(audit.verify()).toEqual({ ok: false, firstBadSeq: 3, reason });
  });

  it('reports the seq of a row whose sealed details had one byte changed', () => {
    const { audit, db, tamper } = setup(5);
    const details = Buffer.from(db.prepare('SELECT details FROM audit_log WHERE seq = 3').pluck().get() as Buffer);
    details[details.length - 20]! ^= 0x01;
    tamper('UPDATE audit_log SET details = ? WHERE seq = 3', details);
    expect(audit.verify()).toEqual({ ok: false, firstBadSeq: 3, reason: 'details-unreadable' });
  });

  it('detects re-sealed details: the MAC still needs the key', () => {
    const { audit, tamper } = setup(5);
    const attacker = randomCipher(); // sealing with another key cannot produce a valid entry
    tamper('UPDATE audit_log SET details = ? WHERE seq = 2', attacker.seal(canonicalJson({ n: 99 }), aad.audit(2)));
    expect(audit.verify()).toEqual({ ok: false, firstBadSeq: 2, reason: 'details-unreadable' });
  });

  it('detects a rewritten tail and a truncated tail', () => {
    const { audit, tamper } = setup(5);
    tamper('DELETE FROM audit_log WHERE seq >= 4');
    expect(audit.verify()).toEqual({ ok: false, firstBadSeq: 4, reason: 'head-mismatch' });

    const fresh = setup(2);
    fresh.tamper('DELETE FROM audit_log');
    expect(fresh.audit.verify()).toEqual({ ok: false, firstBadSeq: 1, reason: 'head-mismatch' });
  });

  it('lists the newest entries first, at most `limit` of them', () => {
    const { audit } = setup(5);
    expect(audit.newest(2)).toEqual([
      { seq: 5, at: 1_700_000_000_004, actor: 'desk-1', action: 'logout', details: { verificationId: 'v4', n: 4 } },
      { seq: 4, at: 1_700_000_000_003, actor: 'desk-1', action: 'export', details: { verificationId: 'v3', n: 3 } },
    ]);
    expect(audit.newest(500).map((entry) => entry.seq)).toEqual([5, 4, 3, 2, 1]);
    expect(setup(0).audit.newest(10)).toEqual([]);
  });

  it('canonical JSON sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [true, null, 'x'], c: 2.5 } })).toBe('{"a":{"c":2.5,"d":[true,null,"x"]},"b":1}');
  });
});
