import { rmSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { E2E_ADMIN, signIn } from './operator';
import { expect, startStation, stopStation, test, type RunningStation } from './station-fixture';

// The anonymous operator PIN became operator accounts (issue 15): the same properties, per person.
const PASSPHRASE = 'operator sign-in e2e passphrase';

const whoHeading = (page: Page) => page.getByRole('heading', { level: 1, name: 'Who is working?' });
const navigation = (page: Page) => page.getByRole('navigation', { name: 'Main' });

async function signInWith(page: Page, name: string, secret: string) {
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Your secret (PIN or passphrase)').fill(secret);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test.afterEach(async ({ page }, testInfo) => {
  await page.screenshot({ path: testInfo.outputPath('final-screen.png'), fullPage: true });
});

test("locking needs the operator's secret to get back in, also after the station restarts", async ({ page }) => {
  test.setTimeout(120_000);
  let station: RunningStation = await startStation({ passphrase: PASSPHRASE });
  const dataDir = station.dataDir;
  try {
    await page.goto(await station.launchUrl());
    await signIn(page);

    // Alt+L: nothing but "Who is working?", and a wrong secret is refused in words.
    await page.keyboard.press('Alt+L');
    await expect(whoHeading(page)).toBeVisible();
    await expect(navigation(page)).toHaveCount(0);
    await expect(page.getByLabel('Your name')).toBeFocused();
    await signInWith(page, E2E_ADMIN.name, 'wrong secret');
    await expect(page.getByRole('alert')).toHaveText('That name or secret is not correct.');
    await expect(page.getByLabel('Your secret (PIN or passphrase)')).toHaveValue('');
    await signInWith(page, E2E_ADMIN.name, E2E_ADMIN.secret);
    await expect(navigation(page)).toBeVisible();

    // The status bar's button locks too; then the station process stops (Alt+F4 on a desktop).
    await page.getByRole('button', { name: 'Lock the station' }).click();
    await expect(whoHeading(page)).toBeVisible();
    await stopStation(station);

    // Restarted on the same data folder with its key: nobody is signed in.
    station = await startStation({ dataDir, passphrase: PASSPHRASE });
    await page.goto(await station.launchUrl());
    await expect(whoHeading(page)).toBeVisible();
    await expect(navigation(page)).toHaveCount(0);
    await signInWith(page, E2E_ADMIN.name, '111111');
    await expect(page.getByRole('alert')).toHaveText('That name or secret is not correct.');
    await signInWith(page, E2E_ADMIN.name, E2E_ADMIN.secret);
    await expect(navigation(page)).toBeVisible();
    await stopStation(station);

    // Restarted without its key: the passphrase first (the accounts are sealed with the data key), then the sign-in.
    station = await startStation({ dataDir });
    await page.goto(await station.launchUrl());
    await expect(whoHeading(page)).toBeVisible();
    await expect(page.getByLabel('Your name')).toHaveCount(0);
    await page.getByLabel('Passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.getByLabel('Your name')).toBeFocused();
    await expect(navigation(page)).toHaveCount(0);
    await signInWith(page, E2E_ADMIN.name, E2E_ADMIN.secret);
    await expect(navigation(page)).toBeVisible();
  } finally {
    await stopStation(station);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
