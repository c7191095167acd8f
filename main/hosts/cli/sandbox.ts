/**
 * `station sandbox`: runs the training-mode Progeny sandbox on 127.0.0.1 until SIGINT/SIGTERM,
 * printing its base URL and the credentials it accepts. Exit 0 after a clean stop, 1 when it could
 * not start (port in use, invalid watchlist or face registry), 2 for invalid options.
 */
import { resolve } from 'node:path';
import { createConsoleLogger } from '../../core/logger';
import { defaultDataDir } from '../../core/paths';
import { parseQuirks, type SandboxQuirk } from '../../sandbox/sandbox-quirks';
import { startSandbox } from '../../sandbox/sandbox-server';
import { DEFAULT_ACCESS_TTL_SECONDS, DEFAULT_TASK_DURATION_MS, DEFAULT_TRAINING_USER, type SandboxUser } from '../../sandbox/sandbox-types';
import type { CliIo } from './cli-io';

export interface SandboxCommandOptions {
  port: number;
  data?: string;
  /** `name:password` */
  user?: string;
  /** Access token lifetime in seconds. */
  accessTtl?: number;
  /** Task duration in ms. */
  latency?: number;
  /** Share of requests answered 503 (0–1). */
  failRate?: number;
  /** `--quirks` alone (true) serves every quirk; `--quirks a,b` those named (sandbox-quirks.ts). */
  quirks?: string | true;
}

function parseUser(value: string): SandboxUser | null {
  const at = value.indexOf(':');
  if (at <= 0 || at === value.length - 1) return null;
  return { username: value.slice(0, at), password: value.slice(at + 1) };
}

/** Problems with the options, in words; empty when they are usable. */
function optionProblems(o: SandboxCommandOptions): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(o.port) || o.port < 0 || o.port > 65535) problems.push('--port must be from 0 to 65535');
  if (o.user !== undefined && !parseUser(o.user)) problems.push('--user must look like name:password');
  if (o.accessTtl !== undefined && !(Number.isFinite(o.accessTtl) && o.accessTtl > 0)) problems.push('--access-ttl must be a positive number of seconds');
  if (o.latency !== undefined && !(Number.isFinite(o.latency) && o.latency >= 0)) problems.push('--latency must be 0 or more milliseconds');
  if (o.failRate !== undefined && !(o.failRate >= 0 && o.failRate <= 1)) problems.push('--fail-rate must be between 0 and 1');
  if (o.quirks !== undefined) {
    const parsed = parseQuirks(o.quirks);
    if (!parsed.ok) problems.push(parsed.problem);
  }
  return problems;
}

/**
 * Where `station sandbox` keeps its files by default: next to the station's data folder, not in
 * it. Its registered faces and portraits are plain files (as a real Progeny keeps them on its side),
 * and the station's data folder holds no unencrypted personal data (training-sandbox.ts).
 */
export const defaultSandboxDir = (): string => `${defaultDataDir()}-sandbox`;

/**
 * Starts the sandbox and resolves with the exit code once it has stopped. `stop` ends it like a
 * signal would (for tests and embedding); otherwise SIGINT or SIGTERM does.
 */
export async function runSandboxCommand(options: SandboxCommandOptions, io: CliIo, stop?: AbortSignal): Promise<number> {
  const problems = optionProblems(options);
  if (problems.length > 0) {
    for (const problem of problems) io.err(`station sandbox: ${problem}`);
    return 2;
  }
  const user = options.user ? parseUser(options.user)! : DEFAULT_TRAINING_USER;
  const parsedQuirks = options.quirks === undefined ? null : parseQuirks(options.quirks);
  const quirks: SandboxQuirk[] = parsedQuirks?.ok ? parsedQuirks.quirks : [];
  const dataDir = resolve(options.data ?? defaultSandboxDir());
  io.out('Loading the analysis engine…');
  let sandbox;
  try {
    sandbox = await startSandbox({
      port: options.port,
      dataDir,
      users: [user],
      accessTtlSeconds: options.accessTtl,
      taskDurationMs: options.latency,
      failRate: options.failRate,
      quirks,
      log: createConsoleLogger('sandbox', io.err),
    });
  } catch (error) {
    io.err(`station sandbox: could not start: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  io.out('Progeny training sandbox (simulated service: no real verification, nothing leaves this computer)');
  io.out(`Base URL: ${sandbox.baseUrl}`);
  io.out(`Username: ${user.username}`);
  io.out(`Password: ${user.password}`);
  io.out(`Data folder: ${dataDir}`);
  io.out(
    `Access tokens last ${options.accessTtl ?? DEFAULT_ACCESS_TTL_SECONDS} s; tasks take ${options.latency ?? DEFAULT_TASK_DURATION_MS} ms${options.failRate ? `; ${Math.round(options.failRate * 100)} % of requests fail with 503` : ''}.`,
  );
  io.out(quirks.length > 0 ? `Quirks: ${quirks.join(', ')} (see station sandbox --help)` : 'Quirks: none (the primary reading of the Progeny docs)');
  io.out('Press Ctrl+C to stop.');

  await new Promise<void>((done) => {
    const finish = () => {
      process.off('SIGINT', finish);
      process.off('SIGTERM', finish);
      stop?.removeEventListener('abort', finish);
      done();
    };
    if (stop?.aborted) return finish();
    process.on('SIGINT', finish);
    process.on('SIGTERM', finish);
    stop?.addEventListener('abort', finish);
  });
  await sandbox.close();
  io.out('Sandbox stopped.');
  return 0;
}
