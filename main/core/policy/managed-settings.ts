import { SettingsPatchSchema, type Settings, type SettingsPatch } from '../../../common/contract';
import type { PolicyStatus } from '../../../common/fleet-status';
import type { SettingsService } from '../settings';
import { managedBy, type LoadedPolicy } from './policy-file';

/** A change the organisation's policy forbids: main answers `policy-refused` with this message. */
export class PolicyRefusal extends Error {
  override readonly name = 'PolicyRefusal';
}

const normaliseUrl = (url: string) => url.replace(/\/+$/, '');
const clamp = (value: number, min: number | undefined, max: number | undefined) => Math.min(max ?? value, Math.max(min ?? value, value));

/** Whether the policy lets the station use this server address (exact address, trailing slash aside). */
export function serverAllowed(loaded: LoadedPolicy, url: string): boolean {
  if (loaded.state !== 'in-force' || !loaded.policy.allowedServers) return true;
  return loaded.policy.allowedServers.some((allowed) => normaliseUrl(allowed) === normaliseUrl(url));
}

/** Whether the policy lets the station offer this workflow. */
export function workflowAllowed(loaded: LoadedPolicy, service: string): boolean {
  if (loaded.state !== 'in-force' || !loaded.policy.workflows) return true;
  return (loaded.policy.workflows as readonly string[]).includes(service);
}

/** The settings in force: the saved ones, fixed or clamped by the policy. An invalid policy keeps training mode. */
export function effectiveSettings(settings: Settings, loaded: LoadedPolicy): Settings {
  if (loaded.state === 'none') return settings;
  if (loaded.state === 'invalid') return { ...settings, mode: 'training' };
  const p = loaded.policy;
  const next: Settings = { ...settings };
  if (p.mode) next.mode = p.mode === 'training-only' ? 'training' : 'live';
  if (p.allowedServers && !serverAllowed(loaded, settings.serverUrl)) next.serverUrl = p.allowedServers[0]!;
  if (p.retention) {
    const { minDays, maxDays } = p.retention;
    next.retention = { imagesDays: clamp(settings.retention.imagesDays, minDays, maxDays), recordsDays: clamp(settings.retention.recordsDays, minDays, maxDays) };
  }
  if (p.idleLockMaxMinutes !== undefined && (settings.idleLockMinutes === 0 || settings.idleLockMinutes > p.idleLockMaxMinutes)) next.idleLockMinutes = p.idleLockMaxMinutes;
  if (p.autoCapture !== undefined) next.autoCapture = p.autoCapture;
  if (p.consent) next.consent = { ...settings.consent, mode: p.consent };
  // Four-eyes: exactly the policy's list (H5's `approvals` setting).
  if (p.approvalRequiredFor) next.approvals = [...p.approvalRequiredFor];
  return next;
}

const SETTING_NAMES: Partial<Record<keyof Settings, string>> = {
  mode: 'the mode',
  serverUrl: 'the server address',
  retention: 'the retention periods',
  idleLockMinutes: 'the idle lock',
  autoCapture: 'automatic capture',
  consent: 'the consent requirement',
  approvals: 'the actions needing approval',
};

/**
 * Why the policy refuses this change, or null. A key the policy fixes may be sent with the value
 * the policy imposes (a form saving everything it shows), never with another one.
 */
export function policyConflict(current: Settings, patch: SettingsPatch, loaded: LoadedPolicy): string | null {
  const merged: Settings = { ...current, ...patch };
  const allowed = effectiveSettings(merged, loaded);
  const refused = (Object.keys(patch) as (keyof Settings)[]).filter((key) => JSON.stringify(allowed[key]) !== JSON.stringify(merged[key]));
  if (refused.length === 0) return null;
  const what = refused.map((key) => SETTING_NAMES[key] ?? key).join(', ');
  return loaded.state === 'invalid'
    ? `The station stays in training mode until its policy file (${loaded.file}) is fixed: ${loaded.problem}.`
    : `${what.charAt(0).toUpperCase()}${what.slice(1)} ${refused.length > 1 ? 'are' : 'is'} set by your organisation's policy (${loaded.file}): the change was refused.`;
}

/** The station's settings with the policy applied: reads are effective settings, contradicting writes throw PolicyRefusal. */
export function managedSettings(base: SettingsService, loaded: LoadedPolicy): SettingsService {
  const get = () => effectiveSettings(base.get(), loaded);
  return {
    get,
    update(patch) {
      const delta = SettingsPatchSchema.parse(patch);
      const conflict = policyConflict(get(), delta, loaded);
      if (conflict) throw new PolicyRefusal(conflict);
      base.update(delta);
      return get();
    },
    get recoveredFrom() {
      return base.recoveredFrom;
    },
  };
}

/** What the renderer, `status:get` and `station status` are told about the policy. */
export function policyReport(loaded: LoadedPolicy): PolicyStatus {
  return {
    state: loaded.state,
    file: loaded.file,
    problem: loaded.state === 'invalid' ? loaded.problem : null,
    managed: managedBy(loaded),
    workflows: loaded.state === 'in-force' ? (loaded.policy.workflows ?? null) : null,
    approvalRequiredFor: loaded.state === 'in-force' ? (loaded.policy.approvalRequiredFor ?? null) : null,
  };
}
