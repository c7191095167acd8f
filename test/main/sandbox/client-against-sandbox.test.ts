/**
 * The station's client, driven by its own catalog (paths, multipart names, image roles, text fields,
 * extend_data), against the sandbox written from the docs, over real loopback HTTP with the real
 * analysis engine:
 * 1. every service reaches a final result with the verdict its images deserve, and a deliberate
 *    catalog mistake is refused, which no run could show while the sandbox read the catalog;
 * 2. `--quirks` (every documented alternative at once) gives the same verdicts, checks and issue codes
 *    as the plain run; when it does not, each quirk is run alone on the scenarios that differed and
 *    the failure names the quirks the client does not survive.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImageRole } from '../../../common/analysis/check';
import { SERVICES, type ServiceId } from '../../../common/services/catalog';
import { createProgenyClient, type ProgenyClient, type SubmissionInput } from '../../../main/core/progeny/progeny-client';
import { createProgenyHttp } from '../../../main/core/progeny/progeny-http';
import { createTokenManager, fixedCredentials } from '../../../main/core/progeny/token-manager';
import { ALL_QUIRKS, type SandboxQuirk } from '../../../main/sandbox/sandbox-quirks';
import { startSandbox } from '../../../main/sandbox/sandbox-server';
import { DEFAULT_TRAINING_USER, type Sandbox } from '../../../main/sandbox/sandbox-types';
import { fixture, nodeAnalysis } from '../analysis/analysis-env';

afterAll(async () => (await nodeAnalysis()).close());

/** A state the client cannot read must not poll for 10 minutes here. */
const POLL_DEADLINE_MS = 45_000;

interface Scenario {
  name: string;
  service: ServiceId;
  /** Images by role; the rest from DEFAULT_IMAGES. */
  images?: Partial<Record<ImageRole, string>>;
  /** For a `uuid` text field: the face registered earlier in the run, or one never registered. */
  uuid?: 'registered' | 'unknown';
  /** What the images deserve, on the plain sandbox. */
  verdict: 'verified' | 'not-verified';
}

const DEFAULT_IMAGES: Record<ImageRole, string> = { selfie: 'selfie-good-a.jpg', id_front: 'id-front-good.jpg', id_back: 'id-back-1.jpg', passport: 'passport-1-1400.jpg' };

/** register_face runs first: authenticate_face needs its uuid. Failures are here for the quirks that only show on them. */
const SCENARIOS: Scenario[] = [
  { name: 'register_face', service: 'register_face', verdict: 'verified' },
  { name: 'face_liveness', service: 'face_liveness', verdict: 'verified' },
  { name: 'face_liveness, face too small (result.status 400)', service: 'face_liveness', images: { selfie: 'selfie-face-150.jpg' }, verdict: 'not-verified' },
  { name: 'authenticate_face', service: 'authenticate_face', images: { selfie: 'selfie-mirrored.jpg' }, uuid: 'registered', verdict: 'verified' },
  { name: 'authenticate_face, unknown uuid (result.status 400)', service: 'authenticate_face', uuid: 'unknown', verdict: 'not-verified' },
  { name: 'ocr_card', service: 'ocr_card', verdict: 'verified' },
  { name: 'ocr_passport', service: 'ocr_passport', verdict: 'verified' },
  { name: 'kyc_card', service: 'kyc_card', images: { selfie: 'selfie-good-b.jpg' }, verdict: 'verified' },
  { name: 'kyc_passport', service: 'kyc_passport', verdict: 'verified' },
  { name: 'kyc_passport, someone else', service: 'kyc_passport', images: { selfie: 'selfie-good-c.png' }, verdict: 'not-verified' },
  { name: 'background_check', service: 'background_check', verdict: 'verified' },
];

const contentType = (name: string) => (name.endsWith('.png') ? 'image/png' : 'image/jpeg');

/** The inputs as the station builds them: one file per catalog file field, by its role; text fields by kind. */
function inputsFor(scenario: Scenario, registeredUuid: string): SubmissionInput {
  const definition = SERVICES[scenario.service];
  const files: SubmissionInput['files'] = {};
  for (const { name, role } of definition.files) {
    const file = scenario.images?.[role] ?? DEFAULT_IMAGES[role];
    files[name] = { bytes: fixture(file), filename: file, contentType: contentType(file) };
  }
  const fields: Record<string, string> = {};
  for (const { name, kind } of definition.fields) {
    if (kind === 'uuid') fields[name] = scenario.uuid === 'unknown' ? '6f1c2a9e-1111-4222-8333-944455556666' : registeredUuid;
    else if (kind === 'date') fields[name] = '1983-08-12';
    else fields[name] = 'Erika Mustermann';
  }
  return { files, fields };
}

/** One line per scenario: the verdict, each check and the issue codes, or how it failed. */
async function runScenario(client: ProgenyClient, scenario: Scenario, registeredUuid: string): Promise<{ summary: string; uuid: string | null }> {
  const submitted = await client.submit(scenario.service, inputsFor(scenario, registeredUuid));
  if (submitted.kind !== 'submitted') {
    const fields = submitted.kind === 'rejected' ? ` ${JSON.stringify(submitted.fields)}` : '';
    return { summary: `submit ${submitted.kind}: ${submitted.error.kind} (HTTP ${submitted.error.details.status ?? '-'})${fields}`, uuid: null };
  }
  const polled = await client.poll(scenario.service, submitted.taskId);
  if (polled.kind !== 'done') return { summary: `poll ${polled.kind}${'error' in polled ? `: ${polled.error.kind} (HTTP ${polled.error.details.status ?? '-'})` : ''}`, uuid: null };
  const { result } = polled;
  const checks = Object.entries(result.checks)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([check, value]) => `${check}=${String(value)}`)
    .join(' ');
  const codes = [...new Set(result.issues.map((issue) => `${issue.check}:${issue.code}`))].sort().join(' ');
  return { summary: `${result.verdict} | ${checks}${codes ? ` | ${codes}` : ''}`, uuid: result.registration?.uuid ?? null };
}

interface Run {
  summaries: Record<string, string>;
  sandbox: Sandbox;
}

/** Runs `scenarios` through a fresh client against a fresh sandbox serving `quirks`. */
async function run(quirks: readonly SandboxQuirk[], scenarios: readonly Scenario[] = SCENARIOS): Promise<Run> {
  const sandbox = await startSandbox({ dataDir: mkdtempSync(join(tmpdir(), 'client-sandbox-')), analysis: await nodeAnalysis(), taskDurationMs: 300, quirks });
  try {
    const http = createProgenyHttp({ baseUrl: sandbox.baseUrl });
    const tokens = createTokenManager({ http, credentials: fixedCredentials(DEFAULT_TRAINING_USER) });
    const client = createProgenyClient({ http, tokens, pollDeadlineMs: POLL_DEADLINE_MS });
    // The access token is dropped as a 401 would drop it, so the next call refreshes: deterministic
    // refreshes (a short token lifetime would race the engine, which blocks this process's event loop).
    const forceRefresh = async () => {
      try {
        tokens.rejected(await tokens.accessToken());
      } catch {
        // No session at all: every scenario's summary says how it failed.
      }
    };
    const summaries: Record<string, string> = {};
    let registeredUuid = '00000000-0000-4000-8000-000000000000';
    const [first, ...rest] = scenarios;
    if (first?.service === 'register_face') {
      const registered = await runScenario(client, first, registeredUuid);
      summaries[first.name] = registered.summary;
      if (registered.uuid) registeredUuid = registered.uuid;
    } else if (first) rest.unshift(first);
    await forceRefresh();
    await Promise.all(
      rest.map(async (scenario, index) => {
        // A second refresh mid-run: with a refresh answer that carries no new refresh token, the
        // client must still hold a usable one.
        if (index === Math.floor(rest.length / 2)) await forceRefresh();
        summaries[scenario.name] = (await runScenario(client, scenario, registeredUuid)).summary;
      }),
    );
    return { summaries, sandbox };
  } finally {
    await sandbox.close();
  }
}

/** Every field of the catalog entry is restored after `body`, whatever happens. */
async function withCatalogChange<T>(service: ServiceId, change: Record<string, unknown>, body: () => Promise<T>): Promise<T> {
  const entry = SERVICES[service] as unknown as Record<string, unknown>;
  const saved = Object.fromEntries(Object.keys(change).map((key) => [key, entry[key]]));
  Object.assign(entry, change);
  try {
    return await body();
  } finally {
    Object.assign(entry, saved);
  }
}

const scenario = (name: string) => SCENARIOS.find((s) => s.name === name)!;

let plain: Run | null = null;
const plainRun = async () => (plain ??= await run([]));

describe("the client's catalog against the sandbox written from the docs", () => {
  it('submits every service with valid inputs and reaches the verdict its images deserve', { timeout: 90_000 }, async () => {
    const { summaries, sandbox } = await plainRun();
    const verdicts = Object.fromEntries(Object.entries(summaries).map(([name, summary]) => [name, summary.split(' | ')[0]]));
    expect(verdicts, JSON.stringify(summaries, null, 2)).toEqual(Object.fromEntries(SCENARIOS.map((s) => [s.name, s.verdict])));
    for (const service of Object.keys(SERVICES) as ServiceId[]) expect(sandbox.stats.posts[service], service).toBeGreaterThan(0);
    expect(sandbox.stats.refreshes).toBe(2);
  });

  // Each row is a plausible catalog mistake; the sandbox, reading the docs, must refuse it.
  it.each([
    { mistake: 'a misspelled path', service: 'kyc_card' as const, change: { path: '/services/kyc-card/', alternativePaths: [] }, expected: /^submit refused: client-error \(HTTP 404\)/ },
    {
      mistake: 'a wrong multipart name for the image',
      service: 'face_liveness' as const,
      change: { files: [{ name: 'selfie', role: 'selfie' }] },
      expected: /^submit rejected: validation \(HTTP 400\) \{"image":\["No file was submitted\."\]\}$/,
    },
    {
      mistake: 'a wrong text field name',
      service: 'background_check' as const,
      change: {
        fields: [
          { name: 'fullname', kind: 'text' },
          { name: 'date_of_birth', kind: 'date' },
        ],
      },
      expected: /^submit rejected: validation \(HTTP 400\) \{"birth_date":\["This field is required\."\]\}$/,
    },
    {
      mistake: "no extend_data where the docs' 400 example requires it",
      service: 'ocr_passport' as const,
      change: { takesExtendData: false },
      expected: /^submit rejected: validation \(HTTP 400\) \{"extend_data":\["This field is required\."\]\}$/,
    },
    {
      mistake: "the selfie and the passport page under each other's names",
      service: 'kyc_passport' as const,
      change: {
        files: [
          { name: 'selfie_image', role: 'passport' },
          { name: 'passport_image', role: 'selfie' },
        ],
      },
      expected: /^not-verified \| /,
    },
  ])('refuses a catalog with $mistake ($service)', { timeout: 60_000 }, async ({ service, change, expected }) => {
    const { summaries } = await withCatalogChange(service, change, () => run([], [scenario(service)]));
    expect(summaries[service]).toMatch(expected);
  });
});

describe('the client against station sandbox --quirks', () => {
  it('reaches the same verdicts, checks and issues with every documented alternative served at once', { timeout: 300_000 }, async () => {
    const expected = (await plainRun()).summaries;
    const quirky = await run(ALL_QUIRKS);
    expect.soft(quirky.sandbox.stats.refreshes, 'refreshes during the quirky run').toBe(2);
    const differing = SCENARIOS.filter((s) => quirky.summaries[s.name] !== expected[s.name]);
    if (differing.length === 0) return;
    // Name the culprits: each quirk alone, on the scenarios that differed (register_face first when
    // authenticate_face needs it).
    const retry = differing.some((s) => s.uuid === 'registered') && !differing.includes(SCENARIOS[0]!) ? [SCENARIOS[0]!, ...differing] : differing;
    const culprits: string[] = [];
    for (const quirk of ALL_QUIRKS) {
      const alone = await run([quirk], retry);
      const broken = differing.filter((s) => alone.summaries[s.name] !== expected[s.name]).map((s) => `${s.name}: ${alone.summaries[s.name]}`);
      if (broken.length > 0) culprits.push(`${quirk} → ${broken.join('; ')}`);
    }
    expect.soft(culprits, 'quirks the client does not survive (each alone)').toEqual([]);
    expect(quirky.summaries).toEqual(expected);
  });
});
