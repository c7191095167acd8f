import { readFileSync } from 'node:fs';
import { join, win32 } from 'node:path';
import type { ManagedSetting } from '../../../common/vocabulary';
import { PolicySchema, type Policy } from './policy-schema';

/** The managed policy as the station found it at start (a restart applies a new file). */
export type LoadedPolicy =
  | { state: 'none'; file: string }
  | { state: 'in-force'; file: string; policy: Policy }
  /** Unreadable or not a valid policy: the station stays in training mode and says why. */
  | { state: 'invalid'; file: string; problem: string };

/** Where IT puts the policy on each OS; `STATION_POLICY` names another file (tests, staging). */
export function policyPath(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): { file: string; explicit: boolean } {
  if (env.STATION_POLICY) return { file: env.STATION_POLICY, explicit: true };
  if (platform === 'win32') return { file: win32.join(env.ProgramData ?? 'C:\\ProgramData', 'ProgenyStation', 'policy.json'), explicit: false };
  if (platform === 'darwin') return { file: join('/Library', 'Application Support', 'ProgenyStation', 'policy.json'), explicit: false };
  return { file: '/etc/progeny-station/policy.json', explicit: false };
}

/**
 * Reads and validates the policy. No file at the default place means no policy; a file named by
 * STATION_POLICY that is missing, any file that cannot be read, is not JSON or fails the schema is
 * `invalid`, with the problem in one sentence: never ignored.
 */
export function loadPolicy(location: { file: string; explicit: boolean } = policyPath()): LoadedPolicy {
  const { file } = location;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !location.explicit) return { state: 'none', file };
    const why =
      code === 'ENOENT'
        ? 'the file does not exist'
        : code === 'EACCES' || code === 'EPERM'
          ? 'the station may not read it'
          : code === 'EISDIR'
            ? 'it is a folder, not a file'
            : `it cannot be read (${code ?? 'error'})`;
    return { state: 'invalid', file, problem: why };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { state: 'invalid', file, problem: `it is not valid JSON (${error instanceof Error ? error.message : 'parse error'})` };
  }
  const checked = PolicySchema.safeParse(parsed);
  if (!checked.success) {
    const issues = checked.error.issues.slice(0, 5).map((issue) => {
      const where = issue.path.length > 0 ? issue.path.join('.') : 'the policy';
      return issue.code === 'unrecognized_keys' ? `${where}: unknown ${issue.keys.length > 1 ? 'keys' : 'key'} ${issue.keys.map((k) => `"${k}"`).join(', ')}` : `${where}: ${issue.message}`;
    });
    return { state: 'invalid', file, problem: issues.join('; ') };
  }
  return { state: 'in-force', file, policy: checked.data };
}

/** Which settings the policy fixes or bounds (an invalid policy fixes the mode: training). */
export function managedBy(loaded: LoadedPolicy): ManagedSetting[] {
  if (loaded.state === 'none') return [];
  if (loaded.state === 'invalid') return ['mode'];
  const p = loaded.policy;
  const managed: ManagedSetting[] = [];
  if (p.allowedServers) managed.push('serverUrl');
  if (p.mode) managed.push('mode');
  if (p.retention && (p.retention.minDays !== undefined || p.retention.maxDays !== undefined)) managed.push('retention');
  if (p.idleLockMaxMinutes !== undefined) managed.push('idleLockMinutes');
  if (p.consent) managed.push('consent');
  if (p.workflows) managed.push('workflows');
  if (p.autoCapture !== undefined) managed.push('autoCapture');
  if (p.approvalRequiredFor) managed.push('approvals');
  return managed;
}
