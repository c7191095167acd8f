import { existsSync } from 'node:fs';
import { chromium, defineConfig } from '@playwright/test';
import { FAKE_WEBCAM_Y4M } from './test/e2e/fake-webcam';

/** CHROMIUM_PATH, else Debian's /usr/bin/chromium, else a browser Playwright installed itself. */
function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((path): path is string => !!path && existsSync(path));
  if (found) return found;
  if (process.env.CHROMIUM_PATH) throw new Error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist.`);
  let bundled = '';
  try {
    bundled = chromium.executablePath();
  } catch {
    // reported below
  }
  if (bundled && existsSync(bundled)) return undefined;
  throw new Error('No Chromium found for the e2e tests. Install it (Debian: `apt-get install chromium`) or set CHROMIUM_PATH to a Chromium binary.');
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // The webcam: a Y4M made from a real sample photo (test/e2e/fake-webcam.ts). Camera permission is
  // granted per test (context permissions), so a test can also see it denied.
  '--use-fake-device-for-media-stream',
  `--use-file-for-fake-video-capture=${FAKE_WEBCAM_Y4M}`,
];

export default defineConfig({
  testDir: 'test/e2e',
  globalSetup: './test/e2e/global-setup.ts',
  timeout: 30_000,
  fullyParallel: true,
  workers: 2,
  retries: 0,
  outputDir: 'test-results/e2e',
  reporter: [['list']],
  use: {
    headless: true,
    // Every test keeps a screenshot of its final screen (test-results/e2e/<test>/test-finished-1.png).
    screenshot: 'on',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS },
  },
});
