/**
 * What an operator does at the desk, as Playwright steps that find everything by role and
 * accessible name (the same names a screen-reader user hears).
 */
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

export const fixture = (name: string) => resolve(import.meta.dirname, '../fixtures/generated', name);

/** Who the e2e specs work as: the administrator each fresh station creates on its first start. */
export const E2E_ADMIN = { name: 'E2E Admin', secret: 'e2e admin secret' };
/** The passphrase a spec's page chooses when its station starts without one. */
export const E2E_PASSPHRASE = 'e2e page passphrase';

/**
 * Gets past "Who is working?" as a person would: the station passphrase where the page asks for it
 * (choosing one on a brand-new station), the administrator on first start, else signing in.
 */
export async function signIn(page: Page, who: { name: string; secret: string } = E2E_ADMIN, passphrase = E2E_PASSPHRASE): Promise<void> {
  // Signed in: the status bar names who (before the first status arrives the page shows an empty shell).
  const signedIn = page.getByRole('contentinfo', { name: 'Station status' }).getByText('Signed in', { exact: true });
  const adminName = page.getByLabel('Administrator name');
  const yourName = page.getByLabel('Your name');
  const repeat = page.getByLabel('Repeat the passphrase');
  const pass = page.getByLabel('Passphrase', { exact: true });
  for (let step = 0; step < 4; step += 1) {
    await expect(signedIn.or(adminName).or(yourName).or(pass).first()).toBeVisible({ timeout: 30_000 });
    if (await signedIn.isVisible()) return;
    if (await adminName.isVisible()) {
      await adminName.fill(who.name);
      await page.getByLabel('Secret (at least 6 digits or characters)').fill(who.secret);
      await page.getByLabel('Repeat the secret').fill(who.secret);
      await page.getByRole('button', { name: 'Create and sign in' }).click();
      await expect(adminName).toBeHidden({ timeout: 30_000 });
    } else if (await yourName.isVisible()) {
      await yourName.fill(who.name);
      await page.getByLabel('Your secret (PIN or passphrase)').fill(who.secret);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(yourName).toBeHidden({ timeout: 30_000 });
    } else if (await repeat.isVisible()) {
      await pass.fill(passphrase);
      await repeat.fill(passphrase);
      await page.getByRole('button', { name: 'Protect the station' }).click();
      await expect(repeat).toBeHidden({ timeout: 60_000 });
    } else {
      await pass.fill(passphrase);
      await page.getByRole('button', { name: 'Unlock' }).click();
      await expect(pass).toBeHidden({ timeout: 60_000 });
    }
  }
  await expect(signedIn).toBeVisible();
}

/** Opens the station, signs in (first start: creates the administrator) and waits until it has reached its (training) server. */
export async function openStation(page: Page, url: string, who?: { name: string; secret: string }): Promise<void> {
  await page.goto(url);
  await signIn(page, who);
  await expect(page.getByRole('contentinfo', { name: 'Station status' })).toContainText('Online', { timeout: 60_000 });
}

export const slot = (page: Page, role: string) => page.getByRole('region', { name: role, exact: true });

/** Picks a file with the slot's "Choose a file" control (what the OS file dialog would hand over). */
export async function chooseFile(page: Page, role: string, file: string): Promise<void> {
  await slot(page, role)
    .getByRole('button', { name: `Choose a file for ${role}` })
    .setInputFiles(fixture(file));
}

/** Drags a file from the desktop onto the slot's drop zone (a real drop event with a real File). */
export async function dropFile(page: Page, role: string, file: string): Promise<void> {
  const zone = slot(page, role).getByRole('group', { name: /Drop an image file here/ });
  const bytes = readFileSync(fixture(file)).toString('base64');
  const type = file.endsWith('.png') ? 'image/png' : 'image/jpeg';
  // Built in the page (source text: the Node typecheck has no DOM, and the page needs its own File).
  const dataTransfer = await page.evaluateHandle(`(() => {
    const binary = atob(${JSON.stringify(bytes)});
    const array = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) array[i] = binary.charCodeAt(i);
    const transfer = new DataTransfer();
    transfer.items.add(new File([array], ${JSON.stringify(basename(file))}, { type: ${JSON.stringify(type)} }));
    return transfer;
  })()`);
  // The zone's wording changes while something is dragged over it: hold on to the element itself.
  const element = await zone.elementHandle();
  if (!element) throw new Error(`no drop zone in the ${role} slot`);
  for (const type of ['dragenter', 'dragover', 'drop']) await element.dispatchEvent(type, { dataTransfer });
}

/**
 * Waits for the slot's pre-check report card (the engine loads on first use). The passed checks are
 * folded behind "n checks passed": unless told not to, this opens them as an operator would.
 */
export async function reportCard(page: Page, role: string, options: { unfold?: boolean } = {}): Promise<Locator> {
  const table = slot(page, role).getByRole('table', { name: `Pre-check: ${role}` });
  await expect(table).toBeVisible({ timeout: 90_000 });
  const fold = slot(page, role).getByRole('button', { name: /checks? passed$/ });
  if ((options.unfold ?? true) && (await fold.count()) > 0 && (await fold.getAttribute('aria-expanded')) === 'false') await fold.click();
  return table;
}

/** Takes the selfie with the (fake) webcam: live guidance, then Capture. */
export async function captureSelfie(page: Page): Promise<void> {
  const selfie = slot(page, 'Selfie');
  await selfie.getByRole('button', { name: 'Use the camera' }).click();
  await expect(selfie.locator('video')).toBeVisible();
  // Auto-capture may fire first once the guidance sees a steady face; otherwise capture by hand.
  const capture = selfie.getByRole('button', { name: 'Capture' });
  await expect(async () => {
    if (await capture.isVisible()) await capture.click({ timeout: 1_000 });
    await expect(selfie.getByRole('button', { name: 'Retake' })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
}

/**
 * Picks a workflow as the operator starts it for a customer: a face workflow first shows the consent
 * text, and the customer agrees (unless `consent: 'leave'`: the test answers itself); register face
 * needs the customer's name, typed here unless the test types its own (`customerName: null`).
 */
export async function pickWorkflow(page: Page, name: string, options: { consent?: 'agree' | 'leave'; customerName?: string | null } = {}): Promise<void> {
  await page.getByRole('radio', { name, exact: true }).check();
  if (name === 'Register face' && options.customerName !== null) await page.getByRole('textbox', { name: 'Customer name' }).fill(options.customerName ?? 'Rita Registered');
  if ((options.consent ?? 'agree') === 'agree') await agreeConsent(page);
}

/** The consent step, where the form shows one: the customer agrees to the text in the language shown. */
export async function agreeConsent(page: Page): Promise<void> {
  const agree = page.getByRole('button', { name: 'Customer agrees' });
  if (await agree.isVisible()) await agree.click();
  await expect(agree).toHaveCount(0);
}

/** Submits, then waits for the verdict in the submitted panel and opens the result screen. */
export async function submitAndOpenResult(page: Page, service: string): Promise<Locator> {
  await expect(page.getByRole('button', { name: 'Submit' })).toBeEnabled({ timeout: 90_000 });
  await page.getByRole('button', { name: 'Submit' }).click();
  const panel = page
    .getByRole('status')
    .filter({ hasText: `Submitted: ${service}` })
    .first();
  await expect(panel).toBeVisible();
  const open = panel.getByRole('button', { name: 'Open result' });
  await expect(open).toBeVisible({ timeout: 120_000 });
  await open.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Verification result' })).toBeVisible();
  return page.getByRole('main');
}

/** The result screen's verdict: one of the three words, shown as a heading. */
export const verdictHeading = (page: Page) => page.getByRole('heading', { name: /^(✓|✗|!)?\s*(Verified|Not verified|Needs review)$/ });
