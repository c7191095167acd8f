/**
 * `station sandbox --quirks`: the alternatives the documentation leaves open, each served on demand
 * so a client can be tested against every reading a real Progeny server might take. The plain
 * sandbox serves the primary reading of the docs (progeny-api-spec.ts); each quirk below is a
 * spelling, status or type that the docs show elsewhere, contradict, or leave unsaid (see
 * docs/progeny-api.md). Names are stable: scripts and the CLI help use them.
 */
import type { TaskEnvelope } from './sandbox-tasks';

export const SANDBOX_QUIRKS = {
  'liveness-path': "face_liveness is served at /services/liveness/ (the legacy liveness page's name); /services/face_liveness/ answers 404",
  'register-face-no-slash': "register_face is served at /services/register_face (the spelling of that page's POST line); with the slash it answers 404",
  'slash-redirect': 'every API path is served without its trailing slash; the documented spelling answers 308 Permanent Redirect to it (same origin, method and body kept)',
  'pending-202': 'a task GET answers HTTP 202 (not 200) while the task is not finished',
  'failed-task-400': "a task GET answers HTTP 400, with the whole envelope as its body, when the finished task's result.status is 400",
  'lowercase-states': 'task states in lower case (pending, started, success, failure)',
  'celery-states': "unfinished tasks also report Celery's RECEIVED and RETRY states, not only PENDING and STARTED",
  'string-ids': 'the task envelope\'s id is a string ("2158"), not a number',
  'string-booleans': 'every boolean in a result is text as Python prints it: "True" / "False"',
  'check-objects': 'kyc results\' compare and liveness are objects {"result": …} (like authentication), not bare booleans',
  'refresh-without-rotation': 'a token refresh answers {"access"} only, without a new refresh token; the refresh token stays valid',
  'unknown-task-pending': 'an unknown task id answers PENDING forever (as Celery does), not 404',
} as const;

export type SandboxQuirk = keyof typeof SANDBOX_QUIRKS;
export const ALL_QUIRKS = Object.keys(SANDBOX_QUIRKS) as SandboxQuirk[];
export const isSandboxQuirk = (value: string): value is SandboxQuirk => Object.hasOwn(SANDBOX_QUIRKS, value);

/**
 * `--quirks` → the quirks it names: no value (or "all") means every quirk, otherwise a
 * comma-separated list of names. Unknown names are an error naming them and the valid ones.
 */
export function parseQuirks(value: string | true): { ok: true; quirks: SandboxQuirk[] } | { ok: false; problem: string } {
  if (value === true || value.trim() === 'all') return { ok: true, quirks: [...ALL_QUIRKS] };
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !isSandboxQuirk(name));
  if (names.length === 0 || unknown.length > 0) {
    return { ok: false, problem: `--quirks takes "all" or names from: ${ALL_QUIRKS.join(', ')}${unknown.length > 0 ? ` (unknown: ${unknown.join(', ')})` : ''}` };
  }
  return { ok: true, quirks: [...new Set(names)] as SandboxQuirk[] };
}

/** The help text listing every quirk, one per line, for `station sandbox --help`. */
export function quirksHelp(): string {
  const width = Math.max(...ALL_QUIRKS.map((name) => name.length));
  return ['Quirks (--quirks serves all of them; --quirks a,b only those):', ...ALL_QUIRKS.map((name) => `  ${name.padEnd(width)}  ${SANDBOX_QUIRKS[name]}`)].join('\n');
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

const pythonBooleans = (value: unknown): unknown => {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (Array.isArray(value)) return value.map(pythonBooleans);
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, pythonBooleans(inner)]));
  return value;
};

/** Bare-boolean checks become `{result: …}` blocks, the documented shape of `authentication`. */
function checkObjects(data: Json): Json {
  const out = { ...data };
  for (const check of ['compare', 'liveness']) if (typeof out[check] === 'boolean') out[check] = { result: out[check] };
  return out;
}

const CELERY_WAITING = ['PENDING', 'RECEIVED', 'STARTED', 'RETRY'] as const;

export interface TaskReply {
  status: number;
  body: unknown;
}

/**
 * The answer to a task GET: the envelope and HTTP status the plain sandbox gives (200), rewritten by
 * the quirks that concern tasks. `progress` is the share (0..1) of the task's duration elapsed, for
 * the `celery-states` timeline.
 */
export function taskReply(envelope: TaskEnvelope, quirks: ReadonlySet<SandboxQuirk>, progress: number): TaskReply {
  const finished = envelope.status === 'SUCCESS' || envelope.status === 'FAILURE';
  let state: string = envelope.status;
  if (!finished && quirks.has('celery-states')) state = CELERY_WAITING[Math.min(CELERY_WAITING.length - 1, Math.max(0, Math.floor(progress * CELERY_WAITING.length)))]!;
  if (quirks.has('lowercase-states')) state = state.toLowerCase();

  const carried: unknown = envelope.result;
  let result = carried;
  if (envelope.status === 'SUCCESS' && isObject(result) && isObject(result.data)) {
    let data = result.data;
    if (quirks.has('check-objects')) data = checkObjects(data);
    if (quirks.has('string-booleans')) data = pythonBooleans(data) as Json;
    result = { ...result, data };
  }
  const body = { id: quirks.has('string-ids') ? String(envelope.id) : envelope.id, status: state, result };

  let status = 200;
  if (!finished && quirks.has('pending-202')) status = 202;
  if (envelope.status === 'SUCCESS' && quirks.has('failed-task-400') && isObject(carried) && carried.status === 400) status = 400;
  return { status, body };
}

/** `unknown-task-pending`: Celery's answer for an id it never saw, in the quirks' spelling. */
export function unknownTaskReply(id: string, quirks: ReadonlySet<SandboxQuirk>): TaskReply {
  return { status: quirks.has('pending-202') ? 202 : 200, body: { id, status: quirks.has('lowercase-states') ? 'pending' : 'PENDING', result: null } };
}
