/**
 * Conform or fix, never override: an image that breaks one of Progeny's requirements offers no
 * "Send anyway" — only "Fix automatically" where the engine can repair it, or "Take a new
 * picture" — while failing advice still can be sent anyway, the checks named in words.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import sharp from 'sharp';
import { dropFile, fixture, openStation, pickWorkflow, reportCard, slot, submitAndOpenResult } from './operator';
import { expect, startStation, stopStation, test, type RunningStation } from './station-fixture';

test.describe.configure({ timeout: 240_000 });

let station: RunningStation;
let page: Page;
const scratch = mkdtempSync(join(tmpdir(), 'station-e2e-requirements-'));

test.beforeEach(async ({ browser }) => {
  station = await startStation({ passphrase: 'requirements e2e passphrase' });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  await openStation(page, await station.launchUrl());
  await pickWorkflow(page, 'Liveness check');
});

// Playwright reads fixture dependencies from the destructuring pattern; this hook needs none.
// eslint-disable-next-line no-empty-pattern
test.afterEach(async ({}, testInfo) => {
  await page?.screenshot({ path: testInfo.outputPath('final-screen.png'), fullPage: true }).catch(() => undefined);
  await page?.context().close();
  await stopStation(station);
  rmSync(station.dataDir, { recursive: true, force: true });
});
test.afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const submit = () => page.getByRole('button', { name: 'Submit' });
const sendAnyway = () => page.getByRole('checkbox', { name: 'Send anyway' });
/** The reasons next to Submit (its accessible description). */
const rules = () => page.locator('.verify-rules');

test('a file over 2,000,000 bytes: no "Send anyway"; "Fix automatically" makes it conform, and it is sent', async () => {
  await dropFile(page, 'Selfie', 'selfie-oversized.jpg');
  const card = await reportCard(page, 'Selfie');
  await expect(card.getByRole('row', { name: /^File size/ })).toContainText('Fail');
  await expect(card.getByRole('row', { name: /^File size/ })).toContainText('(cannot be overridden)');
  await expect(slot(page, 'Selfie')).toContainText('Progeny does not accept this image as it is: File size. Use “Fix automatically” below');
  await expect(rules()).toContainText('Selfie does not meet Progeny’s requirements: File size. Use “Fix automatically” in the slot');
  await expect(sendAnyway()).toHaveCount(0);
  await expect(submit()).toBeDisabled();

  await slot(page, 'Selfie').getByRole('button', { name: 'Fix automatically' }).click();
  const review = slot(page, 'Selfie').getByRole('region', { name: 'Automatic fix: before and after' });
  await expect(review.getByRole('list', { name: 'What changed' })).toContainText('File size: Fail → Pass', { timeout: 90_000 });
  await review.getByRole('button', { name: 'Keep the fixed image' }).click();

  await expect((await reportCard(page, 'Selfie')).getByRole('row', { name: /^File size/ })).toContainText('Pass');
  await expect(rules()).not.toContainText('Progeny’s requirements');
  await expect(sendAnyway()).toHaveCount(0);
  await submitAndOpenResult(page, 'Liveness check');
});

test('a JPEG saved at quality 50: no fix and no override, only "Take a new picture"', async () => {
  const lowQuality = join(scratch, 'selfie-quality-50.jpg');
  writeFileSync(lowQuality, await sharp(fixture('selfie-good-a.jpg')).jpeg({ quality: 50 }).toBuffer());
  await dropFile(page, 'Selfie', lowQuality);
  const card = await reportCard(page, 'Selfie');
  await expect(card.getByRole('row', { name: /^JPEG quality/ })).toContainText('Fail');
  await expect(slot(page, 'Selfie')).toContainText('Progeny does not accept this image: JPEG quality. Take a new picture');
  await expect(slot(page, 'Selfie').getByRole('button', { name: 'Take a new picture' })).toBeVisible();
  await expect(slot(page, 'Selfie').getByRole('button', { name: 'Fix automatically' })).toHaveCount(0);
  await expect(sendAnyway()).toHaveCount(0);
  await expect(rules()).toContainText('Selfie does not meet Progeny’s requirements: JPEG quality. Take a new picture');
  await expect(submit()).toBeDisabled();
});

test('failing advice (a small face) still offers "Send anyway", the checks named in words', async () => {
  await dropFile(page, 'Selfie', 'selfie-face-150.jpg');
  await expect((await reportCard(page, 'Selfie')).getByRole('row', { name: /^Face size/ })).toContainText('Fail');
  await expect(rules()).toContainText('Selfie: Face size');
  await expect(rules()).not.toContainText('face.');
  await sendAnyway().check();
  await page.getByLabel('Reason for sending anyway').fill('Face checked by hand at the desk');
  await expect(submit()).toBeEnabled();
});
