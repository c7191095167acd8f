import { fail, type Result } from '../../../common/result';
import type { AuditForwardStatus, Health, PolicyStatus } from '../../../common/fleet-status';
import { assessHealth, readHealthFacts } from './health';
import { startAuditForwarder, type AuditForwarder } from '../audit-forward/forwarder';
import { openAuditOutbox } from '../audit-forward/outbox';
import type { Logger } from '../logger';
import type { SettingsService } from '../settings';
import type { Store } from '../store/open-store';
import { SettingsPatchSchema } from '../../../common/contract';
import { managedSettings, policyConflict, policyReport, serverAllowed, workflowAllowed } from './managed-settings';
import { loadPolicy, type LoadedPolicy } from './policy-file';

/**
 * The fleet side of a station core, in one place so createStationCore only wires it: the managed
 * policy (settings in force, refused changes, workflows offered) and audit forwarding to the SIEM.
 */
export interface Fleet {
  readonly policy: LoadedPolicy;
  /** The settings service with the policy applied (reads clamped, contradicting writes refused). */
  settings(base: SettingsService): SettingsService;
  /** A launch's --server / PROGENY_BASE_URL, unless the policy does not allow it. */
  serverOverride(override: string | undefined): string | undefined;
  /** A refusal for an operation the policy forbids (a workflow it does not offer), else null. */
  gate(operation: unknown, payload: unknown): Promise<Result<never>> | null;
  /** The store is open: forward its audit log, if the policy names a collector. */
  attachStore(store: Store): void;
  /** An audit entry was appended: forward it soon. */
  audited(): void;
  policyStatus: () => PolicyStatus;
  auditForwardStatus: () => AuditForwardStatus | null;
  /** Health for IT; null while the store is locked. Read at most every HEALTH_CACHE_MS (status goes out often; the queries scan the attempts table). */
  health: () => Health | null;
  close(): Promise<void>;
}

/** Health facts are read from the database at most this often. */
const HEALTH_CACHE_MS = 10_000;

export function setupFleet({ log, policy = loadPolicy() }: { log: Logger; policy?: LoadedPolicy | undefined }): Fleet {
  if (policy.state === 'invalid') log.error('managed policy unusable: the station stays in training mode', { file: policy.file, problem: policy.problem });
  else if (policy.state === 'in-force') log.info('managed policy in force', { file: policy.file });
  const forwardConfig = policy.state === 'in-force' ? policy.policy.auditForward : undefined;
  let forwarder: AuditForwarder | null = null;
  const report = policyReport(policy);
  let managed: SettingsService | null = null;
  let attached: Store | null = null;
  let healthCache: { at: number; value: Health } | null = null;
  return {
    policy,
    settings(base) {
      managed = managedSettings(base, policy);
      return managed;
    },
    serverOverride(override) {
      if (override === undefined || serverAllowed(policy, override)) return override;
      log.warn('server address from the launch ignored: not allowed by the managed policy', { file: policy.file });
      return undefined;
    },
    gate(operation, payload) {
      if (typeof payload !== 'object' || payload === null) return null;
      // Before any approval is asked for: a change the policy forbids is refused whoever approves it.
      if (operation === 'settings:update' && managed) {
        const { approval: _approval, ...patch } = payload as Record<string, unknown>;
        const delta = SettingsPatchSchema.safeParse(patch);
        const conflict = delta.success ? policyConflict(managed.get(), delta.data, policy) : null;
        return conflict ? Promise.resolve(fail('policy-refused', conflict)) : null;
      }
      if (operation !== 'verification:submit') return null;
      const service = (payload as { service?: unknown }).service;
      if (typeof service === 'string' && !workflowAllowed(policy, service))
        return Promise.resolve(fail('policy-refused', `Your organisation's policy (${policy.file}) does not offer this workflow on this station.`));
      return null;
    },
    attachStore(store) {
      attached = store;
      if (!forwardConfig || forwarder) return;
      forwarder = startAuditForwarder({ outbox: openAuditOutbox(store.database), config: forwardConfig, log });
    },
    audited: () => forwarder?.wake(),
    policyStatus: () => report,
    auditForwardStatus() {
      if (!forwardConfig) return null;
      if (!forwarder) return { collector: `${forwardConfig.host}:${forwardConfig.port}`, connected: false, outboxDepth: 0, lastDeliveredAt: null, lastError: 'the station data is locked' };
      const { collector, connected, outboxDepth, lastDeliveredAt, lastError } = forwarder.state();
      return { collector, connected, outboxDepth, lastDeliveredAt, lastError };
    },
    health() {
      if (!attached) return null;
      const now = Date.now();
      if (!healthCache || now - healthCache.at > HEALTH_CACHE_MS) {
        try {
          healthCache = { at: now, value: assessHealth(readHealthFacts(attached.database.db), { policy: report, forwarding: !!forwardConfig, now }) };
        } catch {
          // The store closing under a status read: the last facts stand.
          return healthCache?.value ?? null;
        }
      }
      return healthCache.value;
    },
    close: async () => {
      attached = null;
      await forwarder?.close();
      forwarder = null;
    },
  };
}
