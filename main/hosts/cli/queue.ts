/** `station submit`, `station run`, `station queue` and `station queue resolve`. */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { readImageHeader } from '../../../common/analysis/image-header';
import { SubmitRequestSchema } from '../../../common/contract';
import { isServiceId, SERVICES, type ServiceId } from '../../../common/services/catalog';
import { OPEN_STATES, WAITING_STATES } from '../../../common/vocabulary';
import { openSqliteQueue } from '../../core/queue/sqlite-queue';
import { commandSettings, policyLine, unusablePolicyLine, workflowRefusal } from '../../core/policy/command-policy';
import { prepareVerification, type IntakeRequest } from '../../core/verification-intake';
import { operatorName } from '../operator';
import { checkServerEnvironment, parsePositive, type CliContext, type CliIo } from './cli-io';
import { commandLog, storeOptions, withDataDir, withStation, withStore, type StoreCommandOptions } from './store-command';

export function addQueueCommands(program: Command, { io, exit }: CliContext): void {
  storeOptions(checkServerEnvironment(program.command('submit')).description('queue a verification; prints its id').argument('<service>', 'a Progeny service, e.g. kyc_passport'))
    .option('--file <field=path...>', "an image for one of the service's file fields")
    .option('--field <name=value...>', 'a text field, e.g. fullname=…')
    .option('--json', 'print JSON')
    .action(async (service: string, options: { data?: string; keyFile?: string; server?: string; file?: string[]; field?: string[]; json?: boolean }) =>
      exit(await runSubmit(service, withDataDir(options), io)),
    );
  storeOptions(checkServerEnvironment(program.command('run')).description('send queued verifications and collect their results (headless), in the mode saved in Settings'))
    .option('--until-empty', 'stop once nothing is left to send or collect')
    .option('--concurrency <n>', 'verifications in flight at once (default 2)', parsePositive)
    .action(async (options: { data?: string; keyFile?: string; server?: string; untilEmpty?: boolean; concurrency?: number }) => exit(await runDrain(withDataDir(options), io)));
  const queueCommand = storeOptions(program.command('queue').description('list what is waiting, retrying or needs a person'))
    .option('--json', 'print JSON')
    .action(async (options: { data?: string; keyFile?: string; json?: boolean }) => exit(await runQueueList(withDataDir(options), io)));
  storeOptions(queueCommand.command('resolve').description('settle a verification that needs attention').argument('<id>'))
    .option('--resend', 'Progeny has no task for it: send it again')
    .option('--task <taskId>', 'Progeny has its task: collect that result')
    .action(async (id: string, options: { data?: string; keyFile?: string; resend?: boolean; task?: string }) => exit(await runResolve(id, withDataDir(options), io)));
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

/**
 * What the bytes are, never what the file name says (like the screen's image slots): a JPEG or PNG
 * is labelled as one, anything else as unknown bytes, which the intake then refuses by its content.
 */
const contentTypeOf = (bytes: Uint8Array): string => {
  const format = readImageHeader(bytes).format;
  return format === 'jpeg' || format === 'png' ? `image/${format}` : 'application/octet-stream';
};

/**
 * `station submit <service> --file field=path … --field name=value …`: enqueues; prints the id.
 * The same intake as the screen's Submit (prepareVerification: Progeny's image requirements judged
 * from the bytes), in the mode saved in Settings. Nothing is sent: `station run` or a running station does that.
 */
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
    io.err(
      `station submit: ${service} takes files [${expectedFiles.join(', ')}] and fields [${expectedFields.join(', ')}]${missing.length ? `; missing: ${missing.join(', ')}` : ''}${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}`,
    );
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
      uploads[name] = { bytes, filename: basename(path), contentType: contentTypeOf(bytes) };
    } catch (error) {
      io.err(`station submit: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      return 2;
    }
  }
  // The organisation's policy: the mode in force, and only the workflows it offers.
  const {
    settings: { mode },
    policy,
  } = commandSettings(options.data, commandLog('submit', io));
  const unusable = unusablePolicyLine(policy);
  if (unusable) io.err(`station submit: ${unusable}`);
  const refusal = workflowRefusal(policy, service);
  if (refusal) {
    io.err(`station submit: refused: ${refusal}`);
    return 2;
  }
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

/** The states `station run --until-empty` waits out: the station is still sending or collecting them. */
const MOVING_STATES = WAITING_STATES.filter((state) => state !== 'draft');

/**
 * `station run [--until-empty] [--concurrency N]`: the station's own queue service (the one the
 * desktop and web stations run), headless, with progress lines; mode and server from Settings.
 */
export function runDrain(options: StoreCommandOptions & { untilEmpty?: boolean; concurrency?: number }, io: CliIo): Promise<number> {
  return withStation(options, io, { queue: options.concurrency ? { concurrency: options.concurrency } : {} }, async (core) => {
    const service = core.queue;
    if (!service) throw new Error('the queue service did not start');
    const policy = core.status.get().policy;
    if (policy?.state === 'invalid') io.err(`station run: ${policyLine(policy)}`);
    const counts = () => service.queue.counts();
    const report = () =>
      io.out(
        `queue: ${
          Object.entries(counts())
            .map(([state, n]) => `${state} ${n}`)
            .join(', ') || 'empty'
        }`,
      );
    const stopProgress = core.bus.on('queue:changed', report);
    let stopping = false;
    const stop = () => (stopping = true);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
      for (;;) {
        const moving = MOVING_STATES.reduce((sum, state) => sum + (counts()[state] ?? 0), 0);
        if (stopping || (options.untilEmpty && moving === 0)) break;
        if (service.drainer.paused === 'credentials') {
          io.err('station run: Progeny refused the credentials; fix them and run again.');
          return 1;
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      report();
      return 0;
    } finally {
      stopProgress();
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
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
      for (const r of rows)
        io.out(
          `${r.id}  ${r.service.padEnd(18)} ${r.state.padEnd(10)} attempts ${r.attempts}${r.nextAttemptAt ? `  next ${new Date(r.nextAttemptAt).toISOString()}` : ''}${r.attentionReason ? `  needs attention: ${r.attentionReason}` : ''}${r.errorMessage ? `  (${r.errorMessage})` : ''}`,
        );
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
