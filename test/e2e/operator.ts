/**
 * What an operator does at the desk, as Playwright steps that find everything by role and
 * accessible name (the same names a screen-reader user hears).
 */
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

export const fixture = (name: string) => resolve(import.meta.dirname, '../fixtures/generated', name);

/** Opens the station and waits until it has reached its (training) server. */
export async function openStation(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('contentinfo', { name: 'Station status' })).toContainText('Online', { timeout: 60_000 });
}

export const slot = (page: Page, role: string) => page.getByRole('region', { name: role, exact: true });

/** Picks a file with the slot's "Choose a file" control (what the OS file dialog would hand over). */
export async function chooseFile(page: Page, role: string, file: string): Promise<void> {
  await slot(page, role).getByRole('button', { name: `Choose a file for ${role}` }).setInputFiles(fixture(file));
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

/** Waits for the slot's pre-check report card (the engine loads on first use). */
export async function reportCard(page: Page, role: string): Promise<Locator> {
  const table = slot(page, role).getByRole('table', { name: `Pre-check: ${role}` });
  await expect(table).toBeVisible({ timeout: 90_000 });
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

export async function pickWorkflow(page: Page, name: string): Promise<void> {
  await page.getByRole('radio', { name, exact: true }).check();
}

/** Submits, then waits for the verdict in the submitted panel and opens the result screen. */
export async function submitAndOpenResult(page: Page, service: string): Promise<Locator> {
  await expect(page.getByRole('button', { name: 'Submit' })).toBeEnabled({ timeout: 90_000 });
  await page.getByRole('button', { name: 'Submit' }).click();
  const panel = page.getByRole('status').filter({ hasText: `Submitted: ${service}` }).first();
  await expect(panel).toBeVisible();
  const open = panel.getByRole('button', { name: 'Open result' });
  await expect(open).toBeVisible({ timeout: 120_000 });
  await open.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Verification result' })).toBeVisible();
  return page.getByRole('main');
}

/** The result screen's verdict: one of the three words, shown as a heading. */
export const verdictHeading = (page: Page) => page.getByRole('heading', { name: /^(✓|✗|!)?\s*(Verified|Not verified|Needs review)$/ });
