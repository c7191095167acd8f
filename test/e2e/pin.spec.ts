import { rmSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, startStation, stopStation, test, type RunningStation } from './station-fixture';

const PASSPHRASE = 'operator pin e2e passphrase';
const PIN = '482913';

const lockHeading = (page: Page) => page.getByRole('heading', { level: 1, name: 'Station locked' });
const navigation = (page: Page) => page.getByRole('navigation', { name: 'Main' });

async function unlockWithPin(page: Page, pin: string) {
  await page.getByLabel('Operator PIN').fill(pin);
  await page.getByRole('button', { name: 'Unlock' }).click();
}

test.afterEach(async ({ page }, testInfo) => {
  await page.screenshot({ path: testInfo.outputPath('final-screen.png'), fullPage: true });
});

test('an operator sets a PIN in Settings; the lock then needs it, also after the station restarts', async ({ page }) => {
  test.setTimeout(120_000);
  let station: RunningStation = await startStation({ passphrase: PASSPHRASE });
  const dataDir = station.dataDir;
  try {
    await page.goto(await station.launchUrl());
    await page.getByRole('button', { name: /Settings/ }).click();
    const section = page.getByRole('region', { name: 'Operator PIN' });
    await expect(section).toContainText('No PIN is set');
    await section.getByLabel('New PIN (4 to 12 digits)').fill(PIN);
    await section.getByLabel('Repeat the new PIN').fill(PIN);
    await section.getByRole('button', { name: 'Save PIN' }).click();
    await expect(section.getByRole('status')).toHaveText('The PIN was saved.');
    await expect(section).toContainText('A PIN is set.');

    // Alt+L: nothing but the lock screen, and a wrong PIN is refused in words.
    await page.keyboard.press('Alt+L');
    await expect(lockHeading(page)).toBeVisible();
    await expect(navigation(page)).toHaveCount(0);
    await expect(page.getByLabel('Operator PIN')).toBeFocused();
    await unlockWithPin(page, '000000');
    await expect(page.getByRole('alert')).toHaveText('That PIN is not correct.');
    await expect(lockHeading(page)).toBeVisible();
    await unlockWithPin(page, PIN);
    await expect(navigation(page)).toBeVisible();

    // The status bar's button locks too; then the station process stops (Alt+F4 on a desktop).
    await page.getByRole('button', { name: 'Lock the station' }).click();
    await expect(lockHeading(page)).toBeVisible();
    await stopStation(station);

    // Restarted on the same data folder with its key: still locked, the PIN is needed.
    station = await startStation({ dataDir, passphrase: PASSPHRASE });
    await page.goto(await station.launchUrl());
    await expect(lockHeading(page)).toBeVisible();
    await expect(navigation(page)).toHaveCount(0);
    await unlockWithPin(page, '111111');
    await expect(page.getByRole('alert')).toHaveText('That PIN is not correct.');
    await unlockWithPin(page, PIN);
    await expect(navigation(page)).toBeVisible();
    await stopStation(station);

    // Restarted without its key: the passphrase first (the PIN is sealed with the data key), then the PIN.
    station = await startStation({ dataDir });
    await page.goto(await station.launchUrl());
    await expect(lockHeading(page)).toBeVisible();
    await expect(page.getByLabel('Operator PIN')).toHaveCount(0);
    await page.getByLabel('Passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.getByLabel('Operator PIN')).toBeFocused();
    await expect(navigation(page)).toHaveCount(0);
    await unlockWithPin(page, PIN);
    await expect(navigation(page)).toBeVisible();
  } finally {
    await stopStation(station);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
