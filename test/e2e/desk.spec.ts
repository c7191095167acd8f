/**
 * The desk, polished (issue 16), walked as an operator at the desk would: the built web station in
 * training mode, Chromium with its fake webcam, everything found by role and accessible name.
 *   - the camera: one stream at a time, ended when a file, drop or paste fills the slot, on Escape,
 *     on another slot's camera, on navigation, on submit and on lock (the track's own readyState,
 *     read through the <video> element's srcObject in the page);
 *   - submit: a focused "Queued: …" line in view, and Ctrl+Enter wherever focus sits;
 *   - report cards: failures first, passed checks folded, each card fits a 1366x768 screen.
 * Every test keeps a screenshot of its final screen (and some of the steps) under test-results/.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import type { Browser, JSHandle, Page } from '@playwright/test';
import { agreeConsent, chooseFile, dropFile, fixture, openStation, pickWorkflow, reportCard, slot, submitAndOpenResult } from './operator';
import { expect, startStation, stopStation, test, type RunningStation } from './station-fixture';
import { encodeBmp, photoAsBmp } from '../support/bmp-files';

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
  station = undefined;
  page = undefined;
});

async function open(browser: Browser, viewport = { width: 1280, height: 900 }): Promise<Page> {
  station = await startStation({ passphrase: 'e2e station passphrase' });
  const context = await browser.newContext({ permissions: ['camera'], viewport });
  const opened = await context.newPage();
  await openStation(opened, await station.launchUrl());
  return opened;
}

/** The little of a <video> and a MediaStreamTrack these tests read (the Node typecheck has no DOM). */
interface TrackLike {
  readyState: string;
}
interface VideoLike {
  srcObject: { getVideoTracks(): TrackLike[] } | null;
}
/**
 * Opens the slot's camera and returns its live video track, taken from the <video> element's
 * srcObject (nothing of the station is exposed for this). The handle outlives the element.
 */
async function openCamera(on: Page, role: string): Promise<JSHandle> {
  await slot(on, role).getByRole('button', { name: 'Use the camera' }).click();
  const video = slot(on, role).locator('video');
  await expect(video).toBeVisible();
  await expect.poll(() => video.evaluate((v: unknown) => (v as VideoLike).srcObject?.getVideoTracks()[0]?.readyState ?? null), { timeout: 15_000 }).toBe('live');
  return video.evaluateHandle((v: unknown) => (v as VideoLike).srcObject!.getVideoTracks()[0]!);
}

const readyState = (track: JSHandle) => track.evaluate((t: unknown) => (t as TrackLike).readyState);

async function expectEnded(on: Page, role: string, track: JSHandle): Promise<void> {
  await expect.poll(() => readyState(track)).toBe('ended');
  await expect(slot(on, role).locator('video')).toHaveCount(0);
}

/** Pastes an image file into the slot, as Ctrl+V with a copied image would. */
async function pasteFile(on: Page, role: string, file: string): Promise<void> {
  const bytes = readFileSync(fixture(file)).toString('base64');
  const zone = slot(on, role).getByRole('group', { name: /Drop an image file here/ });
  // Marked so the page-side source below can find it (the Node typecheck has no ClipboardEvent).
  await zone.evaluate((element: unknown) => void (element as { setAttribute(name: string, value: string): void }).setAttribute('data-paste-here', ''));
  await on.evaluate(`(() => {
    const zone = document.querySelector('[data-paste-here]');
    zone.removeAttribute('data-paste-here');
    const binary = atob(${JSON.stringify(bytes)});
    const array = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) array[i] = binary.charCodeAt(i);
    const data = new DataTransfer();
    data.items.add(new File([array], ${JSON.stringify(file)}, { type: 'image/jpeg' }));
    zone.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  })()`);
}

test('the camera stops when a file, drop or paste fills the slot, on Escape, on another camera, on navigation, on submit and on lock', async ({ browser }, testInfo) => {
  page = await open(browser);
  // The fake webcam shows a real face: with automatic capture the selfie would be taken (and the
  // camera closed) before each step below. Settings, as an operator would turn it off.
  await page.keyboard.press('Alt+4');
  const auto = page.getByRole('checkbox', { name: 'Automatic capture' });
  await auto.click();
  await expect(auto).not.toBeChecked();
  await page.keyboard.press('Alt+1');
  await pickWorkflow(page, 'KYC with passport');

  // A chosen file fills the slot: the feed stops, the slot keeps the file.
  let track = await openCamera(page, 'Selfie');
  await chooseFile(page, 'Selfie', 'selfie-good-a.jpg');
  await expectEnded(page, 'Selfie', track);

  // A dropped file.
  track = await openCamera(page, 'Passport photo page');
  await dropFile(page, 'Passport photo page', 'passport-1-1400.jpg');
  await expectEnded(page, 'Passport photo page', track);

  // A pasted image.
  track = await openCamera(page, 'Selfie');
  await pasteFile(page, 'Selfie', 'selfie-good-b.jpg');
  await expectEnded(page, 'Selfie', track);

  // Escape closes it, and focus returns to "Use the camera".
  track = await openCamera(page, 'Selfie');
  await page.keyboard.press('Escape');
  await expectEnded(page, 'Selfie', track);
  await expect(slot(page, 'Selfie').getByRole('button', { name: 'Use the camera' })).toBeFocused();

  // One camera at a time: opening the passport's closes the selfie's.
  const first = await openCamera(page, 'Selfie');
  const second = await openCamera(page, 'Passport photo page');
  await expectEnded(page, 'Selfie', first);
  expect(await readyState(second)).toBe('live');
  await page.screenshot({ path: testInfo.outputPath('one-camera-at-a-time.png') });

  // Navigation (Alt+2 to the queue) ends it.
  await page.keyboard.press('Alt+2');
  await expect.poll(() => readyState(second)).toBe('ended');
  await page.keyboard.press('Alt+1');

  // Submit (Ctrl+Enter, both images ready) ends it.
  await reportCard(page, 'Selfie');
  await reportCard(page, 'Passport photo page');
  await expect(page.getByRole('button', { name: 'Submit' })).toBeEnabled({ timeout: 90_000 });
  track = await openCamera(page, 'Selfie');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText(/^Queued: KYC with passport/)).toBeVisible();
  await expectEnded(page, 'Selfie', track);

  // Locking the station (Alt+L) ends it (the next customer agrees to the capture first).
  await agreeConsent(page);
  track = await openCamera(page, 'Selfie');
  await page.keyboard.press('Alt+L');
  await expect(page.locator('video')).toHaveCount(0);
  await expect.poll(() => readyState(track)).toBe('ended');
});

/** Fills a background check (no images: the form is ready at once). */
async function fillBackgroundCheck(on: Page, name: string): Promise<void> {
  await on.getByLabel('Full name').fill(name);
  await on.getByLabel('Date of birth').fill('1983-08-12');
  await expect(on.getByText('Ready to send', { exact: false }).first()).toBeVisible();
}

async function expectQueued(on: Page, count: number): Promise<void> {
  const confirmation = on.getByText(/^Queued: Background check/);
  await expect(confirmation).toBeVisible();
  await expect(confirmation).toBeFocused();
  await expect(confirmation).toBeInViewport();
  await expect(on.getByRole('status').filter({ hasText: 'Submitted: Background check' })).toHaveCount(count);
}

test('submit: a focused "Queued" line in view, and Ctrl+Enter works from a field, after Alt+1, from the heading and after "Re-run as new"', async ({ browser }, testInfo) => {
  page = await open(browser, { width: 1366, height: 768 });
  await pickWorkflow(page, 'Background check');

  // From a text field; the confirmation names the customer.
  await page.getByLabel('Customer name').fill('Erika Mustermann');
  await fillBackgroundCheck(page, 'Erika Mustermann');
  await page.getByLabel('Date of birth').focus();
  await page.keyboard.press('Control+Enter');
  await expectQueued(page, 1);
  await expect(page.getByText(/^Queued: Background check/)).toHaveText('Queued: Background check for Erika Mustermann');
  await page.screenshot({ path: testInfo.outputPath('queued-confirmation.png') });

  // After Alt+2 and Alt+1: focus sits on the view's heading.
  await fillBackgroundCheck(page, 'Jean Dupont');
  await page.keyboard.press('Alt+2');
  await page.keyboard.press('Alt+1');
  await expect(page.getByRole('heading', { level: 1, name: 'New verification' })).toBeFocused();
  await page.keyboard.press('Control+Enter');
  await expectQueued(page, 2);

  // From the confirmation line itself (focus stays there after a submit).
  await fillBackgroundCheck(page, 'Ana Silva');
  await page.getByText(/^Queued: Background check/).focus();
  await page.keyboard.press('Control+Enter');
  await expectQueued(page, 3);

  // "Re-run as new" from a result: focus lands on the heading, Ctrl+Enter sends it again.
  const panel = page.getByRole('status').filter({ hasText: 'Submitted: Background check' }).first();
  await panel.getByRole('button', { name: 'Open result' }).click({ timeout: 120_000 });
  await page.getByRole('button', { name: 'Re-run as new' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New verification' })).toBeFocused();
  await expect(page.getByLabel('Full name')).toHaveValue('Ana Silva');
  await page.keyboard.press('Control+Enter');
  await expectQueued(page, 4);
});

test('report cards: failures first, passed checks folded behind a keyboard-operable button, each card fits 1366x768', async ({ browser }, testInfo) => {
  page = await open(browser, { width: 1366, height: 768 });
  const fits = async (role: string) => {
    const card = slot(page!, role).locator('.capture-report');
    await card.scrollIntoViewIfNeeded();
    const box = await card.boundingBox();
    expect(box, role).not.toBeNull();
    expect(box!.height, `${role} card height`).toBeLessThanOrEqual(768);
    expect(box!.width, `${role} card width`).toBeLessThanOrEqual(1366);
    await card.screenshot({ path: testInfo.outputPath(`card-${role.replace(/\W+/g, '-')}.png`) });
  };

  await pickWorkflow(page, 'KYC with ID card');
  await chooseFile(page, 'Selfie', 'selfie-face-150.jpg');
  await chooseFile(page, 'ID card front', 'id-front-good.jpg');
  await dropFile(page, 'ID card back', 'id-back-1.jpg');
  const selfie = await reportCard(page, 'Selfie', { unfold: false });
  // The failing check is the first row; no passed row is shown until asked for.
  await expect(selfie.getByRole('row').nth(1)).toContainText('Fail');
  await expect(selfie.getByRole('row', { name: /^Face size/ })).toContainText('Fail');
  await expect(selfie.getByRole('row').filter({ hasText: 'Pass' })).toHaveCount(0);
  for (const role of ['Selfie', 'ID card front', 'ID card back']) {
    await reportCard(page, role, { unfold: false });
    await fits(role);
  }

  // The fold is a real button: Tab to it, Enter opens it, Space closes it.
  const fold = slot(page, 'Selfie').getByRole('button', { name: /^\d+ checks passed$/ });
  await expect(fold).toHaveAttribute('aria-expanded', 'false');
  await fold.focus();
  await page.keyboard.press('Enter');
  await expect(fold).toHaveAttribute('aria-expanded', 'true');
  await expect(selfie.getByRole('row').filter({ hasText: 'Pass' }).first()).toBeVisible();
  await expect(selfie.getByRole('row', { name: /^Number of faces/ })).toContainText('Pass');
  await page.keyboard.press('Space');
  await expect(fold).toHaveAttribute('aria-expanded', 'false');
  await expect(selfie.getByRole('row', { name: /^Number of faces/ })).toHaveCount(0);

  await pickWorkflow(page, 'KYC with passport');
  await dropFile(page, 'Passport photo page', 'passport-1-1400.jpg');
  await reportCard(page, 'Passport photo page', { unfold: false });
  await fits('Passport photo page');
});

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
const overlap = (a: Box, b: Box) => a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;

test('the French History filters fit: no label, field or button overlaps another, at 1366x768 and 1024x768', async ({ browser }, testInfo) => {
  page = await open(browser, { width: 1366, height: 768 });
  await page.keyboard.press('Alt+4');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await page.keyboard.press('Alt+3');
  const form = page.getByRole('search', { name: 'Rechercher dans l’historique' });
  await expect(form).toBeVisible();
  for (const width of [1366, 1024]) {
    await page.setViewportSize({ width, height: 768 });
    const formBox = (await form.boundingBox())!;
    const parts = form.locator('label, input, select, button');
    const boxes: { name: string; box: Box }[] = [];
    for (let i = 0; i < (await parts.count()); i += 1) {
      const part = parts.nth(i);
      const box = await part.boundingBox();
      if (!box || box.width === 0) continue;
      boxes.push({ name: `${await part.evaluate((el: unknown) => (el as { tagName: string }).tagName)} “${(await part.textContent())?.trim() ?? ''}” #${i}`, box });
    }
    expect(boxes.length).toBeGreaterThanOrEqual(14);
    for (const { name, box } of boxes) {
      expect(box.x, `${name} inside the form (${width} px)`).toBeGreaterThanOrEqual(formBox.x - 0.5);
      expect(box.x + box.width, `${name} inside the form (${width} px)`).toBeLessThanOrEqual(formBox.x + formBox.width + 0.5);
    }
    for (let i = 0; i < boxes.length; i += 1)
      for (let j = i + 1; j < boxes.length; j += 1) expect(overlap(boxes[i]!.box, boxes[j]!.box), `${boxes[i]!.name} overlaps ${boxes[j]!.name} (${width} px)`).toBe(false);
    await form.screenshot({ path: testInfo.outputPath(`history-filters-fr-${width}.png`) });
  }
});

test('auto-fix converts a BMP selfie to JPEG and it is sent; a compressed BMP is still refused, with no fix offered', async ({ browser }) => {
  page = await open(browser);
  await pickWorkflow(page, 'Liveness check');
  const input = slot(page, 'Selfie').getByRole('button', { name: 'Choose a file for Selfie' });

  // An RLE-compressed bitmap (an attacker's or a broken scanner's): refused before decoding, no fix.
  const rle = encodeBmp(new Uint8Array(64 * 64 * 3), 64, 64, { bitsPerPixel: 8, compression: 1 });
  await input.setInputFiles({ name: 'scan.bmp', mimeType: 'image/bmp', buffer: rle });
  const refused = await reportCard(page, 'Selfie');
  await expect(refused.getByRole('row', { name: /^File format/ })).toContainText('(cannot be overridden)');
  await expect(slot(page, 'Selfie').getByRole('button', { name: 'Fix automatically' })).toHaveCount(0);

  // A plain 24-bit BMP of a real selfie: "Fix automatically" converts it, and it is sent.
  const { bmp } = await photoAsBmp(readFileSync(fixture('selfie-good-a.jpg')));
  await input.setInputFiles({ name: 'selfie.bmp', mimeType: 'image/bmp', buffer: bmp });
  const card = await reportCard(page, 'Selfie');
  await expect(card.getByRole('row', { name: /^File format/ })).toContainText('BMP');
  await expect(card.getByRole('row', { name: /^File format/ })).toContainText('Fail');
  await slot(page, 'Selfie').getByRole('button', { name: 'Fix automatically' }).click();
  const review = slot(page, 'Selfie').getByRole('region', { name: 'Automatic fix: before and after' });
  await expect(review.getByRole('list', { name: 'What changed' })).toContainText('File format: Fail → Pass', { timeout: 90_000 });
  await review.getByRole('button', { name: 'Keep the fixed image' }).click();
  await expect((await reportCard(page, 'Selfie')).getByRole('row', { name: /^File format/ })).toContainText('Pass');
  await expect(page.getByRole('button', { name: 'Submit' })).toBeEnabled({ timeout: 90_000 });
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.getByText(/^Queued: Liveness check/)).toBeFocused();
});

test('the evidence report downloads as a PDF that reads back with verdict, service, operator and images, its SHA-256 shown and recorded', async ({ browser }, testInfo) => {
  page = await open(browser);
  await pickWorkflow(page, 'KYC with passport');
  await page.getByRole('textbox', { name: 'Customer name' }).fill('Erika Mustermann');
  await chooseFile(page, 'Selfie', 'selfie-good-a.jpg');
  await dropFile(page, 'Passport photo page', 'passport-1-1400.jpg');
  await reportCard(page, 'Selfie');
  await reportCard(page, 'Passport photo page');
  await submitAndOpenResult(page, 'KYC with passport');
  await expect(page.getByRole('heading', { name: /Verified/ }).first()).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export evidence report' }).click();
  const file = testInfo.outputPath('evidence.pdf');
  await (await download).saveAs(file);
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  await expect(page.getByRole('status').filter({ hasText: 'Evidence report saved as' })).toContainText(sha256);

  const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  expect(text).toContain('Verdict: Verified');
  expect(text).toContain('KYC with passport');
  expect(text).toMatch(/Operator\s+(e2e-operator|E2E Admin)/);
  expect(text).toMatch(/Customer\s+Erika Mustermann/);
  expect(text).toMatch(/Biometric consent\s+Customer agreed/);
  expect(text).toMatch(/Images \(2\)/);
  expect(text).toContain(
    createHash('sha256')
      .update(readFileSync(fixture('selfie-good-a.jpg')))
      .digest('hex'),
  );
  expect(text).toContain('TRAINING');
  expect(text).not.toContain('kyc_passport');
  expect(text).not.toContain('Appendix');
});

test('authenticate face: the registered photo from this station’s history beside the new selfie', async ({ browser }, testInfo) => {
  page = await open(browser, { width: 1366, height: 768 });
  await pickWorkflow(page, 'Register face');
  await chooseFile(page, 'Selfie', 'selfie-good-a.jpg');
  await reportCard(page, 'Selfie');
  await submitAndOpenResult(page, 'Register face');
  await expect(page.getByRole('region', { name: 'Registration' })).toBeVisible();
  // The registration's own result shows no "registered photo": only authenticate face compares.
  await expect(page.getByText('Registered photo')).toHaveCount(0);

  await page.keyboard.press('Alt+1');
  await pickWorkflow(page, 'Authenticate face');
  const person = page.getByLabel('Registered person');
  await expect(person.locator('option')).toHaveCount(2, { timeout: 15_000 });
  await person.selectOption({ index: 1 });
  await chooseFile(page, 'Selfie', 'selfie-good-b.jpg');
  await reportCard(page, 'Selfie');
  await submitAndOpenResult(page, 'Authenticate face');

  const images = page.getByRole('region', { name: 'Images' });
  const registered = images.getByRole('img', { name: 'The photo this person was registered with on this station' });
  const selfie = images.getByRole('img', { name: 'Selfie sent with this verification' });
  await expect(registered).toBeVisible({ timeout: 15_000 });
  await expect(selfie).toBeVisible();
  await expect(registered).toHaveJSProperty('complete', true);
  expect(await registered.evaluate((img: unknown) => (img as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
  await expect(images.getByText('Registered photo')).toBeVisible();
  // Beside, not below: the two pictures share a row.
  const a = (await selfie.boundingBox())!;
  const b = (await registered.boundingBox())!;
  expect(Math.abs(a.y - b.y)).toBeLessThan(Math.max(a.height, b.height) / 2);
  await images.screenshot({ path: testInfo.outputPath('registered-beside-selfie.png') });
});
