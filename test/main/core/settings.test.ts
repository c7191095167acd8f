import { DEFAULT_SETTINGS } from '../../../common/contract';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/core/logger';
import { openSettings, SETTINGS_FILE } from '../../../main/core/settings';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'station-settings-'));
});
const fixedNow = () => new Date('2026-11-26T10:00:00.000Z');

describe('settings', () => {
  it('starts from defaults and persists updates across reopening', () => {
    const first = openSettings(dir, silentLogger);
    expect(first.get()).toEqual(DEFAULT_SETTINGS);
    expect(first.update({ language: 'ar' })).toEqual({ ...DEFAULT_SETTINGS, language: 'ar' });
    expect(openSettings(dir, silentLogger).get()).toEqual({ ...DEFAULT_SETTINGS, language: 'ar' });
    expect(first.recoveredFrom).toBeNull();
  });

  it('refuses an invalid update and keeps what was stored', () => {
    const settings = openSettings(dir, silentLogger);
    settings.update({ language: 'fr' });
    expect(() => settings.update({ language: 'xx' })).toThrow();
    expect(openSettings(dir, silentLogger).get()).toEqual({ ...DEFAULT_SETTINGS, language: 'fr' });
  });

  it('sets an unparseable file aside, byte for byte, and runs on defaults', () => {
    const garbage = '{ "language": "fr", oops';
    writeFileSync(join(dir, SETTINGS_FILE), garbage);
    const settings = openSettings(dir, silentLogger, fixedNow);
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
    expect(settings.recoveredFrom).toBe(join(dir, 'settings.json.invalid-2026-11-26T10-00-00-000Z'));
    expect(readFileSync(settings.recoveredFrom!, 'utf8')).toBe(garbage);
  });

  it('sets aside a well-formed file whose values break the schema', () => {
    writeFileSync(join(dir, SETTINGS_FILE), JSON.stringify({ language: 42 }));
    const settings = openSettings(dir, silentLogger, fixedNow);
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
    expect(readdirSync(dir).filter((name) => name.includes('.invalid-'))).toHaveLength(1);
    expect(existsSync(join(dir, SETTINGS_FILE))).toBe(true);
  });
});
