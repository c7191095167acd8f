/**
 * bench/polling: how many task GETs the station's poller spends per verification, and how late it
 * sees results, against the training sandbox with task durations spread over 1–6 s (each service
 * has its own typical duration, ±10 %), next to a naive fixed 1-second poller in the same run.
 *   npx tsx bench/polling.ts
 * The sandbox runs with an instant stand-in engine: this measures scheduling, not image analysis.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_PATHS, isFinalTaskState, SERVICE_IDS, type ServiceId } from '../common/services/catalog';
import { createProgenyClient, type SubmissionInput } from '../main/core/progeny/progeny-client';
import { createProgenyHttp } from '../main/core/progeny/progeny-http';
import { createTokenManager, fixedCredentials, type TokenManager } from '../main/core/progeny/token-manager';
import { startSandbox } from '../main/sandbox/sandbox-server';
import { DEFAULT_TRAINING_USER } from '../main/sandbox/sandbox-types';
import { instantEngine } from '../test/support/instant-engine';

const WARM_UP_ROUNDS = Number(process.env.BENCH_WARMUP ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const TYPICAL_MS: Record<ServiceId, number> = {
  face_liveness: 1000,
  register_face: 1500,
  authenticate_face: 2000,
  background_check: 2500,
  ocr_passport: 3500,
  ocr_card: 4000,
  kyc_passport: 5000,
  kyc_card: 6000,
};

/** Server-side finish time of the task each service created last (one task per service at a time). */
const finishAt = new Map<ServiceId, number>();
const sandbox = await startSandbox({
  dataDir: mkdtempSync(join(tmpdir(), 'station-bench-polling-')),
  analysis: instantEngine,
  taskDurationMs: (service) => {
    const duration = Math.round(TYPICAL_MS[service] * (0.9 + 0.2 * Math.random()));
    finishAt.set(service, Date.now() + duration);
    return duration;
  },
});

const jpeg = { bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xd9]), filename: 'x.jpg', contentType: 'image/jpeg' };
const input = (service: ServiceId): SubmissionInput => {
  if (service === 'background_check') return { files: {}, fields: { fullname: 'Bench Customer', birth_date: '1990-01-01' } };
  if (service === 'authenticate_face') return { files: { image: jpeg }, fields: { uuid: registered } };
  return { files: Object.fromEntries(SERVICE_ID_FILES[service].map((name) => [name, jpeg])) };
};
const SERVICE_ID_FILES: Record<ServiceId, string[]> = {
  face_liveness: ['image'],
  register_face: ['image'],
  authenticate_face: ['image'],
  ocr_card: ['front_id', 'back_id'],
  ocr_passport: ['passport_image'],
  kyc_card: ['selfie_image', 'front_id', 'back_id'],
  kyc_passport: ['selfie_image', 'passport_image'],
  background_check: [],
};
// Scheduling is what is measured: an unregistered id still makes a task (its result says UNKNOWN_UUID).
const registered = '3f1c2e9a-5b7d-4c1e-9a2b-6d8e0f1a2b3c';

interface Sample {
  gets: number;
  delayMs: number;
}
type Poll = (service: ServiceId, taskId: string) => Promise<{ gets: number }>;

async function runRounds(rounds: number, poll: Poll, submit: (s: ServiceId) => Promise<string>): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (let round = 0; round < rounds; round += 1) {
    await Promise.all(
      SERVICE_IDS.map(async (service) => {
        const taskId = await submit(service);
        const finished = finishAt.get(service)!;
        const { gets } = await poll(service, taskId);
        samples.push({ gets, delayMs: Date.now() - finished });
      }),
    );
  }
  return samples;
}

function newTokens(): { tokens: TokenManager; http: ReturnType<typeof createProgenyHttp> } {
  const http = createProgenyHttp({ baseUrl: sandbox.baseUrl });
  return { http, tokens: createTokenManager({ http, credentials: fixedCredentials(DEFAULT_TRAINING_USER) }) };
}

// The station's poller.
const station = newTokens();
const client = createProgenyClient(station);
const submit = async (service: ServiceId) => {
  const outcome = await client.submit(service, input(service));
  if (outcome.kind !== 'submitted') throw new Error(`${service}: ${outcome.kind}`);
  return outcome.taskId;
};
const adaptivePoll: Poll = async (service, taskId) => {
  const outcome = await client.poll(service, taskId);
  return { gets: outcome.polls };
};
await runRounds(WARM_UP_ROUNDS, adaptivePoll, submit);
const adaptive = await runRounds(ROUNDS, adaptivePoll, submit);

// A naive poller: a GET every second until the task is final.
const naiveTokens = newTokens();
const naivePoll: Poll = async (_service, taskId) => {
  for (let gets = 1; ; gets += 1) {
    await new Promise((r) => setTimeout(r, 1000));
    const response = await naiveTokens.http({ method: 'GET', path: API_PATHS.task, query: { id: taskId }, accessToken: await naiveTokens.tokens.accessToken() });
    if (isFinalTaskState((response.body as { status?: string }).status)) return { gets };
  }
};
const naive = await runRounds(ROUNDS, naivePoll, submit);
await sandbox.close();

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const row = (name: string, s: Sample[]) =>
  `${name.padEnd(22)} ${mean(s.map((x) => x.gets))
    .toFixed(2)
    .padStart(6)}   ${mean(s.map((x) => x.delayMs))
    .toFixed(0)
    .padStart(6)} ms   ${Math.max(...s.map((x) => x.delayMs))
    .toFixed(0)
    .padStart(6)} ms`;
console.log(
  `bench/polling: ${SERVICE_IDS.length} services with typical durations 1–6 s (±10 %), ${ROUNDS} measured rounds (${adaptive.length} tasks per poller), ${WARM_UP_ROUNDS} warm-up rounds for learning`,
);
console.log(`poller                 GETs/task   mean delay   worst delay`);
console.log(row('station (adaptive)', adaptive));
console.log(row('naive (every 1 s)', naive));
const a = { gets: mean(adaptive.map((x) => x.gets)), delay: mean(adaptive.map((x) => x.delayMs)) };
const n = { gets: mean(naive.map((x) => x.gets)), delay: mean(naive.map((x) => x.delayMs)) };
console.log(`ratio station/naive: GETs ${(a.gets / n.gets).toFixed(2)}x, delay ${(a.delay / n.delay).toFixed(2)}x`);
console.log(
  `targets: ≤ 2.5 GETs per task: ${a.gets <= 2.5 ? 'met' : 'NOT met'}; ≤ 300 ms mean delay: ${a.delay <= 300 ? 'met' : 'NOT met'}; both better than naive: ${a.gets < n.gets && a.delay < n.delay ? 'met' : 'NOT met'}`,
);
