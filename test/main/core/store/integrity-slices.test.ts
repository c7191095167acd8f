import { describe, expect, it } from 'vitest';
import { passphraseWrapper } from '../../../../main/core/store/keyring';
import { openStore } from '../../../../main/core/store/open-store';
import { FAST_SCRYPT, insertVerification, tempDir } from './helpers';

// The integrity check must not hold up opening the store (bench/history: open ≤ 1 s at 100,000
// records), so it runs after the open, a slice at a time, giving the process a turn between slices.
describe('the integrity check runs in slices after the open', () => {
  it('leaves the store usable between slices, and still checks what was written meanwhile', async () => {
    const dataDir = tempDir('slices');
    const store = openStore(dataDir, passphraseWrapper('correct horse battery', FAST_SCRYPT));
    for (let i = 0; i < 4_500; i++) store.audit.append({ actor: 'desk-1', action: 'submit', details: { verification: `v${i}` } });
    for (let i = 0; i < 2_100; i++) insertVerification(store.database.db, store.cipher, { id: `v${String(i).padStart(5, '0')}` });
    expect(store.integrity).toBeNull();

    let pauses = 0;
    const integrity = await store.checkIntegrity(() => {
      pauses++;
      // Work the station does while the check waits: it must neither break nor be skipped.
      store.audit.append({ actor: 'desk-1', action: 'submit', details: { verification: 'during' } });
      store.database.db.prepare("UPDATE verifications SET verdict = 'verified' WHERE id = 'v00007'").run();
      return Promise.resolve();
    });
    expect(pauses).toBeGreaterThanOrEqual(3);
    expect(integrity.audit).toEqual({ ok: true, entries: expect.any(Number) as number });
    // Entries appended while the chain was being checked are checked too (the first 4,500 need 2 pauses).
    if (integrity.audit.ok) expect(integrity.audit.entries).toBeGreaterThanOrEqual(4_502);
    // The row edited behind the station's back between slices is caught by the later pass over rows.
    expect(integrity.tamperedRecords).toBe(1);
    expect(store.integrity).toBe(integrity);
    store.close();
  });
});
