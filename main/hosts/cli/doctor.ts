/**
 * `station doctor [--server URL] [--json]`: the connection checks of main/core/progeny/doctor.ts in
 * plain English, one line each. Exit 0 when nothing failed, 1 when something did (2 for bad
 * options, from commander). Credentials come from PROGENY_USERNAME / PROGENY_PASSWORD; the server
 * from --server, else PROGENY_BASE_URL, else the data folder's saved setting, else Progeny's default.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAcceptableServerUrl } from '../../../common/server-address';
import { DEFAULT_BASE_URL, SERVICE_IDS } from '../../../common/services/catalog';
import { createConsoleLogger, warningsOnly } from '../../core/logger';
import { environmentSignIn } from '../../core/progeny/credential-vault';
import { runDoctor, type DoctorOptions, type DoctorStep } from '../../core/progeny/doctor';
import { openPathMemoryFile, SERVICE_PATHS_FILE } from '../../core/progeny/service-paths';
import { fixedCredentials } from '../../core/progeny/token-manager';
import { SETTINGS_FILE } from '../../core/settings';
import type { CliIo } from './cli-io';

export interface DoctorCommandOptions {
  server?: string;
  /** The station's data folder: its saved server address and remembered service paths. */
  data: string;
  json?: boolean;
}

const CHECK_LABEL: Record<DoctorStep['check'], string> = {
  address: 'Server address',
  dns: 'DNS',
  connection: 'Connection',
  'sign-in': 'Sign-in',
  clock: 'Clock',
  refresh: 'Session renewal',
  task: 'Task results',
  service: 'Service',
};
const OUTCOME_LABEL: Record<DoctorStep['outcome'], string> = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP' };

/** The server address saved in Settings, read without writing anything to the data folder. */
function savedServer(dataDir: string): string | null {
  try {
    const value = (JSON.parse(readFileSync(join(dataDir, SETTINGS_FILE), 'utf8')) as { serverUrl?: unknown }).serverUrl;
    return typeof value === 'string' && isAcceptableServerUrl(value) ? value : null;
  } catch {
    return null;
  }
}

export async function runDoctorCommand(options: DoctorCommandOptions, io: CliIo, env: NodeJS.ProcessEnv = process.env, testing: Pick<DoctorOptions, 'lookup' | 'timeoutMs'> = {}): Promise<number> {
  const server = options.server ?? (env.PROGENY_BASE_URL || null) ?? savedServer(options.data) ?? DEFAULT_BASE_URL;
  const signIn = environmentSignIn(env);
  const log = warningsOnly(createConsoleLogger('doctor', io.err));
  const paths = openPathMemoryFile(join(options.data, SERVICE_PATHS_FILE), log);
  const report = await runDoctor({ baseUrl: server, credentials: signIn ? fixedCredentials(signIn) : { get: () => Promise.resolve(null) }, paths, ...testing });
  if (options.json) {
    io.out(JSON.stringify(report, null, 2));
    return report.passed ? 0 : 1;
  }
  io.out(`Progeny Station doctor: ${server}`);
  const width = Math.max(...[...Object.values(CHECK_LABEL), ...SERVICE_IDS].map((label) => label.length));
  for (const step of report.steps) io.out(`  ${OUTCOME_LABEL[step.outcome]}  ${(step.service ?? CHECK_LABEL[step.check]).padEnd(width)}  ${step.detail}`);
  const remembered = Object.entries(report.paths);
  if (remembered.length > 0) {
    io.out('Service paths that work on this server (remembered by the station):');
    for (const [service, path] of remembered) io.out(`  ${service.padEnd(width)}  ${path}`);
  }
  const failed = report.steps.filter((step) => step.outcome === 'fail').length;
  io.out(failed === 0 ? `All ${report.steps.filter((s) => s.outcome === 'pass').length} checks passed.` : `${failed} check${failed === 1 ? '' : 's'} failed: see FAIL above.`);
  return report.passed ? 0 : 1;
}
