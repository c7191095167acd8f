// `npm run security:electron`: Doyensec's Electronegativity over the Electron host, the preload and
// the renderer, offline. Fails (exit 1) on any HIGH or MEDIUM finding that the allowlist does not
// explain, on an allowlist entry that no longer matches a finding (so the list cannot rot), on a
// file the tool could not parse (it would skip it silently) and on any attempt to reach the network.
// Usage: node scripts/electronegativity.mjs [--allowlist <file>]
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = resolve(import.meta.dirname, '..');
/** What is scanned, as one app: global checks (navigation limits, permission handler, CSP) need all of it. package.json is scanned for dangerous Electron flags in its scripts. */
const SCANNED = ['main/hosts/electron', 'preload', 'renderer', 'package.json'];
const GATED = new Set(['HIGH', 'MEDIUM']);
const SEVERITIES = ['HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'];
/** The one check that needs the network (it downloads Electron's release list); Electron upgrades are tracked through package.json instead. */
const ONLINE_CHECKS = ['availablesecurityfixesglobalcheck'];

const { values: args } = parseArgs({ options: { allowlist: { type: 'string', default: join(ROOT, 'security', 'electronegativity-allowlist.json') } } });

const requireRoot = createRequire(join(ROOT, 'package.json'));
const requireTool = createRequire(requireRoot.resolve('@doyensec/electronegativity/package.json'));

/**
 * The tool fetches translations on every run with `got`; give it a `got` that answers "unavailable"
 * without touching the network. Any other connection is refused and recorded before it starts
 * (Node resolves the host name inside connect, so not even a DNS query leaves), and fails the run.
 */
function goOffline() {
  const gotPath = requireTool.resolve('got');
  const offline = new Module(gotPath);
  offline.filename = gotPath;
  offline.loaded = true;
  offline.exports = () => Promise.resolve({ statusCode: 503, body: '' });
  requireTool.cache[gotPath] = offline;

  const attempts = [];
  net.Socket.prototype.connect = function refuseConnect(target) {
    attempts.push(typeof target === 'object' && target !== null ? `${target.host ?? target.path ?? '?'}:${target.port ?? ''}` : String(target));
    throw new Error('electronegativity must run offline');
  };
  return attempts;
}

function stageSources() {
  const stage = mkdtempSync(join(tmpdir(), 'station-electronegativity-'));
  for (const path of SCANNED) cpSync(join(ROOT, path), join(stage, path), { recursive: true });
  return stage;
}

function readAllowlist(file) {
  const { entries } = JSON.parse(readFileSync(file, 'utf8'));
  for (const entry of entries) {
    if (!entry.check || !entry.file || !entry.reason?.includes('SECURITY.md')) throw new Error(`allowlist entry needs check, file and a reason that points to SECURITY.md: ${JSON.stringify(entry)}`);
  }
  return entries;
}

const toPosix = (path) => path.split(sep).join('/');
const where = (issue) => `${issue.id} ${issue.file}:${issue.location.line}`;

async function main() {
  const allowlist = readAllowlist(args.allowlist);
  const networkAttempts = goOffline();
  process.env.LANG = 'en-US';
  const run = requireTool('./dist/runner.js');
  const electronVersion = JSON.parse(readFileSync(requireRoot.resolve('electron/package.json'), 'utf8')).version;

  const stage = stageSources();
  let result;
  try {
    result = await run({
      input: stage,
      isRelative: true,
      isVerbose: false,
      customScan: [],
      excludeFromScan: ONLINE_CHECKS,
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    });
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }

  const issues = result.issues.map((issue) => ({ ...issue, file: toPosix(issue.file) }));
  const counts = Object.fromEntries(SEVERITIES.map((name) => [name, issues.filter((issue) => issue.severity.name === name).length]));
  const gated = issues.filter((issue) => GATED.has(issue.severity.name));
  const isAllowed = (issue) => allowlist.some((entry) => entry.check === issue.id && entry.file === issue.file);
  const unexplained = gated.filter((issue) => !isAllowed(issue));
  const stale = allowlist.filter((entry) => !gated.some((issue) => entry.check === issue.id && entry.file === issue.file));
  const unparsed = result.errors.filter((error) => !error.tolerable);

  for (const issue of gated.filter(isAllowed)) console.log(`  allowlisted  ${issue.severity.name.padEnd(6)} ${where(issue)}`);
  for (const issue of unexplained) console.log(`  UNEXPLAINED  ${issue.severity.name.padEnd(6)} ${where(issue)}: ${issue.description}`);
  for (const entry of stale) console.log(`  STALE allowlist entry (matches no finding): ${entry.check} ${entry.file}`);
  for (const error of unparsed) console.log(`  NOT SCANNED  ${toPosix(error.file)}: ${error.message}`);
  for (const target of networkAttempts) console.log(`  NETWORK attempt refused: ${target}`);
  console.log(
    `electronegativity ${requireTool('./package.json').version} (Electron ${electronVersion}, ${result.globalChecks + result.atomicChecks} checks): ` +
      `${SEVERITIES.map((name) => `${counts[name]} ${name}`).join(', ')}; ` +
      `${gated.length - unexplained.length} allowlisted, ${unexplained.length} unexplained, ${stale.length} stale, ${unparsed.length} unparsed`,
  );
  const failed = unexplained.length + stale.length + unparsed.length + networkAttempts.length > 0;
  process.exitCode = failed ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
