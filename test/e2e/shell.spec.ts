import { signIn } from './operator';
import { expect, startStation, stopStation, test } from './station-fixture';

test.afterEach(async ({ page }, testInfo) => {
  await page.screenshot({ path: testInfo.outputPath('final-screen.png'), fullPage: true });
});

test('the launch URL opens the shell and drops the token from the address bar', async ({ page, station }) => {
  await page.goto(await station.launchUrl());
  await expect(page).toHaveURL(`${station.origin}/`);
  await signIn(page);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'New verification' })).toBeVisible();
  const status = page.getByRole('contentinfo', { name: 'Station status' });
  await expect(status).toContainText('Training');
  // The built-in training sandbox starts in the background; the status bar follows real exchanges.
  await expect(status).toContainText('Online', { timeout: 15_000 });
  await expect(status).toContainText('E2E Admin (Administrator)');
  await expect(page.getByRole('note')).toContainText('TRAINING');
});

test('loads under the strict CSP without violations or console errors', async ({ page, station }) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  const response = await page.goto(await station.launchUrl());
  expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");
  await signIn(page);
  await expect(page.getByRole('contentinfo', { name: 'Station status' })).toContainText('Training');
  // favicon requests 404 by design; anything else is a real problem.
  expect(problems.filter((text) => !text.includes('404'))).toEqual([]);
});

test('the keyboard reaches and operates every navigation control', async ({ page }) => {
  // Unlocked at launch: a locked station rightly puts focus in its passphrase field instead.
  const station = await startStation({ passphrase: 'keyboard test passphrase' });
  try {
    await page.goto(await station.launchUrl());
    await signIn(page);
    await expect(page.getByRole('contentinfo', { name: 'Station status' })).toContainText('Training');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: /New verification/ })).toBeFocused();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Queue' })).toBeFocused();
    await page.keyboard.press('Alt+3');
    await expect(page.getByRole('heading', { level: 1, name: 'History' })).toBeVisible();
    await page.keyboard.press('Alt+4');
    await expect(page.getByRole('combobox', { name: 'Language' })).toBeVisible();
  } finally {
    await stopStation(station);
  }
});

test('Arabic flips the layout right to left and survives a reload', async ({ page, station }) => {
  await page.goto(await station.launchUrl());
  await signIn(page);
  await page.getByRole('button', { name: /Settings/ }).click();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.getByRole('navigation', { name: 'القائمة الرئيسية' })).toBeVisible();
  const navBox = await page.getByRole('navigation').boundingBox();
  const mainBox = await page.getByRole('main').boundingBox();
  expect(navBox!.x).toBeGreaterThan(mainBox!.x); // the navigation now sits on the right
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  // The last page closing ended the session: "Who is working?", in Arabic.
  await expect(page.getByRole('heading', { level: 1, name: 'من يعمل الآن؟' })).toBeVisible();
});

test('Settings shows the version and the fresh data folder of this station', async ({ page, station }) => {
  await page.goto(await station.launchUrl());
  await signIn(page);
  await page.getByRole('button', { name: /Settings/ }).click();
  await expect(page.getByText(station.dataDir)).toBeVisible();
});

test('first start: the operator chooses the passphrase in the page, creates the administrator, and the queue opens', async ({ page, station }) => {
  test.setTimeout(120_000);
  await page.goto(await station.launchUrl());
  await expect(page.getByRole('heading', { name: 'Choose a passphrase for this station' })).toBeVisible();
  await page.getByLabel('Passphrase', { exact: true }).fill('short');
  await page.getByLabel('Repeat the passphrase').fill('short');
  await page.getByRole('button', { name: 'Protect the station' }).click();
  await expect(page.getByText('Choose a passphrase of at least 8 characters.')).toBeVisible();
  await page.getByLabel('Passphrase', { exact: true }).fill('branch office passphrase');
  await page.getByLabel('Repeat the passphrase').fill('branch office passphrase');
  await page.getByRole('button', { name: 'Protect the station' }).click();
  // The accounts are sealed with the data key: once it exists, the administrator is created.
  // Creating the data key takes a while (scrypt): the administrator's form follows it.
  await expect(page.getByRole('heading', { level: 1, name: 'Create the administrator' })).toBeVisible({ timeout: 60_000 });
  await page.getByLabel('Administrator name').fill('Branch Admin');
  await page.getByLabel('Secret (at least 6 digits or characters)').fill('12345');
  await page.getByLabel('Repeat the secret').fill('12345');
  await page.getByRole('button', { name: 'Create and sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('A secret is at least 6 digits or characters.');
  await page.getByLabel('Secret (at least 6 digits or characters)').fill('branch admin secret');
  await page.getByLabel('Repeat the secret').fill('branch admin secret');
  await page.getByRole('button', { name: 'Create and sign in' }).click();
  await expect(page.getByRole('radio', { name: 'KYC with passport' })).toBeVisible({ timeout: 30_000 });
  const status = page.getByRole('contentinfo', { name: 'Station status' });
  await expect(status.getByText('Queue')).toBeVisible();
  await expect(status).not.toContainText('Not available');
});
