import { API_PATHS, readTaskState, SERVICES, type ServiceId } from '../../../common/services/catalog';
import { fieldErrors, normaliseTaskResult, type NormalisedResult } from '../../../common/services/result-model';
import { backoffStep, createDurationHistory, plannedPolls, type DurationHistory } from './poll-schedule';
import { isProgenyError, ProgenyError, retryAfterMs } from './progeny-error';
import type { HttpResponse, ProgenyHttp, UploadFile } from './progeny-http';
import { pathsToTry } from './service-paths';
import type { TokenManager } from './token-manager';

export interface SubmissionInput {
  /** Keyed by the catalog's multipart field names (image, selfie_image, front_id…). */
  files: Record<string, UploadFile>;
  fields?: Record<string, string>;
}

export interface SubmitOptions {
  /** Ask for the provider's raw response too (operator option); always sent explicitly. */
  extendData?: boolean;
  signal?: AbortSignal;
  onUploadProgress?: (sent: number, total: number | undefined) => void;
}

export type SubmitOutcome =
  | { kind: 'submitted'; taskId: string }
  /** Progeny refused the inputs (400): field → messages, to show on the form. */
  | { kind: 'rejected'; fields: Record<string, string[]>; error: ProgenyError }
  /** Refused outright (a 4xx other than 400 and 429): certainly no task; `error.kind` 'auth' when the account may not do this. */
  | { kind: 'refused'; error: ProgenyError }
  /** The POST may have created a task: never resend automatically, a person must decide. */
  | { kind: 'uncertain'; error: ProgenyError }
  /** Certainly not created: `error.retry` says whether to retry automatically. */
  | { kind: 'failed'; error: ProgenyError };

export type PollOutcome =
  | { kind: 'done'; result: NormalisedResult; durationMs: number; polls: number }
  | { kind: 'unknown-task'; error: ProgenyError; polls: number }
  /** The total deadline passed: the task may still finish; it waits for the operator. */
  | { kind: 'waiting'; polls: number }
  | { kind: 'failed'; error: ProgenyError; polls: number };

export interface ClientOptions {
  http: ProgenyHttp;
  tokens: TokenManager;
  history?: DurationHistory;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  /** Stop polling after this long and hand the task to the operator (default 10 minutes). */
  pollDeadlineMs?: number;
  /**
   * How long a task state this station does not know (or no state) is taken for "still running"
   * before the answer is read as it stands: a result that needs review, saying which state came
   * back, rather than silent polling up to the deadline (default 2 minutes).
   */
  unfamiliarStateLimitMs?: number;
  /** Which spelling of each service path this server answers (service-paths.ts); default: the primary, then the alternative, unremembered. */
  servicePaths?: ServerPaths;
}

/** The service-path memory of one server. */
export interface ServerPaths {
  get(service: ServiceId): string | null;
  remember(service: ServiceId, path: string): void;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
/** A task id as the POST returned it: text, or a number some servers send (kept as its text). */
const taskIdOf = (body: unknown): string | null => {
  const id = isObject(body) ? body.id : undefined;
  if (typeof id === 'string' && id.trim() !== '') return id.trim();
  return typeof id === 'number' && Number.isSafeInteger(id) ? String(id) : null;
};
/** A task GET's body that is a task (a state or a result), whatever the HTTP status it came with. */
const carriesTask = (body: unknown): body is Record<string, unknown> => isObject(body) && (typeof body.status === 'string' || (body.result !== undefined && body.result !== null));
/** Statuses a task GET may come with and still carry the task: 202 while pending, a 4xx mirroring `result.status`. */
const readableTaskStatus = (status: number): boolean => (status >= 200 && status < 300) || (status >= 400 && status < 500 && status !== 401 && status !== 403 && status !== 429);

/** Failures that more polling cannot fix. */
const GIVE_UP_POLLING = new Set(['credentials-rejected', 'auth', 'cancelled']);

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(new ProgenyError('cancelled', 'Cancelled.', 'operator', 'no'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new ProgenyError('cancelled', 'Cancelled.', 'operator', 'no'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

function statusError(response: HttpResponse, what: string): ProgenyError {
  const status = response.status;
  const after = retryAfterMs(response.headers['retry-after']);
  const withAfter = after === null ? {} : { retryAfterMs: after };
  if (status === 429) return new ProgenyError('rate-limited', `Progeny asked the station to slow down (${what}).`, 'automatic', 'no', { status, ...withAfter });
  if (status === 503) return new ProgenyError('server-error', `Progeny is temporarily unavailable (${what}).`, 'automatic', 'no', { status, ...withAfter });
  if (status >= 500) return new ProgenyError('server-error', `Progeny had an internal error (${what}, HTTP ${status}).`, 'automatic', 'maybe', { status, ...withAfter });
  if (status === 401 || status === 403) return new ProgenyError('auth', `Progeny refused the station's session (${what}).`, 'operator', 'yes', { status });
  if (status === 404) return new ProgenyError('client-error', `Progeny has nothing at this address (${what}, HTTP 404): check the server URL in Settings.`, 'permanent', 'yes', { status });
  if (status === 413) return new ProgenyError('client-error', `Progeny refused the request as too large (${what}, HTTP 413): send smaller images.`, 'permanent', 'yes', { status });
  return new ProgenyError('client-error', `Progeny refused the request (${what}, HTTP ${status}).`, 'permanent', 'yes', { status });
}

/** The Progeny API v3 client: submit a verification, poll its task, normalise the result. */
export function createProgenyClient(options: ClientOptions) {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const history = options.history ?? createDurationHistory();
  const deadline = options.pollDeadlineMs ?? 10 * 60_000;
  const unfamiliarLimit = options.unfamiliarStateLimitMs ?? 2 * 60_000;
  const paths: ServerPaths = options.servicePaths ?? { get: () => null, remember: () => undefined };

  /** A token for the next call; failing to get one means that call was certainly not sent. */
  async function token(): Promise<string> {
    try {
      return await options.tokens.accessToken();
    } catch (error) {
      if (!isProgenyError(error)) throw error;
      throw new ProgenyError(error.kind, error.message, error.retry, 'no', error.details);
    }
  }

  /** Runs `call` with a valid token; on a 401 renews once and tries once more. */
  async function authorised(call: (token: string) => Promise<HttpResponse>): Promise<HttpResponse> {
    const used = await token();
    const first = await call(used);
    if (first.status !== 401) return first;
    options.tokens.rejected(used);
    return call(await token());
  }

  async function submit(service: ServiceId, input: SubmissionInput, submitOptions: SubmitOptions = {}): Promise<SubmitOutcome> {
    const definition = SERVICES[service];
    const form: Record<string, string | UploadFile> = { ...(input.fields ?? {}), ...input.files };
    if (definition.takesExtendData) form.extend_data = submitOptions.extendData ? 'true' : 'false';
    let response: HttpResponse | null = null;
    const tried: string[] = [];
    // The documented spelling first (or the one that worked last on this server); on a 404, which
    // certainly created nothing, the other documented spelling once.
    for (const path of pathsToTry(service, paths.get(service))) {
      if (tried.length === 2) break;
      tried.push(path);
      try {
        response = await authorised((token) =>
          options.http({
            method: 'POST',
            path,
            form,
            accessToken: token,
            ...(submitOptions.signal ? { signal: submitOptions.signal } : {}),
            ...(submitOptions.onUploadProgress ? { onUploadProgress: submitOptions.onUploadProgress } : {}),
          }),
        );
      } catch (error) {
        if (!isProgenyError(error)) throw error;
        return error.sent === 'no' ? { kind: 'failed', error } : { kind: 'uncertain', error };
      }
      if (response.status !== 404) {
        paths.remember(service, path);
        break;
      }
    }
    if (!response) throw new Error(`no path to try for ${service}`);
    if (response.status === 404) {
      return {
        kind: 'refused',
        error: new ProgenyError(
          'client-error',
          `Progeny has no ${service} service at ${tried.join(' nor at ')} (HTTP 404): check the server URL in Settings, or run "station doctor".`,
          'permanent',
          'yes',
          { status: 404 },
        ),
      };
    }
    const id = taskIdOf(response.body);
    if (response.status === 200 && id !== null) return { kind: 'submitted', taskId: id };
    if (response.status === 200) {
      return { kind: 'uncertain', error: new ProgenyError('invalid-response', 'Progeny accepted the request but returned no task id.', 'operator', 'yes', { status: 200 }) };
    }
    if (response.status === 400) {
      const fields = fieldErrors(response.body) ?? {};
      return { kind: 'rejected', fields, error: new ProgenyError('validation', 'Progeny refused some inputs: see the fields marked on the form.', 'operator', 'yes', { status: 400, fields }) };
    }
    const error = statusError(response, `submitting ${service}`);
    // A 4xx is a refusal of the request itself: Django answers it before creating anything. A 5xx
    // (but 503) may come after the task was created, so it stays uncertain.
    if (response.status >= 400 && response.status < 500 && response.status !== 429) return { kind: 'refused', error };
    return error.sent === 'no' ? { kind: 'failed', error } : { kind: 'uncertain', error };
  }

  /** Polls until the task is final, unknown, failed for good, or past the deadline. */
  async function poll(service: ServiceId, taskId: string, pollOptions: { submittedAt?: number; signal?: AbortSignal } = {}): Promise<PollOutcome> {
    const submittedAt = pollOptions.submittedAt ?? now();
    const samples = history.samples(service);
    const planned = plannedPolls(samples);
    let polls = 0;
    let backoff = 0;
    /** Last time (ms after submission) the task was seen still running: the finish lies after it. */
    let runningAt: number | null = null;
    /** When a state this station does not know (or none) first came back. */
    let unfamiliarSince: number | null = null;
    let nextAt = submittedAt + planned[0]!;
    for (;;) {
      if (nextAt - submittedAt > deadline) return { kind: 'waiting', polls };
      const wait = nextAt - now();
      try {
        if (wait > 0) await sleep(wait, pollOptions.signal);
      } catch (error) {
        if (!isProgenyError(error)) throw error;
        return { kind: 'failed', error, polls };
      }
      polls += 1;
      let response: HttpResponse;
      try {
        response = await authorised((token) =>
          options.http({ method: 'GET', path: API_PATHS.task, query: { id: taskId }, accessToken: token, ...(pollOptions.signal ? { signal: pollOptions.signal } : {}) }),
        );
      } catch (error) {
        if (!isProgenyError(error)) throw error;
        // A GET is safe to repeat: only a problem a person must solve stops the polling.
        if (GIVE_UP_POLLING.has(error.kind)) return { kind: 'failed', error, polls };
        nextAt = now() + (error.details.retryAfterMs ?? backoffStep(backoff++, samples, options.random));
        continue;
      }
      const body = response.body;
      // A task read from its body, whatever the status: 200, a 202 while pending, or a 4xx carrying
      // the result (a server mirroring `result.status` as the HTTP status) is still the task's answer.
      const task = readableTaskStatus(response.status) && carriesTask(body) ? body : response.status < 300 ? null : undefined;
      if (task !== undefined) {
        const state = readTaskState(task?.status);
        const hasResult = task !== null && task.result !== undefined && task.result !== null;
        if (state.kind === 'final' || (state.kind === 'missing' && hasResult)) {
          const durationMs = now() - submittedAt;
          // The task finished somewhere between the last "running" answer and now. Learn the middle of
          // that bracket; with no lower bound, learn a little earlier so the next poll comes sooner and
          // the bracket tightens (recording the time seen would teach the poller its own lateness).
          if (state.kind === 'final' && state.state === 'SUCCESS') history.record(service, runningAt === null ? durationMs * 0.85 : (runningAt + durationMs) / 2);
          return { kind: 'done', result: normaliseTaskResult(service, body), durationMs, polls };
        }
        if (state.kind !== 'running') {
          // Unfamiliar, or no state and no result: running for a while, then read as it stands
          // (a result that needs review and says which state came back).
          unfamiliarSince ??= now();
          if (now() - unfamiliarSince >= unfamiliarLimit) return { kind: 'done', result: normaliseTaskResult(service, body), durationMs: now() - submittedAt, polls };
        }
      } else if (response.status === 404) {
        return { kind: 'unknown-task', error: new ProgenyError('unknown-task', 'Progeny does not know this task (it may have expired).', 'permanent', 'yes', { status: 404 }), polls };
      } else {
        const error = statusError(response, 'asking for the result');
        if (error.retry !== 'automatic') return { kind: 'failed', error, polls };
        nextAt = now() + (error.details.retryAfterMs ?? backoffStep(backoff++, samples, options.random));
        continue;
      }
      // Still running (PENDING, RECEIVED, STARTED, RETRY, or a state we do not know yet): ask again later.
      runningAt = now() - submittedAt;
      const plannedNext = planned[polls];
      nextAt = plannedNext !== undefined ? Math.max(now(), submittedAt + plannedNext) : now() + backoffStep(backoff++, samples, options.random);
    }
  }

  return { submit, poll, history, tokens: options.tokens };
}

export type ProgenyClient = ReturnType<typeof createProgenyClient>;
