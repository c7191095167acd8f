import type { Settings } from '../../../common/contract';
import type { PolicyStatus } from '../../../common/fleet-status';
import type { Logger } from '../logger';
import { openSettings } from '../settings';
import { effectiveSettings, workflowAllowed } from './managed-settings';
import { loadPolicy, type LoadedPolicy } from './policy-file';

/**
 * The policy for the CLI commands that work on the data folder without a whole station core
 * (`station submit`, `station purge`): the same settings in force and the same refusals.
 */
export function commandSettings(dataDir: string, log: Logger, policy: LoadedPolicy = loadPolicy()): { settings: Settings; policy: LoadedPolicy } {
  return { settings: effectiveSettings(openSettings(dataDir, log).get(), policy), policy };
}

/** Why the policy refuses queueing this workflow here, or null. */
export function workflowRefusal(policy: LoadedPolicy, service: string): string | null {
  return workflowAllowed(policy, service) ? null : `your organisation's policy (${policy.file}) does not offer ${service} on this station`;
}

/** Why the policy refuses a purge by these periods (shorter than its minimum retention), or null. */
export function retentionRefusal(policy: LoadedPolicy, days: { imagesAfterDays: number; recordsAfterDays: number }): string | null {
  const minDays = policy.state === 'in-force' ? policy.policy.retention?.minDays : undefined;
  if (minDays === undefined || (days.imagesAfterDays >= minDays && days.recordsAfterDays >= minDays)) return null;
  return `your organisation's policy (${policy.file}) keeps images and records at least ${minDays} days`;
}

/** The terminal's line for a policy file that cannot be used, or null: a command never runs silently in its training-only fallback. */
export const unusablePolicyLine = (policy: LoadedPolicy): string | null =>
  policy.state === 'invalid' ? policyLine({ state: 'invalid', file: policy.file, problem: policy.problem, managed: [] }) : null;

/** One line for the terminal: the policy in force, or why it is unusable (never silent). */
export function policyLine(policy: Pick<PolicyStatus, 'state' | 'file' | 'problem' | 'managed'> | undefined): string | null {
  if (!policy || policy.state === 'none') return null;
  if (policy.state === 'invalid') return `Policy: UNUSABLE, ${policy.file}: ${policy.problem}. The station stays in training mode until it is fixed.`;
  return `Policy: in force, ${policy.file}${policy.managed.length > 0 ? ` (sets ${policy.managed.join(', ')})` : ''}`;
}
