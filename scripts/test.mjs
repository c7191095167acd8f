// `npm test`: typecheck, lint, build, unit tests (Vitest), e2e tests (Playwright), then one plain
// summary line `N passed, N failed, N skipped` for CI. Typecheck, lint and the format check count as one check each.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, ROOT } from './ensure-build.mjs';

const RESULTS = join(ROOT, 'test-results');
const bin = (pkg, file) => join(ROOT, 'node_modules', pkg, file);
const tally = { passed: 0, failed: 0, skipped: 0 };
const skipReasons = [];

function run(label, args, env = {}) {
  process.stdout.write(`\n── ${label}\n`);
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function check(label, args) {
  const passed = run(label, args);
  tally[passed ? 'passed' : 'failed'] += 1;
  if (!passed) process.stdout.write(`✗ ${label} failed\n`);
}

function readJson(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
}

rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS, { recursive: true });

for (const project of ['common', 'node', 'web']) check(`typecheck (${project})`, [bin('typescript', 'bin/tsc'), '-p', `tsconfig.${project}.json`]);
check('lint', [bin('eslint', 'bin/eslint.js'), '.', '--max-warnings=0']);
check('format (prettier --check; `npm run format` fixes it)', [bin('prettier', 'bin/prettier.cjs'), '--check', '.', '--log-level', 'warn']);

process.stdout.write('\n── build\n');
ensureBuilt();

const unitJson = join(RESULTS, 'vitest.json');
const unitOk = run('unit tests (vitest)', [bin('vitest', 'vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitJson}`]);
const unit = readJson(unitJson);
if (unit) {
  tally.passed += unit.numPassedTests;
  tally.failed += unit.numFailedTests;
  tally.skipped += unit.numPendingTests + unit.numTodoTests;
} else tally.failed += 1;
if (!unitOk && unit?.numFailedTests === 0) tally.failed += 1; // the run itself failed (e.g. a suite could not load)
// Vitest carries no skip reason: skipped suites put theirs in their title, so list them by suite.
const skippedBySuite = new Map();
for (const file of unit?.testResults ?? []) {
  for (const t of file.assertionResults ?? []) {
    if (t.status !== 'pending' && t.status !== 'skipped') continue;
    const suite = t.ancestorTitles.join(' › ') || file.name;
    skippedBySuite.set(suite, (skippedBySuite.get(suite) ?? 0) + 1);
  }
}
for (const [suite, count] of skippedBySuite) skipReasons.push(`${count} test(s) in ${suite}`);

const e2eJson = join(RESULTS, 'playwright.json');
const e2eOk = run('e2e tests (playwright)', [bin('@playwright/test', 'cli.js'), 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_FILE: e2eJson });
const e2e = readJson(e2eJson);
if (e2e) {
  tally.passed += e2e.stats.expected + e2e.stats.flaky;
  tally.failed += e2e.stats.unexpected;
  tally.skipped += e2e.stats.skipped;
  const visit = (suite) => {
    for (const spec of suite.specs ?? [])
      for (const t of spec.tests ?? []) if (t.status === 'skipped') skipReasons.push(`${spec.title}: ${t.annotations.find((a) => a.type === 'skip')?.description ?? 'no reason given'}`);
    for (const child of suite.suites ?? []) visit(child);
  };
  for (const suite of e2e.suites ?? []) visit(suite);
} else tally.failed += 1;
if (!e2eOk && e2e?.stats.unexpected === 0) tally.failed += 1;

process.stdout.write('\n');
for (const reason of skipReasons) process.stdout.write(`skipped: ${reason}\n`);
process.stdout.write(`${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped\n`);
process.exitCode = tally.failed === 0 ? 0 : 1;
