/**
 * settings.json damaged in every way a disk, an editor or a hostile program can damage it. The
 * station must start on defaults, keep the bad file aside byte for byte, say where it went, and
 * save new settings normally.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Status } from '../../common/contract';
import type { Result } from '../../common/result';
import { silentLogger } from '../../main/core/logger';
import { SETTINGS_FILE } from '../../main/core/settings';
import { createStationCore } from '../../main/core/station-core';

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A settings value 20 MB long: valid JSON, absurd content. */
const huge = () => Buffer.from(JSON.stringify({ ...DEFAULT_SETTINGS, language: 'x'.repeat(20 * 1024 * 1024) }));

describe('a damaged settings file', () => {
  it.each<[string, () => Buffer]>([
    ['invalid JSON', () => Buffer.from('{ "language": "fr", "mode": ')],
    ['wrong types', () => Buffer.from(JSON.stringify({ ...DEFAULT_SETTINGS, retention: { imagesDays: '30', recordsDays: -1 }, autoCapture: 'yes' }))],
    ['an unknown mode', () => Buffer.from(JSON.stringify({ ...DEFAULT_SETTINGS, mode: 'production' }))],
    ['a plain-http server that is not this computer', () => Buffer.from(JSON.stringify({ ...DEFAULT_SETTINGS, serverUrl: 'http://evil.example/api/v3' }))],
    ['JSON null', () => Buffer.from('null')],
    ['a JSON array', () => Buffer.from('[1, 2, 3]')],
    ['a JSON string', () => Buffer.from('"training"')],
    ['a 20 MB file', huge],
    ['binary garbage', () => randomBytes(64 * 1024)],
  ])('%s: set aside byte for byte, defaults in force, the station runs and saves', async (_label, content) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'station-bad-settings-'));
    const bad = content();
    writeFileSync(join(dataDir, SETTINGS_FILE), bad);

    const core = createStationCore({ dataDir, log: silentLogger });
    const status = (await core.dispatch('status:get', undefined)) as Result<Status>;
    expect(status.ok).toBe(true);
    const movedTo = status.ok ? status.value.settingsRecoveredFrom : null;
    expect(movedTo).toMatch(/settings\.json\.invalid-/);
    expect(sha(readFileSync(movedTo!))).toBe(sha(bad));
    expect(await core.dispatch('settings:get', undefined)).toEqual({ ok: true, value: DEFAULT_SETTINGS });

    expect(await core.dispatchAsHost('settings:update', { language: 'fr', idleLockMinutes: 10 })).toMatchObject({ ok: true, value: { language: 'fr', idleLockMinutes: 10 } });
    await core.close();
    const again = createStationCore({ dataDir, log: silentLogger });
    expect(await again.dispatch('settings:get', undefined)).toMatchObject({ ok: true, value: { language: 'fr', idleLockMinutes: 10 } });
    expect(again.settings.recoveredFrom).toBeNull();
    await again.close();
  });

  it('a folder where the file should be: moved aside, the station runs on defaults and saves', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'station-bad-settings-'));
    mkdirSync(join(dataDir, SETTINGS_FILE));
    const core = createStationCore({ dataDir, log: silentLogger });
    expect(statSync(core.settings.recoveredFrom!).isDirectory()).toBe(true);
    expect(await core.dispatch('settings:get', undefined)).toEqual({ ok: true, value: DEFAULT_SETTINGS });
    expect(await core.dispatchAsHost('settings:update', { language: 'ar' })).toMatchObject({ ok: true, value: { language: 'ar' } });
    await core.close();
  });

  it('an update that breaks the schema: refused with the field named, the file unchanged', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'station-bad-settings-'));
    const core = createStationCore({ dataDir, log: silentLogger });
    await core.dispatchAsHost('settings:update', { language: 'fr' });
    const file = readFileSync(join(dataDir, SETTINGS_FILE));
    const refused = await core.dispatchAsHost('settings:update', { retention: { imagesDays: 0, recordsDays: 365 } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-request', details: { field: 'retention.imagesDays' } } });
    if (!refused.ok) expect(refused.error.message).toMatch(/retention\.imagesDays: Too small/);
    expect(readFileSync(join(dataDir, SETTINGS_FILE)).equals(file)).toBe(true);
    expect(await core.dispatch('settings:get', undefined)).toMatchObject({ ok: true, value: { language: 'fr' } });
    await core.close();
  });
});
