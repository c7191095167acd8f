/**
 * Issue 15, the customer and biometric consent, walked through the running web station in Chromium
 * as an operator does it: the consent text in the customer's language before any face, the customer
 * named on the record (prefilled from the passport's MRZ read on this computer), a declined consent
 * that captures nothing and sends nothing (every WebSocket frame the page sends is watched), and the
 * customer found again in History, the queue, the in-app notice and the authenticate-face picker.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { chooseFile, dropFile, openStation, pickWorkflow, reportCard, slot, submitAndOpenResult, verdictHeading } from './operator';
import { expect, startSandboxProcess, startStation, stopProcess, stopStation, test, type RunningStation } from './station-fixture';

const PASSPHRASE = 'e2e station passphrase';
const navTo = (on: Page, view: string) => on.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: new RegExp(view) });
let station: RunningStation;
let page: Page;
/** Every text frame the page sent on the bridge, from its first. */
let sent: string[];

test.describe.configure({ timeout: 240_000 });

async function openOperatorPage(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ permissions: ['camera'], viewport: { width: 1280, height: 900 } });
  const opened = await context.newPage();
  sent = [];
  opened.on('websocket', (socket) => socket.on('framesent', (frame) => sent.push(typeof frame.payload === 'string' ? frame.payload : frame.payload.toString('utf8'))));
  await openStation(opened, url);
  return opened;
}

// Playwright reads fixture dependencies from the destructuring pattern; this hook needs none.
// eslint-disable-next-line no-empty-pattern
test.afterEach(async ({}, testInfo) => {
  await page?.screenshot({ path: testInfo.outputPath('final-screen.png'), fullPage: true }).catch(() => undefined);
  await page?.context().close();
  if (station) {
    await stopStation(station);
    rmSync(station.dataDir, { recursive: true, force: true });
  }
});

const consentStep = (on: Page) => on.getByRole('region', { name: 'Customer consent to biometric capture' });

test('KYC with passport: consent in French, the name prefilled from the MRZ, found in History by name and by reference', async ({ browser }) => {
  station = await startStation({ passphrase: PASSPHRASE });
  page = await openOperatorPage(browser, await station.launchUrl());
  await pickWorkflow(page, 'KYC with passport', { consent: 'leave' });

  // No face before the answer: no slot, so no camera and no file.
  await expect(consentStep(page)).toBeVisible();
  await expect(slot(page, 'Selfie')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Use the camera' })).toHaveCount(0);
  await consentStep(page).getByRole('combobox', { name: 'Language of the consent text' }).selectOption('fr');
  await expect(consentStep(page).locator('div[lang="fr"]')).toContainText('Avant de prendre votre photo');
  await expect(consentStep(page)).toContainText('Français, version 1');
  await consentStep(page).getByRole('button', { name: 'Customer agrees' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The customer agreed to the consent text (Français, version 1)' })).toBeVisible();

  await page.getByRole('textbox', { name: 'Customer reference' }).fill('ACC-7731');
  await chooseFile(page, 'Selfie', 'selfie-good-a.jpg');
  await dropFile(page, 'Passport photo page', 'passport-1-1400.jpg');
  await expect((await reportCard(page, 'Passport photo page')).getByRole('row', { name: /^Machine-readable zone/ })).toContainText('Pass');
  // Read on this computer from the MRZ, editable, and said so.
  const name = page.getByRole('textbox', { name: 'Customer name' });
  await expect(name).toHaveValue(/MUSTERMANN/);
  await expect(page.getByText('Filled in from the document read on this computer: check it.')).toBeVisible();
  const prefilled = await name.inputValue();
  await reportCard(page, 'Selfie');
  await submitAndOpenResult(page, 'KYC with passport');
  await expect(verdictHeading(page)).toBeVisible();

  await navTo(page, 'History').click();
  const search = page.getByRole('searchbox', { name: 'Search by name, customer reference or document number' });
  const rows = page.getByRole('table', { name: 'Verifications, newest first' }).getByRole('row');
  await search.fill('ACC-7731');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(rows.filter({ hasText: 'ACC-7731' })).toHaveCount(1);
  await search.fill('ACC-7732');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(rows.filter({ hasText: 'ACC-7731' })).toHaveCount(0);
  await search.fill(prefilled.split(' ')[0]!.toLowerCase());
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(rows.filter({ hasText: 'ACC-7731' })).toHaveCount(1);
});

test('liveness: the customer declines, nothing is captured, no image and no submit reach main, the workflow ends', async ({ browser }) => {
  station = await startStation({ passphrase: PASSPHRASE });
  page = await openOperatorPage(browser, await station.launchUrl());
  await pickWorkflow(page, 'Liveness check', { consent: 'leave' });
  await page.getByRole('textbox', { name: 'Customer name' }).fill('Dana Declines');
  await expect(slot(page, 'Selfie')).toHaveCount(0);
  await consentStep(page).getByRole('button', { name: 'Customer declines' }).click();

  const ended = page.getByRole('alert').filter({ hasText: 'The customer declined' });
  await expect(ended).toContainText('Nothing was captured and nothing will be sent');
  await expect(slot(page, 'Selfie')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Use the camera' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Choose a file/ })).toHaveCount(0);
  const submit = page.getByRole('button', { name: 'Submit' });
  await expect(submit).toBeDisabled();
  await expect(page.getByText('Customer consent: the customer declined, so no face may be captured or sent.')).toBeVisible();
  // Ctrl+Enter and a paste try too: still nothing.
  await page.getByRole('textbox', { name: 'Customer name' }).press('Control+Enter');
  await page.waitForTimeout(1_000);
  expect(sent.length).toBeGreaterThan(0); // the watch works: the page did talk to main
  expect(sent.filter((frame) => frame.includes('verification:submit'))).toEqual([]);
  expect(sent.filter((frame) => frame.length > 20_000 || /"data":"[A-Za-z0-9+/]{200}/.test(frame))).toEqual([]);

  // The next customer starts from the consent step again.
  await ended.getByRole('button', { name: 'Next customer' }).click();
  await expect(consentStep(page).getByRole('button', { name: 'Customer agrees' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Customer name' })).toHaveValue('');

  // No record exists, so the audit log keeps the answer: the service and the text's version, never the customer.
  await navTo(page, 'Settings').click();
  const declinedEntry = page
    .getByRole('table', { name: /The last 50 entries/ })
    .getByRole('row')
    .filter({ hasText: 'declined' });
  await expect(declinedEntry).toContainText('Liveness check');
  await expect(declinedEntry).toContainText('The customer declined the consent text (English, version 1)');
  await expect(declinedEntry).not.toContainText('Dana');
});

test('register face with a name and a reference; the authenticate picker names the customer', async ({ browser }) => {
  station = await startStation({ passphrase: PASSPHRASE });
  page = await openOperatorPage(browser, await station.launchUrl());
  await pickWorkflow(page, 'Register face', { customerName: 'Rafaela Registro' });
  await page.getByRole('textbox', { name: 'Customer reference' }).fill('CUST-0042');
  await chooseFile(page, 'Selfie', 'selfie-good-a.jpg');
  await reportCard(page, 'Selfie');
  await submitAndOpenResult(page, 'Register face');
  await expect(verdictHeading(page)).toHaveText(/Verified/);

  await navTo(page, 'New verification').click();
  await pickWorkflow(page, 'Authenticate face');
  const person = page.getByRole('combobox', { name: 'Registered person' });
  await expect(person.locator('option').filter({ hasText: /^Rafaela Registro \(CUST-0042\) – registered / })).toHaveCount(1, { timeout: 15_000 });
});

test('the queue and the in-app notice name the customer (never a system notification)', async ({ browser }) => {
  const sandboxData = mkdtempSync(join(tmpdir(), 'station-e2e-sandbox-'));
  let sandbox = await startSandboxProcess(sandboxData);
  station = await startStation({ passphrase: PASSPHRASE, trainingServer: sandbox.baseUrl });
  page = await openOperatorPage(browser, await station.launchUrl());
  await stopProcess(sandbox.process); // Progeny is down: the verification waits in the queue
  try {
    await pickWorkflow(page, 'Background check');
    await page.getByRole('textbox', { name: 'Customer reference' }).fill('Q-5150');
    await page.getByRole('textbox', { name: 'Customer name' }).fill('Quentin Queued');
    await page.getByLabel('Full name').fill('Quentin Queued');
    await page.getByLabel('Date of birth').fill('1979-03-02');
    await page.getByRole('button', { name: 'Submit' }).click();

    await navTo(page, 'Queue').click();
    await expect(page.getByRole('row').filter({ hasText: 'Quentin Queued (Q-5150)' })).toHaveCount(1, { timeout: 30_000 });

    sandbox = await startSandboxProcess(sandboxData, sandbox.port);
    const notices = page.getByRole('region', { name: 'Notifications' });
    await expect(notices).toContainText(/Quentin Queued \(Q-5150\): Background check: (Verified|Not verified|Needs review)/, { timeout: 120_000 });
  } finally {
    await stopProcess(sandbox.process);
    rmSync(sandboxData, { recursive: true, force: true });
  }
});

test('Settings → Consent: a changed text gets version 2 and the next customer is shown it; consent off asks nothing', async ({ browser }) => {
  station = await startStation({ passphrase: PASSPHRASE });
  page = await openOperatorPage(browser, await station.launchUrl());
  await navTo(page, 'Settings').click();
  const section = page.getByRole('region', { name: 'Consent' });
  const english = section.getByRole('textbox', { name: 'Consent text (English), version 1' });
  await english.fill(`${await english.inputValue()}\nQuestions: ask for the data-protection officer.`);
  await section.getByRole('button', { name: 'Save consent settings' }).click();
  await expect(section.getByRole('status')).toHaveText('Consent settings saved.');
  await expect(section.getByRole('textbox', { name: 'Consent text (English), version 2' })).toBeVisible();
  await expect(section.getByRole('textbox', { name: 'Consent text (Français), version 1' })).toBeVisible();

  await navTo(page, 'New verification').click();
  await pickWorkflow(page, 'Liveness check', { consent: 'leave' });
  await expect(consentStep(page)).toContainText('English, version 2');
  await expect(consentStep(page).locator('div[lang="en"]')).toContainText('ask for the data-protection officer');

  await navTo(page, 'Settings').click();
  await page.getByRole('region', { name: 'Consent' }).getByRole('combobox', { name: 'Biometric consent' }).selectOption('off');
  await page.getByRole('region', { name: 'Consent' }).getByRole('button', { name: 'Save consent settings' }).click();
  await expect(page.getByRole('region', { name: 'Consent' }).getByRole('status')).toHaveText('Consent settings saved.');
  await navTo(page, 'New verification').click();
  await pickWorkflow(page, 'Liveness check', { consent: 'leave' });
  await expect(consentStep(page)).toHaveCount(0);
  await expect(slot(page, 'Selfie')).toBeVisible();
});
