/**
 * `station doctor` and Settings' "Test connection": everything a first day on a Progeny account can
 * trip over, checked in order, each with pass or fail in words. Nothing here is billable: each
 * service is probed with a POST that carries no file, which Progeny refuses with its field errors
 * before creating a task (docs/progeny-api.md §4), and the task endpoint with an id nobody made.
 *
 * Every step has a stable `reason` code with `values` (translated by the renderer) and the same in
 * plain English in `detail` (the CLI). No password, token or image ever appears in a report.
 */
import { randomUUID } from 'node:crypto';
import { lookup as dnsLookup } from 'node:dns/promises';
import { connect as netConnect } from 'node:net';
import { connect as tlsConnect, type PeerCertificate } from 'node:tls';
import { decodeJwt } from 'jose';
import { DOCTOR_CHECKS, type DoctorCheck, type DoctorOutcome, type DoctorReason, type DoctorReport, type DoctorStep } from '../../../common/doctor-report';
import { serverAddressProblem } from '../../../common/server-address';
import { API_PATHS, readTaskState, SERVICE_IDS, SERVICES, type ServiceId } from '../../../common/services/catalog';
import { fieldErrors } from '../../../common/services/result-model';
import { isProgenyError } from './progeny-error';
import { createProgenyHttp, type HttpResponse, type ProgenyHttp } from './progeny-http';
import { pathsToTry, type PathMemory } from './service-paths';
import type { CredentialsSource } from './token-manager';

export type { DoctorCheck, DoctorOutcome, DoctorReason, DoctorReport, DoctorStep } from '../../../common/doctor-report';

export interface DoctorOptions {
  baseUrl: string;
  credentials: CredentialsSource;
  paths: PathMemory;
  now?: () => number;
  /** Clock differences up to this are fine (default 60 s): the session renews 30 s before expiry. */
  clockToleranceMs?: number;
  timeoutMs?: number;
  /** For tests: resolve a host name. */
  lookup?: (host: string) => Promise<string[]>;
}

const DEFAULT_CLOCK_TOLERANCE_MS = 60_000;
const DEFAULT_TIMEOUT_MS = 10_000;

const defaultLookup = async (host: string): Promise<string[]> => (await dnsLookup(host, { all: true })).map((entry) => entry.address);

type ConnectionOutcome = { ok: true; tls: { subject: string; issuer: string; daysLeft: number } | null } | { ok: false; problem: string; tls: boolean };

/** A certificate name field, which Node gives as an array when it is repeated. */
const firstName = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/** Opens (and closes) one connection: TCP for http, a verified TLS handshake for https. */
function tryConnection(url: URL, timeoutMs: number, now: number): Promise<ConnectionOutcome> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const secure = url.protocol === 'https:';
  const port = Number(url.port) || (secure ? 443 : 80);
  return new Promise((resolve) => {
    const socket = secure ? tlsConnect({ host, port, servername: host, rejectUnauthorized: true, timeout: timeoutMs }) : netConnect({ host, port, timeout: timeoutMs });
    const done = (outcome: ConnectionOutcome) => {
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.destroy();
      resolve(outcome);
    };
    socket.once('timeout', () => done({ ok: false, problem: `no answer within ${Math.round(timeoutMs / 1000)} s`, tls: secure }));
    socket.once('error', (error: NodeJS.ErrnoException) =>
      done({ ok: false, problem: error.code ?? error.message, tls: secure && !!error.code && /CERT|SELF_SIGNED|UNABLE_TO|HOSTNAME|ERR_TLS/.test(error.code) }),
    );
    socket.once(secure ? 'secureConnect' : 'connect', () => {
      if (!secure) return done({ ok: true, tls: null });
      const certificate = (socket as ReturnType<typeof tlsConnect>).getPeerCertificate() as PeerCertificate | undefined;
      const validTo = certificate?.valid_to ? Date.parse(certificate.valid_to) : Number.NaN;
      done({
        ok: true,
        tls: {
          subject: firstName(certificate?.subject?.CN) ?? host,
          issuer: firstName(certificate?.issuer?.O) ?? firstName(certificate?.issuer?.CN) ?? 'unknown',
          daysLeft: Number.isNaN(validTo) ? -1 : Math.floor((validTo - now) / 86_400_000),
        },
      });
    });
  });
}

/** Seconds since the epoch a server stated: the JWT's `iat`, else the response's Date header. */
function serverTime(token: string, response: HttpResponse): { at: number; source: 'token' | 'date header' } | null {
  try {
    const iat = decodeJwt(token).iat;
    if (typeof iat === 'number') return { at: iat * 1000, source: 'token' };
  } catch {
    // not a JWT: the sign-in step says so
  }
  const header = response.headers.date;
  const date = typeof header === 'string' ? Date.parse(header) : Number.NaN;
  return Number.isNaN(date) ? null : { at: date, source: 'date header' };
}

const expectedFields = (service: ServiceId): string[] => {
  const definition = SERVICES[service];
  return [...definition.files.map((f) => f.name), ...definition.fields.map((f) => f.name), ...(definition.takesExtendData ? ['extend_data'] : [])];
};

const failureWords = (error: unknown): string => (isProgenyError(error) ? error.message : error instanceof Error ? error.message : String(error));

/** Runs every check against `baseUrl`; resolves with the report (never throws for the server's faults). */
export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const tolerance = options.clockToleranceMs ?? DEFAULT_CLOCK_TOLERANCE_MS;
  const steps: DoctorStep[] = [];
  const step = (check: DoctorCheck, outcome: DoctorOutcome, reason: DoctorReason, detail: string, values: DoctorStep['values'] = {}, service?: ServiceId) =>
    steps.push({ check, ...(service ? { service } : {}), outcome, reason, values, detail });
  const report = (): DoctorReport => ({ server: options.baseUrl, passed: steps.every((s) => s.outcome !== 'fail'), steps, paths: options.paths.forServer(options.baseUrl) });
  /** The checks that cannot run once `check` failed. */
  const skipRest = (after: DoctorCheck) => {
    const from = DOCTOR_CHECKS.indexOf(after) + 1;
    for (const check of DOCTOR_CHECKS.slice(from)) {
      if (check === 'service') for (const service of SERVICE_IDS) step('service', 'skip', 'skipped', `not checked: the ${after} check failed`, { after }, service);
      else step(check, 'skip', 'skipped', `not checked: the ${after} check failed`, { after });
    }
    return report();
  };

  // 1. The address itself.
  const problem = serverAddressProblem(options.baseUrl);
  if (problem) {
    step('address', 'fail', 'address-invalid', `The server address ${problem}.`, { problem });
    return skipRest('address');
  }
  const url = new URL(options.baseUrl);
  step('address', 'pass', 'address-ok', `${url.origin} is a usable server address.`, { origin: url.origin });

  // 2. DNS.
  const host = url.hostname.replace(/^\[|\]$/g, '');
  try {
    const addresses = await (options.lookup ?? defaultLookup)(host);
    if (addresses.length === 0) throw new Error('no address');
    step('dns', 'pass', 'dns-resolved', `${host} resolves to ${addresses.slice(0, 3).join(', ')}.`, { host, addresses: addresses.slice(0, 3).join(', ') });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : 'error');
    step('dns', 'fail', 'dns-failed', `${host} does not resolve (${code}): check the address, or this computer's network and DNS.`, { host, code });
    return skipRest('dns');
  }

  // 3. Connection, and TLS for https.
  const connection = await tryConnection(url, timeoutMs, now());
  if (!connection.ok) {
    if (connection.tls)
      step(
        'connection',
        'fail',
        'tls-invalid',
        `The TLS certificate of ${host} was refused (${connection.problem}): the station will not send credentials there. A proxy inspecting traffic may need its certificate installed.`,
        { host, problem: connection.problem },
      );
    else
      step('connection', 'fail', 'connect-failed', `Could not connect to ${url.host} (${connection.problem}): the server is down, or a firewall blocks it.`, {
        host: url.host,
        problem: connection.problem,
      });
    return skipRest('connection');
  }
  if (connection.tls) {
    const { subject, issuer, daysLeft } = connection.tls;
    step('connection', 'pass', 'tls-valid', `Connected to ${url.host}; its TLS certificate is valid (${subject}, issued by ${issuer}, ${daysLeft} days left).`, {
      host: url.host,
      subject,
      issuer,
      days: daysLeft,
    });
  } else {
    step('connection', 'pass', 'tcp-connected', `Connected to ${url.host} (plain http, only allowed on this computer).`, { host: url.host });
  }

  // 4. Sign-in.
  const http: ProgenyHttp = createProgenyHttp({ baseUrl: options.baseUrl, connectTimeoutMs: timeoutMs, responseTimeoutMs: timeoutMs * 2, requestTimeoutMs: timeoutMs * 3 });
  const credentials = await options.credentials.get();
  if (!credentials) {
    step('sign-in', 'fail', 'no-credentials', 'No Progeny username and password to test with: sign in under Settings (or set PROGENY_USERNAME and PROGENY_PASSWORD for the command line).');
    return skipRest('sign-in');
  }
  let obtained: HttpResponse;
  try {
    obtained = await http({ method: 'POST', path: API_PATHS.obtainToken, form: { username: credentials.username, password: credentials.password } });
  } catch (error) {
    step('sign-in', 'fail', 'unreachable', `Signing in failed: ${failureWords(error)}`, { message: failureWords(error) });
    return skipRest('sign-in');
  }
  const tokens = obtained.body as { access?: unknown; refresh?: unknown } | null;
  if (obtained.status === 401 || obtained.status === 400) {
    step('sign-in', 'fail', 'credentials-refused', `Progeny refused the username or password (HTTP ${obtained.status}).`, { status: obtained.status });
    return skipRest('sign-in');
  }
  if (obtained.status !== 200 || typeof tokens?.access !== 'string' || typeof tokens.refresh !== 'string') {
    step('sign-in', 'fail', 'unexpected-answer', `Signing in got HTTP ${obtained.status} without the access and refresh tokens Progeny documents.`, { status: obtained.status });
    return skipRest('sign-in');
  }
  step('sign-in', 'pass', 'signed-in', 'Signed in: Progeny issued an access and a refresh token.');
  const access = tokens.access;

  // 5. Clock.
  const stated = serverTime(access, obtained);
  if (!stated) step('clock', 'skip', 'clock-unknown', 'Progeny stated no time (no "iat" in the token, no Date header): the clock was not compared.');
  else {
    const skewSeconds = Math.round((now() - stated.at) / 1000);
    const words = skewSeconds === 0 ? 'in step with' : `${Math.abs(skewSeconds)} s ${skewSeconds > 0 ? 'ahead of' : 'behind'}`;
    if (Math.abs(skewSeconds) * 1000 <= tolerance)
      step('clock', 'pass', 'clock-in-sync', `This computer's clock is ${words} Progeny's (from the ${stated.source}).`, { seconds: skewSeconds, source: stated.source });
    else
      step('clock', 'fail', 'clock-skewed', `This computer's clock is ${words} Progeny's (from the ${stated.source}): set the clock (automatic time), or sessions expire early or late.`, {
        seconds: skewSeconds,
        source: stated.source,
      });
  }

  // 6. Refresh.
  try {
    const refreshed = await http({ method: 'POST', path: API_PATHS.refreshToken, form: { refresh: tokens.refresh } });
    const body = refreshed.body as { access?: unknown; refresh?: unknown } | null;
    if (refreshed.status === 200 && typeof body?.access === 'string') {
      if (typeof body.refresh === 'string') step('refresh', 'pass', 'refreshed', 'Renewing the session works (a new access and refresh token).');
      else step('refresh', 'pass', 'refreshed-kept', 'Renewing the session works; Progeny keeps the same refresh token (the answer had no new one).');
    } else step('refresh', 'fail', 'refresh-refused', `Renewing the session failed (HTTP ${refreshed.status}): the station will sign in again every 5 minutes instead.`, { status: refreshed.status });
  } catch (error) {
    step('refresh', 'fail', 'unreachable', `Renewing the session failed: ${failureWords(error)}`, { message: failureWords(error) });
  }

  // 7. The task endpoint, with an id nobody created.
  try {
    const answer = await http({ method: 'GET', path: API_PATHS.task, query: { id: randomUUID() }, accessToken: access });
    const state = readTaskState((answer.body as { status?: unknown } | null)?.status);
    if (answer.status === 404) step('task', 'pass', 'task-unknown-404', 'Results can be collected (an unknown task id answered 404).');
    else if (answer.status < 300 && state.kind === 'running')
      step('task', 'pass', 'task-unknown-pending', `Results can be collected (an unknown task id answered ${state.state}, as Celery does).`, { state: state.state });
    else if (answer.status === 401 || answer.status === 403)
      step('task', 'fail', 'not-allowed', `Progeny refused to show task results to this account (HTTP ${answer.status}).`, { status: answer.status });
    else
      step('task', 'fail', 'unexpected-answer', `Asking for a task's result got HTTP ${answer.status}${state.kind === 'missing' ? '' : ` (${state.state})`}, not a 404 or a pending state.`, {
        status: answer.status,
      });
  } catch (error) {
    step('task', 'fail', 'unreachable', `Asking for a task's result failed: ${failureWords(error)}`, { message: failureWords(error) });
  }

  // 8. Each service: a POST without its files, which Progeny answers with field errors.
  for (const service of SERVICE_IDS) await probeService(service);
  return report();

  async function probeService(service: ServiceId): Promise<void> {
    const definition = SERVICES[service];
    // extend_data is sent as the station always sends it; a service without it gets no body at all
    // (an empty multipart body is not a form some parsers accept).
    const form = definition.takesExtendData ? { form: { extend_data: 'false' } } : {};
    const tried: string[] = [];
    let answer: HttpResponse | null = null;
    try {
      for (const path of pathsToTry(service, options.paths.get(options.baseUrl, service)).slice(0, 2)) {
        tried.push(path);
        answer = await http({ method: 'POST', path, ...form, accessToken: access });
        if (answer.status !== 404) {
          options.paths.remember(options.baseUrl, service, path);
          break;
        }
      }
    } catch (error) {
      step('service', 'fail', 'unreachable', `${failureWords(error)}`, { message: failureWords(error) }, service);
      return;
    }
    const path = tried.at(-1)!;
    if (!answer || answer.status === 404) {
      step(
        'service',
        'fail',
        'service-not-found',
        `Not found at ${tried.join(' nor at ')} (HTTP 404): this server has no such service, or the account cannot see it.`,
        { paths: tried.join(', ') },
        service,
      );
      return;
    }
    if (answer.status === 401 || answer.status === 403) {
      step('service', 'fail', 'not-allowed', `Progeny refused this service to the account (HTTP ${answer.status}): ask Progeny to enable it.`, { status: answer.status }, service);
      return;
    }
    if (answer.status === 200) {
      step('service', 'fail', 'service-accepted-empty', `Progeny accepted a request without any file at ${path} (a task may have been created): report this to Progeny.`, { path }, service);
      return;
    }
    const errors = answer.status === 400 ? fieldErrors(answer.body) : null;
    if (!errors) {
      step('service', 'fail', 'unexpected-answer', `A request without files at ${path} got HTTP ${answer.status}, not the field errors Progeny documents.`, { status: answer.status, path }, service);
      return;
    }
    const asked = Object.keys(errors);
    const unknown = asked.filter((field) => !expectedFields(service).includes(field));
    if (unknown.length > 0) {
      step(
        'service',
        'fail',
        'service-asks-for-more',
        `Answers at ${path}, but requires ${unknown.join(', ')}, which the station does not send: every request would be refused. Report this to the station's maintainers.`,
        { path, fields: unknown.join(', ') },
        service,
      );
      return;
    }
    const alternative = path !== definition.path;
    step(
      'service',
      'pass',
      alternative ? 'service-reachable-alternative' : 'service-reachable',
      `Answers at ${path}${alternative ? ` (the docs' other spelling of ${definition.path})` : ''}; it asks for ${asked.join(', ')}.`,
      { path, fields: asked.join(', ') },
      service,
    );
  }
}
