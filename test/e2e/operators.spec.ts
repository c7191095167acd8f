/**
 * Issue 15 end to end: operator accounts, shift handover, four-eyes approval and "My work today",
 * walked through the built web station in Chromium the way the people at the desk would.
 */
import { rmSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { chooseFile, E2E_ADMIN, openStation, pickWorkflow, reportCard, signIn, slot } from './operator';
import { expect, startStation, stopStation, test, type RunningStation } from './station-fixture';

const OLGA = { name: 'Olga Operator', secret: 'olga secret 1' };
const BERT = { name: 'Bert Operator', secret: '246802' };
const SAM = { name: 'Sam Supervisor', secret: 'sam secret 1' };
const DORA = { name: 'Dora Disabled', secret: 'dora secret 1' };

const navTo = (page: Page, view: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: new RegExp(view) });
const status = (page: Page) => page.getByRole('contentinfo', { name: 'Station status' });

let station: RunningStation;
test.describe.configure({ timeout: 300_000 });
test.afterEach(async ({ page }, testInfo) => {
  await page.screenshot({ path: testInfo.outputPath('final-screen.png'), fullPage: true }).catch(() => undefined);
  if (station) {
    await stopStation(station);
    rmSync(station.dataDir, { recursive: true, force: true });
  }
});

async function addAccount(page: Page, who: { name: string; secret: string }, role: string) {
  const section = page.getByRole('region', { name: 'Operators' });
  await section.getByLabel('Name', { exact: true }).fill(who.name);
  await section.getByLabel('Role').selectOption({ label: role });
  await section.getByLabel('First secret (at least 6 digits or characters)').fill(who.secret);
  await section.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(section.getByRole('status').first()).toHaveText(`${who.name} was added.`);
  await expect(section.getByRole('table', { name: 'Operator accounts' }).getByRole('row', { name: new RegExp(who.name) })).toContainText(role);
}

async function lockAndSignIn(page: Page, who: { name: string; secret: string }) {
  await status(page).getByRole('button', { name: 'Lock the station' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Who is working?' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await signIn(page, who);
  await expect(status(page)).toContainText(who.name);
}

test("admin creates the staff; an operator's override is approved by the supervisor on her screen; handover shows nothing of her work", async ({ page }) => {
  station = await startStation({ passphrase: 'operators e2e passphrase' });
  // First start: the page asks for the administrator, who is then signed in.
  await page.goto(await station.launchUrl());
  await expect(page.getByRole('heading', { level: 1, name: 'Create the administrator' })).toBeVisible();
  await openStation(page, page.url());
  await expect(status(page)).toContainText(`${E2E_ADMIN.name} (Administrator)`);

  // Settings → Operators: the administrator adds an operator, a supervisor, and one who leaves.
  await navTo(page, 'Settings').click();
  await addAccount(page, OLGA, 'Operator');
  await addAccount(page, BERT, 'Operator');
  await addAccount(page, SAM, 'Supervisor');
  await addAccount(page, DORA, 'Operator');
  const section = page.getByRole('region', { name: 'Operators' });
  await section.getByRole('button', { name: `Disable ${DORA.name}` }).click();
  await expect(section.getByRole('row', { name: new RegExp(DORA.name) })).toContainText('Disabled');
  await expect(section.getByRole('group', { name: 'Approval needed for…' }).getByRole('checkbox', { name: 'Overriding a failing pre-check' })).toBeChecked();

  // A disabled operator cannot sign in.
  await status(page).getByRole('button', { name: 'Lock the station' }).click();
  await page.getByLabel('Your name').fill(DORA.name);
  await page.getByLabel('Your secret (PIN or passphrase)').fill(DORA.secret);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('This account is disabled: ask an administrator.');
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);

  // Olga signs in and sends a selfie whose face is too small, overriding the advice with a reason.
  await signIn(page, OLGA);
  await expect(status(page)).toContainText(`${OLGA.name} (Operator)`);
  await navTo(page, 'New verification').click();
  await pickWorkflow(page, 'Liveness check');
  await chooseFile(page, 'Selfie', 'selfie-face-150.jpg');
  await expect((await reportCard(page, 'Selfie')).getByRole('row', { name: /^Face size/ })).toContainText('Fail');
  await page.getByRole('checkbox', { name: 'Send anyway' }).check();
  const reason = 'Customer is a child; face area checked by hand';
  await page.getByLabel('Reason for sending anyway').fill(reason);
  await expect(page.getByRole('button', { name: 'Submit' })).toBeEnabled({ timeout: 90_000 });
  await page.getByRole('button', { name: 'Submit' }).click();

  // Four-eyes on Olga's screen: Bert (an operator) cannot approve, a wrong secret is refused, Sam approves.
  const dialog = page.getByRole('dialog', { name: 'Approval needed' });
  await expect(dialog).toBeVisible({ timeout: 60_000 });
  await expect(dialog).toContainText('Overriding a failing pre-check needs a supervisor or an administrator');
  await dialog.getByLabel('Approver’s name').fill(BERT.name);
  await dialog.getByLabel('Approver’s secret').fill(BERT.secret);
  await dialog.getByRole('button', { name: 'Approve' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Approval refused', { timeout: 30_000 });
  await dialog.getByLabel('Approver’s name').fill(SAM.name);
  await dialog.getByLabel('Approver’s secret').fill('not his secret');
  await dialog.getByRole('button', { name: 'Approve' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Approval refused', { timeout: 30_000 });
  await dialog.getByLabel('Approver’s secret').fill(SAM.secret);
  await dialog.getByRole('button', { name: 'Approve' }).click();
  await expect(dialog).toHaveCount(0);
  // Main checks the image again before queuing it: slow on a busy machine.
  await expect(page.getByRole('status').filter({ hasText: 'Submitted: Liveness check' }).first()).toBeVisible({ timeout: 90_000 });

  // "My work today": Olga's verification, counted.
  await navTo(page, 'My work today').click();
  await expect(page.getByRole('heading', { level: 1, name: 'My work today' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Today’s verifications' }).getByRole('row')).toHaveCount(2);

  // Olga starts another one and leaves it half done: a customer's selfie and her reason on screen.
  await navTo(page, 'New verification').click();
  await pickWorkflow(page, 'Liveness check');
  await chooseFile(page, 'Selfie', 'selfie-face-150.jpg');
  await reportCard(page, 'Selfie');
  await page.getByRole('checkbox', { name: 'Send anyway' }).check();
  await page.getByLabel('Reason for sending anyway').fill('half-done draft of Olga');

  // Handover: Bert signs in and sees nothing of Olga's work in progress.
  await lockAndSignIn(page, BERT);
  await navTo(page, 'New verification').click();
  await expect(page.getByRole('radio', { name: 'Liveness check', exact: true })).not.toBeChecked();
  await expect(page.getByText('half-done draft of Olga')).toHaveCount(0);
  await expect(slot(page, 'Selfie')).toHaveCount(0);
  await navTo(page, 'My work today').click();
  await expect(page.getByText('No verification today yet.')).toBeVisible();

  // Sam, a supervisor, can look at the whole station's day.
  await lockAndSignIn(page, SAM);
  await navTo(page, 'My work today').click();
  await page.getByRole('radio', { name: 'The whole station' }).check();
  await expect(page.getByRole('region', { name: 'Today’s verifications' }).getByRole('row')).toHaveCount(2);

  // The audit log names both: who overrode, and who approved.
  await lockAndSignIn(page, E2E_ADMIN);
  await navTo(page, 'Settings').click();
  const audit = page.getByRole('table', { name: /The last 50 entries/ });
  const override = audit.getByRole('row').filter({ hasText: reason });
  await expect(override).toContainText(OLGA.name);
  await expect(override).toContainText(SAM.name);
});
