import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { electronBinary } from '../../scripts/electron-binary.mjs';
import { chooseFile, E2E_ADMIN, pickWorkflow, reportCard, signIn, submitAndOpenResult, verdictHeading } from './operator';

const root = resolve(import.meta.dirname, '../..');

const binary = electronBinary();
const SKIP_REASON =
  'Electron binary not installed on this machine (node_modules/electron/dist is missing); the same shell and workflows are covered by the web-station specs (shell.spec.ts, workflows.spec.ts).';

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
      // First start: the passphrase where there is no OS keychain, then the administrator.
      await signIn(window, E2E_ADMIN, 'electron e2e passphrase');
      await expect(window.getByRole('navigation', { name: 'Main' })).toBeVisible();
      await expect(window.getByRole('contentinfo', { name: 'Station status' })).toContainText('Training');
      expect(window.url()).toBe('station://app/index.html');
      const nodeVisible = await window.evaluate(() => typeof (globalThis as { require?: unknown }).require !== 'undefined');
      expect(nodeVisible).toBe(false);
    } finally {
      await app.close();
    }
  });

  test('runs an operator workflow to a verdict, as in the web station', async () => {
    test.setTimeout(180_000);
    const app = await electron.launch({
      executablePath: binary!,
      args: [join(root, 'out/main/electron.js')],
      env: { ...process.env, STATION_DATA_DIR: mkdtempSync(join(tmpdir(), 'station-electron-')) },
    });
    try {
      const window = await app.firstWindow();
      // Without a real OS keychain (a CI machine) the desktop app asks for a passphrase first; then the administrator.
      await signIn(window, E2E_ADMIN, 'electron e2e passphrase');
      await expect(window.getByRole('contentinfo', { name: 'Station status' })).toContainText('Online', { timeout: 60_000 });
      await pickWorkflow(window, 'Liveness check');
      await chooseFile(window, 'Selfie', 'selfie-good-a.jpg');
      await reportCard(window, 'Selfie');
      await submitAndOpenResult(window, 'Liveness check');
      await expect(verdictHeading(window)).toHaveText(/Verified/);
    } finally {
      await app.close();
    }
  });
});
