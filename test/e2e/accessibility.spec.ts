/**
 * Every screen checked by axe-core against WCAG 2.1 A and AA (names, roles, contrast, structure),
 * in English and in Arabic, with real content on the screens that show results.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { chooseFile, openStation, pickWorkflow, reportCard, submitAndOpenResult } from './operator';
import { expect, startStation, stopStation, test } from './station-fixture';

test.describe.configure({ timeout: 180_000 });

async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.map((violation) => `${violation.id} (${violation.impact ?? 'n/a'}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

test('every screen meets WCAG 2.1 AA as axe-core checks it, in English and Arabic', async ({ browser }, testInfo) => {
  const station = await startStation({ passphrase: 'accessibility passphrase' });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  try {
    await openStation(page, await station.launchUrl());
    await pickWorkflow(page, 'Liveness check');
    await chooseFile(page, 'Selfie', 'selfie-face-150.jpg'); // a failing report card, with guidance
    await reportCard(page, 'Selfie');
    const found: Record<string, string[]> = { 'new verification with a report card': await violations(page) };
    await page.getByRole('checkbox', { name: 'Send anyway' }).check();
    await page.getByLabel('Reason for sending anyway').fill('Checked by hand at the desk');
    await submitAndOpenResult(page, 'Liveness check');
    found.result = await violations(page);
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const view of ['Queue', 'History', 'Settings']) {
      await nav.getByRole('button', { name: new RegExp(view) }).click();
      await expect(page.getByRole('heading', { level: 1, name: view })).toBeVisible();
      found[view] = await violations(page);
    }
    await page.getByRole('combobox', { name: 'Language' }).selectOption('ar');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    found['settings (Arabic)'] = await violations(page);
    await page.keyboard.press('Alt+1');
    found['new verification (Arabic)'] = await violations(page);
    await page.screenshot({ path: testInfo.outputPath('final-screen.png'), fullPage: true });
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((screen) => [screen, []])));
  } finally {
    await context.close();
    await stopStation(station);
  }
});
