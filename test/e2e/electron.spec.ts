import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { electronBinary } from '../../scripts/electron-binary.mjs';

const root = resolve(import.meta.dirname, '../..');

const binary = electronBinary();
const SKIP_REASON = 'Electron binary not installed on this machine (node_modules/electron/dist is missing); the same shell is covered by the web-station specs.';

test.describe('Electron shell', () => {
  test.skip(!binary, SKIP_REASON);

  test('opens the locked-down window on the station shell', async () => {
    const app = await electron.launch({
      executablePath: binary!,
      args: [join(root, 'out/main/electron.js')],
      env: { ...process.env, STATION_DATA_DIR: mkdtempSync(join(tmpdir(), 'station-electron-')) },
    });
    try {
      const window = await app.firstWindow();
      await expect(window.getByRole('navigation', { name: 'Main' })).toBeVisible();
      await expect(window.getByRole('contentinfo', { name: 'Station status' })).toContainText('Training');
      expect(window.url()).toBe('station://app/index.html');
      const nodeVisible = await window.evaluate(() => typeof (globalThis as { require?: unknown }).require !== 'undefined');
      expect(nodeVisible).toBe(false);
    } finally {
      await app.close();
    }
  });
});
