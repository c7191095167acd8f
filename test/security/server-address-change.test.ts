/**
 * Finding 3 (issue 12), as the attacker: someone at an unlocked station (or a page that reached the
 * bridge) points the server address at a machine they control, hoping the station signs in there
 * with the remembered Progeny account and sends the queued customer images after it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { serverOrigin } from '../../common/server-address';
import { silentLogger } from '../../main/core/logger';
import { createCredentialVault, type BoundCredentials } from '../../main/core/progeny/credential-vault';
import { withThumbnails } from '../../main/core/queue/sqlite-queue';
import { openSettings } from '../../main/core/settings';
import { createStationCore, type StationCore } from '../../main/core/station-core';
import { passphraseWrapper } from '../../main/core/store/keyring';
import { openStore } from '../../main/core/store/open-store';
import { unusedLoopbackUrl } from '../faults/loopback-progeny';
import { fixture } from '../main/analysis/analysis-env';
import { json, jwt, startFaultServer, type FaultServer } from '../main/core/progeny/fault-server';
import { signedInSession } from '../support/sign-in';

const REMEMBERED = { username: 'branch-042-remembered', password: 'Remembered-Secret-Pw-7731' };
const selfie = fixture('selfie-good-a.jpg');
/** A run of the selfie's bytes as a multipart body carries them (the fault server keeps bodies as latin1). */
const imageMarker = selfie.subarray(200, 264).toString('latin1');

let attacker: FaultServer | null = null;
let core: StationCore | null = null;
afterEach(async () => {
  await core?.close();
  await attacker?.close();
  core = attacker = null;
});

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** A live station whose OS keychain remembers the account for `legitimate`, with one selfie queued. */
async function stationRememberingAccount(legitimate: string) {
  const dataDir = mkdtempSync(join(tmpdir(), 'station-server-attack-'));
  openSettings(dataDir, silentLogger).update({ mode: 'live', serverUrl: legitimate });
  const keychain: { kept: BoundCredentials | null } = { kept: { ...REMEMBERED, origin: serverOrigin(legitimate) } };
  const vault = createCredentialVault({ persistent: { get: () => Promise.resolve(keychain.kept), save: (c) => (keychain.kept = c), clear: () => (keychain.kept = null) } });
  const station = createStationCore({
    dataDir,
    log: silentLogger,
    store: openStore(dataDir, passphraseWrapper('server change attacker test', { N: 2 ** 14, r: 8, p: 1 })),
    progeny: { vault, startTraining: () => Promise.reject(new Error('live mode only')) },
  });
  signedInSession(station);
  const queued = await withThumbnails({ service: 'face_liveness', mode: 'live', operator: 'desk-1', files: { image: { bytes: selfie, filename: 'selfie.jpg', contentType: 'image/jpeg' } } });
  return { station, keychain, queued };
}

describe('changing the server address (finding 3)', () => {
  it('sends neither the remembered account nor a queued image to the new server; a fresh sign-in resumes sending there', async () => {
    attacker = await startFaultServer();
    attacker.on('/accounts/token/obtain/', json(200, { access: await jwt('access', 300), refresh: await jwt('refresh', 86400) }));
    attacker.on('/services/face_liveness/', json(200, { id: 'task-from-new-server' }));
    const legitimate = await unusedLoopbackUrl();
    const { station, keychain, queued } = await stationRememberingAccount(legitimate);
    core = station;
    await expect.poll(() => station.status.get().signedIn).toBe(true);

    // Queued and repointed in the same turn: nothing can have gone to the legitimate server in between.
    const id = station.queue!.queue.enqueue(queued);
    const changed = await station.dispatch('settings:update', { serverUrl: attacker.baseUrl });
    expect(changed).toMatchObject({ ok: true });

    // The attacker now does everything that makes a station send: wake the queue, retry, submit again.
    station.queue!.wake();
    await station.dispatch('queue:retry', { id });
    await station.progeny!.probe();
    await sleep(3_000);
    await station.dispatch('queue:retry', { id });
    station.queue!.wake();
    await sleep(2_500);

    expect(attacker.seen).toEqual([]);
    expect(keychain.kept).toBeNull();
    expect(station.status.get().signedIn).toBe(false);
    // The verification waits; it neither failed nor went anywhere.
    expect(['ready', 'retry']).toContain(station.queue!.queue.get(id)!.state);

    // The audit says where the address pointed before and after: hosts only, no path.
    const entry = station
      .store!.audit.list()
      .filter((e) => e.action === 'settings-change')
      .at(-1)!;
    expect(entry.details).toMatchObject({ changed: ['serverUrl'], serverFrom: serverOrigin(legitimate), serverTo: serverOrigin(attacker.baseUrl), credentialsCleared: true });
    expect(JSON.stringify(entry.details)).not.toContain('/api/v3');

    // The operator deliberately signs in for the new server: only then does it hear from the station.
    expect(await station.dispatch('credentials:sign-in', { username: 'new-server-user', password: 'New-Server-Pw', remember: false })).toMatchObject({ ok: true });
    await expect.poll(() => attacker!.seen.some((r) => r.path.endsWith('/services/face_liveness/') && r.body.includes(imageMarker)), { timeout: 20_000, interval: 250 }).toBe(true);
    const bodies = attacker.seen.map((r) => r.body).join('\n');
    expect(bodies).toContain('new-server-user');
    expect(bodies).not.toContain(REMEMBERED.username);
    expect(bodies).not.toContain(REMEMBERED.password);
  }, 45_000);

  it('refuses the attacker address itself when it is plain http to another machine, over the bridge', async () => {
    const { station, keychain } = await stationRememberingAccount(await unusedLoopbackUrl());
    core = station;
    for (const serverUrl of [
      'http://evil.example/api/v3',
      'https://user:pw@evil.example/api/v3',
      'https://evil.example/api/v3#x',
      'https://evil.example/api/v3?x=1',
      'https://evil.example\n/api/v3',
    ]) {
      expect(await station.dispatch('settings:update', { serverUrl }), serverUrl).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    }
    expect(keychain.kept).toMatchObject({ username: REMEMBERED.username });
    // The loopback test server without a trailing slash is fine (the old renderer and contract disagreed on it).
    expect(await station.dispatch('settings:update', { serverUrl: 'http://127.0.0.1:8080' })).toMatchObject({ ok: true });
  });
});
