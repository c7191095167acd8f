/**
 * `station status [--json]`: the station's health for IT and monitoring scripts, read without the
 * data key (plain database columns only): version, mode, queue by state, the oldest unsent item,
 * the last Progeny success, audit forwarding to the SIEM, and the policy in force or its problem.
 * Exit codes: 0 healthy, 1 degraded (work waiting for a person or for long, audit not reaching the
 * SIEM), 2 broken (the policy file cannot be used, no station data at that folder).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Command } from 'commander';
import { HEALTH_LEVELS, type Health } from '../../../common/fleet-status';
import { commandSettings, policyLine } from '../../core/policy/command-policy';
import { assessHealth, readHealthFacts, type HealthFacts } from '../../core/policy/health';
import { policyReport } from '../../core/policy/managed-settings';
import { loadPolicy } from '../../core/policy/policy-file';
import { APP_NAME, APP_VERSION } from '../../core/station-core';
import { DATABASE_FILE } from '../../core/store/open-store';
import { dataDirOf, type CliContext, type CliIo } from './cli-io';
import { commandLog } from './store-command';

export function addStatusCommand(program: Command, { io, exit }: CliContext): void {
  program
    .command('status')
    .description(
      'health for IT and monitoring, without the data key: version, mode, queue, last Progeny success, audit forwarding, policy (exit 0: healthy; 1: degraded; 2: broken or the policy file is unusable)',
    )
    .option('--data <dir>', 'data folder (default: $STATION_DATA_DIR or the per-user folder)')
    .option('--json', 'print one JSON object')
    .action((options: { data?: string; json?: boolean }) => exit(runStatus({ data: dataDirOf(options.data), json: !!options.json }, io)));
}

const iso = (at: number | null) => (at === null ? 'never' : new Date(at).toISOString());

export function runStatus(options: { data: string; json: boolean }, io: CliIo): number {
  const loaded = loadPolicy();
  const policy = policyReport(loaded);
  const forward = loaded.state === 'in-force' ? loaded.policy.auditForward : undefined;
  const exists = existsSync(options.data);
  // Never creates the data folder or its settings: a status read changes nothing.
  const mode = exists ? commandSettings(options.data, commandLog('status', io), loaded).settings.mode : loaded.state === 'in-force' && loaded.policy.mode === 'live-only' ? 'live' : 'training';
  let facts: HealthFacts | null = null;
  let health: Health;
  const databaseFile = join(options.data, DATABASE_FILE);
  if (exists && existsSync(databaseFile)) {
    const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
    try {
      facts = readHealthFacts(db);
    } finally {
      db.close();
    }
  }
  health = assessHealth(facts, { policy, forwarding: !!forward });
  if (!exists) health = { ...health, level: 'broken', reasons: [`no station data folder at ${options.data}`, ...health.reasons] };
  const auditForward = forward
    ? {
        collector: `${forward.host}:${forward.port}`,
        tls: !!forward.tls,
        forwardedSeq: health.audit.forwardedSeq,
        lastForwardAt: health.audit.forwardedAt,
        outboxDepth: health.audit.newestSeq - (health.audit.forwardedSeq ?? 0),
      }
    : null;
  const report = { name: APP_NAME, version: APP_VERSION, dataDir: options.data, ...health, mode, policy, auditForward };

  if (options.json) io.out(JSON.stringify(report, null, 2));
  else {
    io.out(`${APP_NAME} ${APP_VERSION}: ${health.level.toUpperCase()}`);
    io.out(`Data folder: ${options.data}`);
    io.out(`Mode: ${mode}`);
    io.out(policyLine(policy) ?? `Policy: none (${policy.file})`);
    const queue = Object.entries(health.queue)
      .map(([state, n]) => `${state} ${n}`)
      .join(', ');
    io.out(`Queue: ${facts ? queue || 'empty' : 'no station data yet'}${health.oldestUnsentAt !== null ? `; oldest unsent queued ${iso(health.oldestUnsentAt)}` : ''}`);
    io.out(`Last Progeny success: ${iso(health.lastProgenyOkAt)}`);
    io.out(
      auditForward
        ? `Audit forwarding to ${auditForward.collector}${auditForward.tls ? ' (TLS)' : ''}: ${auditForward.outboxDepth} waiting, last delivered ${iso(auditForward.lastForwardAt)}`
        : 'Audit forwarding: off',
    );
    for (const reason of health.reasons) io.out(`- ${reason}`);
  }
  return HEALTH_LEVELS.indexOf(health.level);
}
