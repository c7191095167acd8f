/**
 * Crash test: 200 verifications queued, the draining process (`station run`) killed with SIGKILL at
 * random moments at least 20 times and restarted each time. At the end every verification has
 * exactly one result, and the server saw a second task only for items the station itself marked
 * "uncertain" (whose resolution, done here as an operator would, is to send them again).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteQueue } from '../../main/core/queue/sqlite-queue';
import { createKeyFile, keyFileWrapper } from '../../main/core/store/keyring';
import { openStore } from '../../main/core/store/open-store';
import { startSandbox } from '../../main/sandbox/sandbox-server';
import { instantEngine } from '../support/instant-engine';

const ITEMS = 200;
const KILLS = 20;
const STATION = resolve(import.meta.dirname, '../../bin/station.mjs');

/**
 * Runs `station run`; with `killAfterMs`, kills it (SIGKILL) that long after it starts sending (its
 * first progress line), so every kill lands in the work however long start-up takes on a busy machine.
 */
function runStation(args: string[], env: NodeJS.ProcessEnv, killAfterMs: number | null): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [STATION, ...args], { env, stdio: ['ignore', 'pipe', 'ignore'] });
    let kill: NodeJS.Timeout | null = null;
    // A run that never starts sending is killed all the same.
    const guard = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      if (killAfterMs !== null && !kill && /queue: .*(submitting|submitted)/.test(chunk.toString())) kill = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.on('exit', (code, signal) => {
      if (kill) clearTimeout(kill);
      if (guard) clearTimeout(guard);
      done({ code, signal });
    });
  });
}

describe('crash recovery under SIGKILL', () => {
  it(`${ITEMS} verifications, ${KILLS} kills: one result each, duplicates only among uncertain items`, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'station-crash-'));
    const keyFile = join(mkdtempSync(join(tmpdir(), 'station-crash-key-')), 'station.key');
    createKeyFile(keyFile);
    const tasksPerItem = new Map<string, number>();
    const sandbox = await startSandbox({
      dataDir: mkdtempSync(join(tmpdir(), 'station-crash-sbx-')),
      analysis: instantEngine,
      taskDurationMs: () => 50 + Math.random() * 250,
      onTaskCreated: (_service, fields) => tasksPerItem.set(fields.fullname!, (tasksPerItem.get(fields.fullname!) ?? 0) + 1),
    });

    const names = new Map<string, string>();
    {
      const store = openStore(dataDir, keyFileWrapper(keyFile));
      const queue = openSqliteQueue(store);
      for (let i = 0; i < ITEMS; i += 1) {
        const fullname = `Crash Item${i}`;
        names.set(queue.enqueue({ service: 'background_check', mode: 'live', operator: 'crash-test', files: {}, fields: { fullname, birth_date: '1990-01-01' } }), fullname);
      }
      store.close();
    }

    // The mode is the operator's setting, not the environment's: these items go to a live server (the sandbox).
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ mode: 'live' }));
    const env = { ...process.env, PROGENY_USERNAME: 'training', PROGENY_PASSWORD: 'training' };
    const args = ['run', '--until-empty', '--concurrency', '4', '--data', dataDir, '--key-file', keyFile, '--server', sandbox.baseUrl];
    const kills: Array<string | null> = [];
    // Kill somewhere in the work that follows the start of sending.
    for (let k = 0; k < KILLS; k += 1) kills.push((await runStation(args, env, 100 + Math.random() * 1200)).signal);
    expect(kills.filter((s) => s === 'SIGKILL').length).toBeGreaterThanOrEqual(KILLS - 2);

    // An operator settles the uncertain items: Progeny shows no task id to the station, so resend.
    const store = openStore(dataDir, keyFileWrapper(keyFile));
    const queue = openSqliteQueue(store);
    // What any start of the station does first: a send the last kill interrupted becomes uncertain.
    // (Without it, such an item turned uncertain only in the final run, after the operator's turn.)
    queue.repository.recoverInterrupted(Date.now());
    const beforeFinal = queue.counts();
    // The kills must have landed mid-work: a good share of the items was finished by the killed runs themselves.
    expect(beforeFinal.done ?? 0).toBeGreaterThan(ITEMS / 5);
    const uncertain = queue.list({ states: ['attention'] }).filter((r) => r.attentionReason === 'uncertain');
    for (const row of uncertain) expect(queue.resolve(row.id, { resend: true }, 'crash-test')).toBe(true);
    store.close();
    expect((await runStation(args, env, null)).code).toBe(0);

    const final = openStore(dataDir, keyFileWrapper(keyFile));
    const finalQueue = openSqliteQueue(final);
    const rows = finalQueue.list({ limit: ITEMS * 2 });
    expect(rows).toHaveLength(ITEMS);
    expect(rows.filter((r) => r.state !== 'done').map((r) => `${r.state}:${r.attentionReason ?? ''}`)).toEqual([]);
    for (const row of rows) expect(finalQueue.result(row.id)?.taskState).toBe('SUCCESS');
    const uncertainNames = new Set(uncertain.map((r) => names.get(r.id)));
    const duplicated = [...tasksPerItem.entries()].filter(([, n]) => n > 1).map(([name]) => name);
    expect(duplicated.filter((name) => !uncertainNames.has(name))).toEqual([]);
    expect([...names.values()].every((name) => (tasksPerItem.get(name) ?? 0) >= 1)).toBe(true);
    expect(final.audit.verify()).toMatchObject({ ok: true });
    console.log(
      `crash test: ${KILLS} runs killed (queue before the last run: ${JSON.stringify(beforeFinal)}), ${uncertain.length} item(s) marked uncertain, ${duplicated.length} of them had reached Progeny before the kill (sent again after resolution)`,
    );
    final.close();
    await sandbox.close();
  }, 240_000);
});
