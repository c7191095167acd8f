/**
 * Settings → "Test connection": the checks of `station doctor`, run by the operator, against the
 * training sandbox (all pass) and against a live server address where nothing listens (the
 * connection fails, in words, and what depends on it is not checked).
 */
import { signIn } from './operator';
import { expect, test } from './station-fixture';
import type { Page } from '@playwright/test';

// Passphrase, administrator and the checks: more than the default 30 s on a loaded machine.
test.describe.configure({ timeout: 90_000 });

const openSettings = async (page: Page) => {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: /Settings/ })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
};

test('in training mode every check passes against the built-in sandbox', async ({ page, station }) => {
  await page.goto(await station.launchUrl());
  await signIn(page);
  await openSettings(page);
  const group = page.getByRole('group', { name: 'Connection test' });
  await group.getByRole('button', { name: 'Test connection' }).click();
  await expect(group.getByRole('status')).toHaveText(/^All checks passed for http:\/\/127\.0\.0\.1:\d+\/api\/v3\.$/, { timeout: 30_000 });
  const results = group.getByRole('list', { name: 'Connection test results' });
  await expect(results.getByRole('listitem')).toHaveCount(15);
  await expect(results.getByRole('listitem').filter({ hasText: 'Sign-in' })).toHaveText('Sign-in: Passed. Signed in.');
  await expect(results.getByRole('listitem').filter({ hasText: 'Service face_liveness' })).toHaveText('Service face_liveness: Passed. Ready (/services/face_liveness/).');
  await expect(results.getByRole('listitem').filter({ hasText: 'Failed' })).toHaveCount(0);
});

test('against a server that is not there, the connection fails in words and the rest is not checked', async ({ page, station }) => {
  await page.goto(await station.launchUrl());
  await signIn(page);
  await openSettings(page);
  // The radio follows the saved setting: it shows checked once main has saved it.
  const live = page.getByRole('radio', { name: 'Live' });
  await live.click();
  await expect(live).toBeChecked();
  const address = page.getByRole('textbox', { name: 'Server address' });
  // Port 9 (discard) on this computer: nothing listens there on a test machine.
  await address.fill('http://127.0.0.1:9/api/v3');
  await page.getByRole('button', { name: 'Save address' }).click();
  await expect(page.getByText('Server address saved.')).toBeVisible();

  const group = page.getByRole('group', { name: 'Connection test' });
  await group.getByRole('button', { name: 'Test connection' }).click();
  await expect(group.getByRole('status')).toHaveText('Checks failed for http://127.0.0.1:9/api/v3: 1. The first failure explains what to do.', { timeout: 30_000 });
  const results = group.getByRole('list', { name: 'Connection test results' });
  await expect(results.getByRole('listitem').filter({ hasText: 'Connection and certificate' })).toHaveText(
    'Connection and certificate: Failed. Could not connect to 127.0.0.1:9 (ECONNREFUSED): the server is down or a firewall blocks it.',
  );
  await expect(results.getByRole('listitem').filter({ hasText: 'Sign-in' })).toHaveText('Sign-in: Not checked. Not checked, because an earlier check failed.');

  // The same result in French, from the same report.
  await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
  const frGroup = page.getByRole('group', { name: 'Test de connexion' });
  await frGroup.getByRole('button', { name: 'Tester la connexion' }).click();
  await expect(frGroup.getByRole('list', { name: 'Résultats du test de connexion' }).getByRole('listitem').filter({ hasText: 'Connexion et certificat' })).toContainText(
    'Échec. Connexion impossible à 127.0.0.1:9 (ECONNREFUSED)',
    { timeout: 30_000 },
  );
});
