/**
 * The operator's workflows end to end: the built web station in training mode (its own sandbox,
 * really analysing the images), Chromium with a fake webcam playing a real sample photo, and every
 * element found by role and accessible name. Each test keeps a screenshot of its final screen.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { captureSelfie, chooseFile, dropFile, openStation, pickWorkflow, reportCard, slot, submitAndOpenResult, verdictHeading } from './operator';
import { expect, startSandboxProcess, startStation, stopProcess, stopStation, test, type RunningStation } from './station-fixture';
import { EVAL_DEV_DIR, loadEvalDev } from '../support/eval-dev';

const PASSPHRASE = 'e2e station passphrase';
const navTo = (on: Page, view: string) => on.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: new RegExp(view) });
let station: RunningStation;
let page: Page;

test.describe.configure({ timeout: 240_000 });

async function openOperatorPage(browser: Browser, options: { camera: boolean; url: string }): Promise<Page> {
  const context = await browser.newContext({ permissions: options.camera ? ['camera'] : [], viewport: { width: 1280, height: 900 } });
  const opened = await context.newPage();
  await openStation(opened, options.url);
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

test.describe('verifications in training mode', () => {
  test.beforeEach(async ({ browser }) => {
    station = await startStation({ passphrase: PASSPHRASE });
    page = await openOperatorPage(browser, { camera: true, url: await station.launchUrl() });
  });

  test('KYC with passport: webcam selfie and a dropped passport page reach a verdict', async () => {
    await pickWorkflow(page, 'KYC with passport');
    await captureSelfie(page);
    await dropFile(page, 'Passport photo page', 'passport-1-1400.jpg');
    await expect((await reportCard(page, 'Selfie')).getByRole('row', { name: /^Number of faces/ })).toContainText('Pass');
    await expect((await reportCard(page, 'Passport photo page')).getByRole('row', { name: /^Machine-readable zone/ })).toContainText('Pass');
    const result = await submitAndOpenResult(page, 'KYC with passport');
    await expect(verdictHeading(page)).toHaveText(/Verified/);
    await expect(result.getByText('TRAINING – not a real verification')).toBeVisible();
    const fields = result.getByRole('table', { name: /Document fields/ });
    await expect(fields.getByRole('row', { name: /^Surname/ })).toContainText('MUSTERMANN');
    await expect(result.getByRole('img', { name: 'Selfie sent with this verification' })).toBeVisible();
  });

  test('KYC with ID card: selfie, card front and back', async () => {
    await pickWorkflow(page, 'KYC with ID card');
    await chooseFile(page, 'Selfie', 'selfie-good-b.jpg');
    await chooseFile(page, 'ID card front', 'id-front-good.jpg');
    await dropFile(page, 'ID card back', 'id-back-1.jpg');
    for (const role of ['Selfie', 'ID card front', 'ID card back']) await reportCard(page, role);
    await submitAndOpenResult(page, 'KYC with ID card');
    await expect(verdictHeading(page)).toBeVisible();
    await expect(page.getByRole('region', { name: 'Document' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Face match' })).toBeVisible();
  });

  test('liveness check of a selfie', async () => {
    await pickWorkflow(page, 'Liveness check');
    await chooseFile(page, 'Selfie', 'selfie-good-a.jpg');
    await reportCard(page, 'Selfie');
    await submitAndOpenResult(page, 'Liveness check');
    await expect(verdictHeading(page)).toHaveText(/Verified/);
    await expect(page.getByRole('region', { name: 'Liveness' })).toContainText('Passed');
    await expect(page.getByRole('region', { name: 'Document' })).toHaveCount(0);
  });

  test('register a face, then authenticate the same person picked from the history', async () => {
    await pickWorkflow(page, 'Register face');
    await chooseFile(page, 'Selfie', 'selfie-good-a.jpg');
    await reportCard(page, 'Selfie');
    await submitAndOpenResult(page, 'Register face');
    await expect(verdictHeading(page)).toHaveText(/Verified/);
    await expect(page.getByRole('region', { name: 'Registration' })).toBeVisible();

    await navTo(page, 'New verification').click();
    await pickWorkflow(page, 'Authenticate face');
    const person = page.getByLabel('Registered person');
    await expect(person.locator('option')).toHaveCount(2, { timeout: 15_000 }); // "choose" + the person registered above
    await person.selectOption({ index: 1 });
    await expect(page.getByLabel('Person ID (UUID)')).toHaveValue(/^[0-9a-f-]{36}$/);
    await captureSelfie(page);
    await reportCard(page, 'Selfie');
    await submitAndOpenResult(page, 'Authenticate face');
    await expect(verdictHeading(page)).toHaveText(/Verified/);
    await expect(page.getByRole('region', { name: 'Face match' })).toContainText('Passed');
  });

  test('background check from a name and a birth date', async () => {
    await pickWorkflow(page, 'Background check');
    await page.getByLabel('Full name').fill('Erika Mustermann');
    await page.getByLabel('Date of birth').fill('1983-08-12');
    await submitAndOpenResult(page, 'Background check');
    await expect(verdictHeading(page)).toBeVisible();
    await expect(page.getByRole('region', { name: 'Background check' })).toBeVisible();
  });

  test('a failing pre-check blocks sending until overridden with a reason, which the audit log keeps', async () => {
    await pickWorkflow(page, 'Liveness check');
    await chooseFile(page, 'Selfie', 'selfie-face-150.jpg');
    await expect((await reportCard(page, 'Selfie')).getByRole('row', { name: /^Face size/ })).toContainText('Fail');
    const submit = page.getByRole('button', { name: 'Submit' });
    await expect(submit).toBeDisabled();
    await expect(page.getByText(/Send anyway/).first()).toBeVisible();
    await page.getByRole('checkbox', { name: 'Send anyway' }).check();
    await expect(submit).toBeDisabled();
    const reason = 'Customer is a child; face area verified by hand';
    await page.getByLabel('Reason for sending anyway').fill(reason);
    await submitAndOpenResult(page, 'Liveness check');
    await expect(page.getByRole('main')).toContainText(reason);

    await navTo(page, 'Settings').click();
    const audit = page.getByRole('table', { name: /The last 50 entries/ });
    await expect(audit).toContainText(reason);
    await expect(audit).toContainText('Face size');
  });

  test('switching to Arabic lays the station out right to left', async () => {
    await navTo(page, 'Settings').click();
    await page.getByRole('combobox', { name: 'Language' }).selectOption('ar');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('الإعدادات');
    const nav = await page.getByRole('navigation').boundingBox();
    const main = await page.getByRole('main').boundingBox();
    // Right to left: the navigation sits on the right of the content.
    expect(nav!.x).toBeGreaterThan(main!.x);
    await page.keyboard.press('Alt+1');
    await expect(page.getByRole('radio', { name: 'اعرف عميلك بجواز السفر' })).toBeVisible();
  });
});

// Real images nobody here made: what an operator sees when a customer's photo or a desk scanner's
// page arrives (../shared/eval-dev; skipped with its reason where the folder is absent).
const evalDev = loadEvalDev();
const evalDevSkip = 'skip' in evalDev ? evalDev.skip : '';
const realImage = (suffix: string) => ('skip' in evalDev ? '' : join(EVAL_DEV_DIR, evalDev.entries.find((e) => e.file.endsWith(suffix))!.file));

test.describe(`real images at the desk${evalDevSkip ? ` (skipped: ${evalDevSkip})` : ''}`, () => {
  test.skip(Boolean(evalDevSkip), evalDevSkip);
  test.beforeEach(async ({ browser }) => {
    station = await startStation({ passphrase: PASSPHRASE });
    page = await openOperatorPage(browser, { camera: false, url: await station.launchUrl() });
  });

  test('a selfie behind dark glasses: the report card names it and says what to do', async () => {
    await pickWorkflow(page, 'Liveness check');
    await dropFile(page, 'Selfie', realImage('derived__img32_sunglasses.jpg'));
    const card = await reportCard(page, 'Selfie');
    const row = card.getByRole('row', { name: /^Sunglasses/ });
    await expect(row).toContainText('Fail');
    await expect(slot(page, 'Selfie')).toContainText('Take off the sunglasses');
  });

  test('a full-frame passport scan: fill, tilt and MRZ pass, and the sandbox reads it', async () => {
    await pickWorkflow(page, 'Read passport');
    await dropFile(page, 'Passport photo page', realImage('100_pass-bdr.jpg'));
    const card = await reportCard(page, 'Passport photo page');
    for (const name of [/^Machine-readable zone/, /^Document size in the photo/, /^Document tilt/]) await expect(card.getByRole('row', { name }).first()).toContainText('Pass');
    const result = await submitAndOpenResult(page, 'Read passport');
    await expect(result.getByRole('table', { name: /Document fields/ }).getByRole('row', { name: /^Surname/ })).toContainText('MUSTERMANN');
  });
});

test('camera permission denied: its own recovery screen, and a dropped image still works', async ({ browser }) => {
  station = await startStation({ passphrase: PASSPHRASE });
  page = await openOperatorPage(browser, { camera: false, url: await station.launchUrl() });
  await pickWorkflow(page, 'Liveness check');
  await slot(page, 'Selfie').getByRole('button', { name: 'Use the camera' }).click();
  const alert = slot(page, 'Selfie').getByRole('alert');
  await expect(alert).toContainText('Camera access is blocked');
  await expect(alert).toContainText('Allow the camera');
  await expect(alert.getByRole('button', { name: 'Try again' })).toBeVisible();
  await dropFile(page, 'Selfie', 'selfie-good-a.jpg');
  await reportCard(page, 'Selfie');
  await expect(page.getByRole('button', { name: 'Submit' })).toBeEnabled();
});

test('offline: queued while the sandbox is down, sent and shown once it is back, without operator action', async ({ browser }) => {
  const sandboxData = mkdtempSync(join(tmpdir(), 'station-e2e-sandbox-'));
  let sandbox = await startSandboxProcess(sandboxData);
  station = await startStation({ passphrase: PASSPHRASE, trainingServer: sandbox.baseUrl });
  page = await openOperatorPage(browser, { camera: false, url: await station.launchUrl() });
  await stopProcess(sandbox.process); // Progeny is down

  await pickWorkflow(page, 'Background check');
  await page.getByLabel('Full name').fill('Offline Customer');
  await page.getByLabel('Date of birth').fill('1979-03-02');
  await page.getByRole('button', { name: 'Submit' }).click();
  const panel = page.getByRole('status').filter({ hasText: 'Submitted: Background check' }).first();
  await expect(panel).toBeVisible();

  await navTo(page, 'Queue').click();
  await expect(page.getByRole('alert').filter({ hasText: 'Progeny cannot be reached' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('table', { name: 'Verifications in the queue' })).toContainText('Background check');
  await expect(page.getByRole('contentinfo', { name: 'Station status' })).toContainText('Offline');

  sandbox = await startSandboxProcess(sandboxData, sandbox.port); // back, same address
  try {
    // Nobody touches anything: the station probes, resumes and the notification brings the verdict.
    const notices = page.getByRole('region', { name: 'Notifications' });
    await expect(notices).toContainText(/Background check: (Verified|Not verified|Needs review)/, { timeout: 120_000 });
    await expect(page.getByRole('contentinfo', { name: 'Station status' })).toContainText('Online');
    await notices
      .getByRole('button', { name: /Open result/ })
      .first()
      .click();
    await expect(verdictHeading(page)).toBeVisible();
  } finally {
    await stopProcess(sandbox.process);
    rmSync(sandboxData, { recursive: true, force: true });
  }
});
