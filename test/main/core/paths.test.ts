import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../../main/core/paths';

describe('defaultDataDir', () => {
  it('prefers STATION_DATA_DIR on every platform', () => {
    expect(defaultDataDir('win32', { STATION_DATA_DIR: '/x' }, '/home/u')).toBe('/x');
  });
  it('follows each platform convention', () => {
    expect(defaultDataDir('linux', {}, '/home/u')).toBe(join('/home/u', '.local', 'share', 'progeny-station'));
    expect(defaultDataDir('linux', { XDG_DATA_HOME: '/xdg' }, '/home/u')).toBe(join('/xdg', 'progeny-station'));
    expect(defaultDataDir('darwin', {}, '/Users/u')).toBe(join('/Users/u', 'Library', 'Application Support', 'Progeny Station'));
    expect(defaultDataDir('win32', { APPDATA: 'C:/AppData' }, 'C:/u')).toBe(join('C:/AppData', 'Progeny Station'));
  });
});
