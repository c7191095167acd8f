import { readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { readImageHeader } from '../../common/analysis/image-header';
import { SubmitRequestSchema } from '../../common/contract';
import { isServiceId, SERVICES, type ServiceId } from '../../common/services/catalog';
import { OPEN_STATES } from '../../common/vocabulary';
import { createConsoleLogger, warningsOnly } from '../core/logger';
import { createProgenyService, resolveProgenyConfig } from '../core/progeny/progeny-service';
import { openPathMemoryFile, SERVICE_PATHS_FILE } from '../core/progeny/service-paths';
import { createDrainer } from '../core/queue/drainer';
import { prepareVerification, type IntakeRequest } from '../core/verification-intake';
import { leaseHolder, openSqliteQueue } from '../core/queue/sqlite-queue';
import { KeyringError } from '../core/store/keyring';
import { StoreOpenError } from '../core/store/database';
import type { Store } from '../core/store/open-store';
import { createKeyFile } from '../core/store/keyring';
import type { CliIo } from './cli';
import { openStationStore, type KeyOptions } from './store-access';
import { startTrainingSandbox } from './training-sandbox';

export interface StoreCommandOptions extends KeyOptions {
  data: string;
  server?: string;
  json?: boolean;
}

import { operatorName } from './operator';

/** Opens the store or explains, in one line, why it cannot be opened (exit 2). */
async function withStore(options: StoreCommandOptions, io: CliIo, run: (store: Store) => Promise<number>): Promise<number> {
  let store: Store;
  try {
    store = await openStationStore(options.data, options);
  } catch (error) {
    if (error instanceof KeyringError || error instanceof StoreOpenError) {
      io.err(`station: ${error.message}`);
      return 2;
    }
    throw error;
  }
  try {
    return await run(store);
  } finally {
    store.close();
  }
}

const pairs = (values: string[] = [], what: string): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const value of values) {
    const at = value.indexOf('=');
    if (at < 1) throw new Error(`${what} must look like name=value, got "${value}"`);
    out[value.slice(0, at)] = value.slice(at + 1);
  }
  return out;
};

const CONTENT_TYPES: Record<string, string> = { '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png' };

/** `station submit <service> --file field=path … --field name=value …`: enqueues; prints the id. */
export async function runSubmit(serviceArg: string, options: StoreCommandOptions & { file?: string[]; field?: string[] }, io: CliIo): Promise<number> {
  if (!isServiceId(serviceArg)) {
    io.err(`station submit: unknown service "${serviceArg}"; one of: ${Object.keys(SERVICES).join(', ')}`);
    return 2;
  }
  const service: ServiceId = serviceArg;
  const definition = SERVICES[service];
  let files: Record<string, string>;
  let fields: Record<string, string>;
  try {
    files = pairs(options.file, '--file');
    fields = pairs(options.field, '--field');
  } catch (error) {
    io.err(`station submit: ${(error as Error).message}`);
    return 2;
  }
  const expectedFiles = definition.files.map((f) => f.name);
  const expectedFields = definition.fields.map((f) => f.name);
  const unknown = [...Object.keys(files).filter((n) => !expectedFiles.includes(n)), ...Object.keys(fields).filter((n) => !expectedFields.includes(n))];
  const missing = [...expectedFiles.filter((n) => !(n in files)), ...expectedFields.filter((n) => !(n in fields))];
  if (unknown.length > 0 || missing.length > 0) {
    io.err(`station submit: ${service} takes files [${expectedFiles.join(', ')}] and fields [${expectedFields.join(', ')}]${missing.length ? `; missing: ${missing.join(', ')}` : ''}${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}`);
    return 2;
  }
  const checkedFields = SubmitRequestSchema.shape.fields.safeParse(fields);
  if (!checkedFields.success) {
    io.err(`station submit: ${checkedFields.error.issues.map((issue) => `--field ${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
    return 2;
  }
  const uploads: IntakeRequest['files'] = {};
  for (const [name, path] of Object.entries(files)) {
    try {
      const bytes = await readFile(path);
      // Labelled by what the bytes are, like the renderer's slots: the intake judges the format itself.
      const format = readImageHeader(bytes).format;
      uploads[name] = { bytes, filename: basename(path), contentType: format === 'png' ? 'image/png' : format === 'jpeg' ? 'image/jpeg' : (CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream') };
    } catch (error) {
      io.err(`station submit: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      return 2;
    }
  }
  const mode = resolveProgenyConfig(options.server ? { server: options.server } : {}).mode;
  // The same intake as the screen's "Submit": Progeny's image requirements are checked here too.
  const prepared = await prepareVerification({ service, files: uploads, fields: checkedFields.data }, { mode, operator: operatorName() });
  if (!prepared.ok) {
    io.err(`station submit: refused: ${prepared.error.message}`);
    return 1;
  }
  const item = prepared.value;
  return withStore(options, io, (store) => {
    const id = openSqliteQueue(store).enqueue(item);
    io.out(options.json ? JSON.stringify({ id, service, mode }) : id);
    return Promise.resolve(0);
  });
}

/** `station run [--until-empty] [--concurrency N]`: drains the queue headless, with progress. */
export async function runDrain(options: StoreCommandOptions & { untilEmpty?: boolean; concurrency?: number }, io: CliIo): Promise<number> {
  const log = warningsOnly(createConsoleLogger('run'));
  return withStore(options, io, async (store) => {
    const queue = openSqliteQueue(store);
    const progeny = createProgenyService({ config: resolveProgenyConfig(options.server ? { server: options.server } : {}), startTraining: () => startTrainingSandbox(options.data, log), log, paths: openPathMemoryFile(join(options.data, SERVICE_PATHS_FILE), log) });
    const drainer = createDrainer({ repo: queue.repository, client: () => progeny.client(), mode: () => progeny.mode, holder: leaseHolder(), concurrency: options.concurrency ?? 2, log });
    const recovered = drainer.recover();
    if (recovered > 0) io.out(`${recovered} verification(s) were interrupted while sending and now wait for a person (uncertain).`);
    const report = () => io.out(`queue: ${Object.entries(queue.counts()).map(([state, n]) => `${state} ${n}`).join(', ') || 'empty'}`);
    let stopping = false;
    const stop = () => (stopping = true);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
      for (;;) {
        const handled = await drainer.drainDue();
        if (handled > 0) report();
        const counts = queue.counts();
        const pending = (counts.ready ?? 0) + (counts.retry ?? 0) + (counts.submitted ?? 0) + (counts.submitting ?? 0);
        if (stopping || (options.untilEmpty && pending === 0)) break;
        if (drainer.paused === 'credentials') {
          io.err('station run: Progeny refused the credentials; fix them and run again.');
          return 1;
        }
        // Offline or nothing due: probe, then wait for the next retry (or a short while).
        if (drainer.paused === 'offline' && (await progeny.probe()) === 'online') drainer.resume();
        const next = queue.nextRetryAt();
        await new Promise((r) => setTimeout(r, Math.min(5_000, Math.max(200, next === null ? 1_000 : next - Date.now()))));
        if (next !== null && next <= Date.now()) drainer.resume();
      }
      report();
      return 0;
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      drainer.release();
      await progeny.close();
    }
  });
}

/** `station queue [--json]`: what is waiting, failed or needs a person. */
export function runQueueList(options: StoreCommandOptions, io: CliIo): Promise<number> {
  return withStore(options, io, (store) => {
    const rows = openSqliteQueue(store).list({ states: OPEN_STATES });
    if (options.json) io.out(JSON.stringify(rows, null, 2));
    else {
      if (rows.length === 0) io.out('The queue is empty.');
      for (const r of rows) io.out(`${r.id}  ${r.service.padEnd(18)} ${r.state.padEnd(10)} attempts ${r.attempts}${r.nextAttemptAt ? `  next ${new Date(r.nextAttemptAt).toISOString()}` : ''}${r.attentionReason ? `  needs attention: ${r.attentionReason}` : ''}${r.errorMessage ? `  (${r.errorMessage})` : ''}`);
    }
    return Promise.resolve(0);
  });
}

/** `station queue resolve <id> (--resend | --task <id>)`. */
export function runResolve(id: string, options: StoreCommandOptions & { resend?: boolean; task?: string }, io: CliIo): Promise<number> {
  if (!options.resend === !options.task) {
    io.err('station queue resolve: say either --resend (Progeny has no task for it) or --task <task id> (it has)');
    return Promise.resolve(2);
  }
  return withStore(options, io, (store) => {
    const ok = openSqliteQueue(store).resolve(id, options.task ? { taskId: options.task } : { resend: true }, operatorName());
    if (!ok) io.err(`station queue resolve: ${id} is not waiting for attention`);
    return Promise.resolve(ok ? 0 : 1);
  });
}

/** `station audit verify`: checks the audit log's keyed hash chain. */
export function runAuditVerify(options: StoreCommandOptions, io: CliIo): Promise<number> {
  return withStore(options, io, (store) => {
    const verdict = store.audit.verify();
    io.out(options.json ? JSON.stringify(verdict) : verdict.ok ? `Audit log intact: ${verdict.entries} entries.` : `AUDIT LOG TAMPERED at entry ${verdict.firstBadSeq}: ${verdict.reason}`);
    return Promise.resolve(verdict.ok ? 0 : 1);
  });
}

/** `station key create <path>`: a new 32-byte key file for --key-file (never overwrites). */
export function runKeyCreate(path: string, io: CliIo): number {
  try {
    createKeyFile(path);
  } catch (error) {
    io.err(`station key create: ${(error as Error).message}`);
    return 1;
  }
  io.out(`Key file written to ${path} (mode 0600). Keep a copy somewhere safe: without it the station data cannot be read.`);
  return 0;
}

/** `station history [--search Q] [--json]`: finished and pending verifications, newest first. */
export async function runHistory(options: StoreCommandOptions & { search?: string; limit?: number; evidence?: string }, io: CliIo): Promise<number> {
  const { openHistory } = await import('../core/history/history');
  return withStore(options, io, async (store) => {
    const history = openHistory(store);
    if (options.evidence) {
      const { exportEvidence } = await import('../core/history/evidence-report');
      const html = exportEvidence(history, store.audit, options.evidence, operatorName());
      if (html === null) {
        io.err(`station history: no verification ${options.evidence}`);
        return 1;
      }
      io.out(html);
      return 0;
    }
    const rows = history.search({ ...(options.search ? { text: options.search } : {}), limit: options.limit ?? 50 });
    if (options.json) io.out(JSON.stringify(rows, null, 2));
    else {
      if (rows.length === 0) io.out(options.search ? 'No verification matches.' : 'No verification yet.');
      for (const r of rows) {
        const who = [r.subject.name, r.subject.documentNumber].filter(Boolean).join(', ') || '-';
        io.out(`${new Date(r.createdAt).toISOString()}  ${r.id}  ${r.mode === 'training' ? 'TRAINING ' : ''}${r.service.padEnd(18)} ${(r.verdict ?? r.state).padEnd(13)} ${who}`);
      }
    }
    return 0;
  });
}

/** `station purge [--images-after D] [--records-after D]` and `station forget --name … | --document …`. */
export async function runRetention(action: 'purge' | 'forget', options: StoreCommandOptions & { imagesAfter?: number; recordsAfter?: number; name?: string; document?: string; birthDate?: string }, io: CliIo): Promise<number> {
  const retention = await import('../core/history/retention');
  return withStore(options, io, (store) => {
    if (action === 'purge') {
      const report = retention.purge(store, {
        imagesAfterDays: options.imagesAfter ?? retention.DEFAULT_RETENTION.imagesAfterDays,
        recordsAfterDays: options.recordsAfter ?? retention.DEFAULT_RETENTION.recordsAfterDays,
        actor: operatorName(),
      });
      io.out(JSON.stringify(report, null, options.json ? 2 : 0));
      return Promise.resolve(0);
    }
    if (!options.name && !options.document) {
      io.err('station forget: say who: --name "<full name>" and/or --document <number>');
      return Promise.resolve(2);
    }
    const report = retention.forgetCustomer(store, { ...(options.name ? { name: options.name } : {}), ...(options.document ? { documentNumber: options.document } : {}), ...(options.birthDate ? { dateOfBirth: options.birthDate } : {}) }, operatorName());
    io.out(JSON.stringify(report, null, options.json ? 2 : 0));
    return Promise.resolve(0);
  });
}
