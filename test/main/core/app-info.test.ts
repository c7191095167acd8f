import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppInfoSchema } from '../../../common/contract';
import { silentLogger } from '../../../main/core/logger';
import { createStationCore, type StationCore } from '../../../main/core/station-core';

const cores: StationCore[] = [];
const core = (options: Partial<Parameters<typeof createStationCore>[0]> = {}) => {
  const created = createStationCore({ dataDir: mkdtempSync(join(tmpdir(), 'station-app-info-')), log: silentLogger, ...options });
  cores.push(created);
  return created;
};

afterEach(async () => {
  await Promise.all(cores.splice(0).map((created) => created.close()));
});

describe('app:info capabilities: the host says what it can do, the page never guesses', () => {
  it('offers nothing optional unless the host says so (the web station, the CLI)', async () => {
    const result = await core().dispatch('app:info', undefined);
    expect(result.ok).toBe(true);
    const info = AppInfoSchema.parse(result.ok ? result.value : null);
    expect(info.capabilities).toEqual({ systemNotifications: false });
  });

  it('reports what the host set when it started (the desktop app: system notifications)', async () => {
    const result = await core({ capabilities: { systemNotifications: true } }).dispatch('app:info', undefined);
    expect(AppInfoSchema.parse(result.ok ? result.value : null).capabilities).toEqual({ systemNotifications: true });
  });
});
