/**
 * The result screen in words, as a new operator meets it: a KYC with an expired passport, run in
 * training mode against the built-in sandbox, which really reads the specimen's MRZ (expiry
 * 2019-07-20) and reports `is_expired` and `issues.document.DOCUMENT_EXPIRED` — the same fact twice.
 * The screen must say it once, with the advice that fits (ask for a valid document, not "resubmit"),
 * with a document card that agrees with the verdict, in English and in French.
 */
import type { Page } from '@playwright/test';
import { chooseFile, dropFile, openStation, pickWorkflow, reportCard, submitAndOpenResult, verdictHeading } from './operator';
import { expect, startStation, stopStation, test, type RunningStation } from './station-fixture';
import { rmSync } from 'node:fs';

let station: RunningStation | undefined;
let page: Page | undefined;

test.describe.configure({ timeout: 240_000 });

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

const banner = (on: Page) =>
  on
    .getByRole('main')
    .getByRole('region')
    .filter({ has: verdictHeading(on) });

test('an expired passport: said once, with the advice to ask for a valid document, consistently, in English and French', async ({ browser }) => {
  station = await startStation({ passphrase: 'e2e station passphrase' });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  await openStation(page, await station.launchUrl());

  await pickWorkflow(page, 'KYC with passport');
  await chooseFile(page, 'Selfie', 'selfie-good-a.jpg');
  await dropFile(page, 'Passport photo page', 'passport-expired.jpg');
  await reportCard(page, 'Selfie');
  // The station's own MRZ read already sees the expiry before anything is sent.
  await expect((await reportCard(page, 'Passport photo page')).getByRole('row', { name: /^Expiry/ })).toBeVisible();
  const main = await submitAndOpenResult(page, 'KYC with passport');

  await expect(verdictHeading(page)).toHaveText(/Not verified/);
  const why = banner(page).getByRole('list', { name: 'Why' });
  const whatToDo = banner(page).getByRole('list', { name: 'What to do' });
  await expect(why.getByRole('listitem').filter({ hasText: /expired/i })).toHaveText(['The document expired on Jul 20, 2019, so this verification fails.']);
  await expect(whatToDo.getByRole('listitem').filter({ hasText: 'Ask for a valid document: an expired one cannot be accepted.' })).toHaveCount(1);
  await expect(whatToDo).not.toContainText(/resubmit|send the verification again/i);
  // Said once on the whole screen: no second list of issues repeating it, in any wording (Progeny's
  // own text waits, hidden, in the details for support).
  await expect(main.getByText(/^The document (expired|has expired)/).filter({ visible: true })).toHaveCount(1);
  await expect(main.getByRole('region', { name: 'Issues' })).toHaveCount(0);

  // The document card agrees with the verdict: failed, because expired; no "Valid: Yes" beside it.
  const documentCard = main.getByRole('region', { name: 'Document' });
  await expect(documentCard.getByRole('definition').first()).toHaveText('✗ Failed');
  await expect(documentCard).toContainText('StatusExpired: it cannot be accepted, so the verification fails.');
  await expect(documentCard).not.toContainText(/Valid\s*Yes|Expired\s*Yes/);

  // Progeny's own text stays available for support, one click away.
  const support = main.getByRole('region', { name: 'Details for support' });
  const toggle = support.getByRole('button', { name: 'Details for support' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(support.getByRole('table', { name: 'Progeny’s messages as received' }).getByRole('row', { name: /DOCUMENT_EXPIRED/ })).toContainText('The document has expired');

  // The same screen in French: the same single reason and advice, translated.
  await page.keyboard.press('Alt+4');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await page.keyboard.press('Alt+3');
  await page
    .getByRole('button', { name: /^Ouvrir la vérification/ })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 2, name: /Non vérifié/ })).toBeVisible();
  const pourquoi = page.getByRole('list', { name: 'Pourquoi' });
  await expect(pourquoi.getByRole('listitem').filter({ hasText: /expir/i })).toHaveText(['Le document a expiré le 20 juil. 2019 : cette vérification échoue pour cette raison.']);
  await expect(page.getByRole('list', { name: 'Que faire' })).toContainText('Demandez un document valide : un document expiré ne peut pas être accepté.');
  await expect(page.getByRole('main').getByText('The document has expired').filter({ visible: true })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Document' })).toContainText('Expiré : il ne peut pas être accepté, la vérification échoue donc.');
});

test('a liveness check shows its scores as percentages on one scale, with the training pass marks', async ({ browser }) => {
  station = await startStation({ passphrase: 'e2e station passphrase' });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  await openStation(page, await station.launchUrl());

  await pickWorkflow(page, 'Liveness check');
  await chooseFile(page, 'Selfie', 'selfie-good-a.jpg');
  await reportCard(page, 'Selfie');
  const main = await submitAndOpenResult(page, 'Liveness check');
  const liveness = main.getByRole('region', { name: 'Liveness' });
  // The sandbox reports probability and quality (0–1) and a log-odds score: two percentages, no bare 2.59.
  await expect(liveness).toContainText(/Chance of a live person\d+(\.\d)?% \(pass mark in training: 50%\)/);
  await expect(liveness).toContainText(/Picture quality\d+(\.\d)?% \(pass mark in training: 35%\)/);
  await expect(liveness).not.toContainText(/Score/);
});
