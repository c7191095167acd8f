/**
 * Issue 17 at the desk: a station under the organisation's managed policy shows every setting the
 * policy fixes locked, "Set by your organisation"; a broken policy file is named in a banner and the
 * station only trains; Settings → About carries the same health facts as `station status`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { signIn } from './operator';
import { startStation, stopStation, type RunningStation } from './station-fixture';

let running: RunningStation | null = null;
test.afterEach(async () => {
  if (running) {
    await stopStation(running);
    rmSync(running.dataDir, { recursive: true, force: true });
  }
  running = null;
});

/** Signs in once the sign-in screen is up: the shell can flash before the first status arrives. */
async function open(page: Page, url: string) {
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Who is working?' })).toBeVisible({ timeout: 30_000 });
  await signIn(page);
}

function policyFile(content: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'station-e2e-policy-')), 'policy.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

test('every setting the policy fixes is locked in Settings, and only the offered workflows are shown', async ({ page }) => {
  const file = policyFile({
    allowedServers: ['https://be.progeny.tech/api/v3'],
    mode: 'training-only',
    retention: { minDays: 30, maxDays: 400 },
    idleLockMaxMinutes: 10,
    consent: 'required',
    workflows: ['ocr_passport', 'face_liveness'],
    autoCapture: false,
    approvalRequiredFor: ['override', 'forget'],
  });
  running = await startStation({ env: { STATION_POLICY: file } });
  await open(page, await running.launchUrl());

  // New verification: the two workflows the organisation offers, nothing else.
  await page.keyboard.press('Alt+1');
  const workflows = page.getByRole('group', { name: 'Workflow' }).getByRole('radio');
  await expect(workflows).toHaveCount(2);

  await page.keyboard.press('Alt+4');
  const server = page.getByRole('region', { name: 'Verification server' });
  await expect(server.getByRole('radio', { name: 'Live' })).toBeDisabled();
  await expect(server.getByRole('radio', { name: 'Training' })).toBeChecked();
  await expect(server.getByLabel('Server address')).toBeDisabled();
  await expect(server.getByLabel('Server address')).toHaveValue('https://be.progeny.tech/api/v3');
  await expect(server.getByText('Set by your organisation')).toHaveCount(2);
  await expect(page.getByLabel('Automatic capture')).toBeDisabled();
  await expect(page.getByLabel('Automatic capture')).not.toBeChecked();
  const retention = page.getByRole('group', { name: 'Set by your organisation' }).filter({ has: page.getByRole('heading', { name: 'Data retention' }) });
  await expect(retention.getByLabel('Delete images after (days)')).toBeDisabled();
  await expect(retention.getByLabel('Delete images after (days)')).toHaveValue('30');
  await expect(page.getByLabel('Lock after inactivity (minutes, 0 = never)')).toBeDisabled();
  await expect(page.getByLabel('Biometric consent')).toBeDisabled();
  const approvals = page.getByRole('group', { name: 'Approval needed for…' });
  await expect(approvals.getByRole('checkbox', { name: 'Overriding a failing pre-check' })).toBeDisabled();
  await expect(approvals.getByRole('checkbox', { name: 'Overriding a failing pre-check' })).toBeChecked();
  await expect(approvals.getByRole('checkbox', { name: 'Forgetting a customer' })).toBeChecked();
  // Keyboard: Tab never lands on a locked control.
  await page
    .getByLabel('Lock after inactivity (minutes, 0 = never)')
    .focus()
    .catch(() => undefined);
  await expect(page.getByLabel('Lock after inactivity (minutes, 0 = never)')).not.toBeFocused();

  // The locked controls and their notes still meet WCAG 2.1 AA.
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);

  const about = page.getByRole('region', { name: 'About this station' });
  await expect(about).toContainText(`Managed policy`);
  await expect(about).toContainText(`In force (${file})`);
  await expect(about).toContainText('Audit log to the SIEM');
});

test('a broken policy file: a banner names the file and the problem, and the station only trains', async ({ page }) => {
  const file = policyFile('{"mode": "live-only", "autoCaptur": false}');
  running = await startStation({ env: { STATION_POLICY: file } });
  await open(page, await running.launchUrl());
  const banner = page.getByRole('alert').filter({ hasText: 'policy file' });
  await expect(banner).toContainText(file);
  await expect(banner).toContainText('unknown key "autoCaptur"');
  await expect(banner).toContainText('stays in training mode');
  await page.keyboard.press('Alt+4');
  const server = page.getByRole('region', { name: 'Verification server' });
  await expect(server.getByRole('radio', { name: 'Training' })).toBeChecked();
  await expect(server.getByRole('radio', { name: 'Live' })).toBeDisabled();
  await expect(page.getByRole('region', { name: 'About this station' })).toContainText(`Unusable (${file})`);
  await expect(page.getByRole('region', { name: 'About this station' })).toContainText('Broken');
});

test('Settings → About shows the health facts of `station status`', async ({ page }) => {
  running = await startStation();
  await open(page, await running.launchUrl());
  await page.keyboard.press('Alt+4');
  const about = page.getByRole('region', { name: 'About this station' });
  for (const fact of ['Health', 'Healthy', 'Mode', 'Training', 'Queue', 'Oldest item not yet sent', 'Last successful Progeny call', 'Audit log to the SIEM', 'Off', 'Managed policy', 'None'])
    await expect(about).toContainText(fact);
});
