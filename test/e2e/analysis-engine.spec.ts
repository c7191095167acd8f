import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { FIXTURE_DIR, type FixtureLabel } from '../fixtures/generate';
import { serveHarness } from '../browser-engine/serve';
import { EVAL_DEV_DIR, loadEvalDev, roleForDocument } from '../support/eval-dev';

// The renderer's analysis engine, in Chromium, under the station's CSP, on the labelled fixtures.
// The harness page and fixtures are built by the global setup.

const labels = JSON.parse(readFileSync(join(FIXTURE_DIR, 'labels.json'), 'utf8')) as FixtureLabel[];
const byName = (name: string) => labels.find((l) => l.name === name)!;

interface BrowserResult {
  verdict: string;
  blocked: boolean;
  checks: Array<{ id: string; verdict: string; message: string }>;
  mrz: { lines: string[]; valid: boolean } | null;
}

async function precheckInPage(page: Page, label: FixtureLabel): Promise<BrowserResult> {
  const base64 = readFileSync(label.file).toString('base64');
  return page.evaluate(([role, data]) => (globalThis as unknown as { engine: { precheck(r: string, b: string): Promise<BrowserResult> } }).engine.precheck(role, data), [label.role, base64] as const);
}

test.describe.configure({ mode: 'serial' });
let close: () => Promise<void>;
let url: string;
const foreign: string[] = [];

test.beforeAll(async () => {
  ({ url, close } = await serveHarness());
});
test.afterAll(async () => close());

test.beforeEach(async ({ page }) => {
  page.on('request', (request) => {
    if (!request.url().startsWith(new URL(url).origin) && !request.url().startsWith('data:') && !request.url().startsWith('blob:')) foreign.push(request.url());
  });
  await page.goto(url);
  await page.evaluate(() => (globalThis as unknown as { engine: { ready(): Promise<boolean> } }).engine.ready());
});

test('judges selfies in the browser as Node does', async ({ page }) => {
  for (const name of ['selfie-good-a.jpg', 'selfie-face-150.jpg', 'selfie-blurred.jpg', 'selfie-several-faces.jpg', 'selfie-exif-rotated.jpg']) {
    const label = byName(name);
    const result = await precheckInPage(page, label);
    const got = Object.fromEntries(Object.keys(label.expect).map((id) => [id, result.checks.find((c) => c.id === id)?.verdict ?? 'missing']));
    expect(got, name).toEqual(label.expect);
  }
});

test('reads a passport MRZ and a card-back MRZ in the browser with valid check digits', async ({ page }) => {
  for (const name of ['passport-1-1400.jpg', 'id-back-1.jpg']) {
    const label = byName(name);
    const result = await precheckInPage(page, label);
    expect(result.mrz?.valid, name).toBe(true);
    expect(result.mrz?.lines, name).toEqual(label.mrz!.lines);
  }
});

test('gives hostile files their specific error, quickly, without decoding them', async ({ page }) => {
  const expected: Record<string, RegExp> = {
    'hostile-zero-bytes.jpg': /empty/,
    'hostile-truncated.jpg': /incomplete/,
    'hostile-gif-named.jpg': /GIF/,
    'hostile-script.svg': /scripts/,
    'hostile-bomb-30000.png': /30000x30000/,
    'hostile-photo.heic': /HEIC/,
  };
  for (const [name, message] of Object.entries(expected)) {
    const started = Date.now();
    const result = await precheckInPage(page, byName(name));
    expect(result.verdict, name).toBe('fail');
    expect(
      result.checks
        .filter((c) => c.verdict === 'fail')
        .map((c) => c.message)
        .join(' '),
      name,
    ).toMatch(message);
    expect(Date.now() - started, name).toBeLessThan(5000);
  }
  expect(foreign).toEqual([]);
});

test('refuses a 100 MB file from its size, reading only its head', async ({ page }) => {
  const result = await page.evaluate(() =>
    (globalThis as unknown as { engine: { precheckLargeFile(mb: number): Promise<{ verdict: string; messages: string[]; bytesRead: number }> } }).engine.precheckLargeFile(100),
  );
  expect(result.verdict).toBe('fail');
  expect(result.bytesRead).toBe(256 * 1024);
  expect(result.messages.join(' ')).toMatch(/100 MB/);
});

// Real images nobody here made (../shared/eval-dev): the browser must judge them as Node does.
const evalDev = loadEvalDev();
const evalDevSkip = 'skip' in evalDev ? evalDev.skip : '';
if (evalDevSkip) console.log(`real-image browser checks skipped: ${evalDevSkip}`);

test.describe(`real images in the browser${evalDevSkip ? ` (skipped: ${evalDevSkip})` : ''}`, () => {
  test.skip(Boolean(evalDevSkip), evalDevSkip);
  const entry = (suffix: string) => ('skip' in evalDev ? undefined : evalDev.entries.find((e) => e.file.endsWith(suffix)));
  const inPage = (page: Page, role: string, file: string) =>
    page.evaluate(([r, data]) => (globalThis as unknown as { engine: { precheck(r: string, b: string): Promise<BrowserResult> } }).engine.precheck(r, data), [
      role,
      readFileSync(join(EVAL_DEV_DIR, file)).toString('base64'),
    ] as const);

  test('reads full-frame passport scans exactly, and their fill and tilt pass', async ({ page }) => {
    for (const suffix of ['100_pass-bdr.jpg', '100_pass-cze.jpg', '98_pass-nld.jpg']) {
      const e = entry(suffix)!;
      const result = await inPage(page, roleForDocument(e), e.file);
      expect(result.mrz?.lines, suffix).toEqual(e.labels.mrz_lines);
      for (const id of ['document.fill', 'document.tilt']) expect(result.checks.find((c) => c.id === id)?.verdict, `${suffix} ${id}`).toBe('pass');
    }
  });

  test('refuses a selfie behind dark glasses and a blurred one, and accepts a good one', async ({ page }) => {
    const verdictOf = async (suffix: string, id: string) => (await inPage(page, 'selfie', entry(suffix)!.file)).checks.find((c) => c.id === id)?.verdict;
    expect(await verdictOf('derived__img32_sunglasses.jpg', 'face.eyewear')).toBe('fail');
    expect(await verdictOf('derived__tom_cruise_defocus.jpg', 'face.sharpness')).toBe('fail');
    const good = await inPage(page, 'selfie', entry('dlib__Tom_Cruise_avp_2014_4.jpg')!.file);
    expect(good.checks.filter((c) => c.verdict === 'fail').map((c) => c.id)).toEqual([]);
  });
});
