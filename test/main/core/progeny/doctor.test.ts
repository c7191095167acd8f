/** The doctor's verdicts on answers the sandbox does not give: a skewed clock, a service asking for more, a refusal. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SERVICE_IDS, SERVICES, type ServiceId } from '../../../../common/services/catalog';
import { runDoctor, type DoctorReport } from '../../../../main/core/progeny/doctor';
import { inMemoryPaths } from '../../../../main/core/progeny/service-paths';
import { fixedCredentials } from '../../../../main/core/progeny/token-manager';
import { json, jwt, startFaultServer, type Behaviour, type FaultServer } from './fault-server';

let server: FaultServer;
beforeEach(async () => {
  server = await startFaultServer();
  server.on('/accounts/token/obtain/', json(200, { access: await jwt('access', 300), refresh: await jwt('refresh', 86400) }));
  server.on('/accounts/token/refresh/', json(200, { access: await jwt('access', 300), refresh: await jwt('refresh', 86400) }));
  server.on('/services/task/', json(404, { detail: 'Not found.' }));
  for (const service of SERVICE_IDS) server.on(SERVICES[service].path, fieldErrorsFor(service));
});
afterEach(() => server.close());

function fieldErrorsFor(service: ServiceId, extra: string[] = []): Behaviour {
  const definition = SERVICES[service];
  const names = [...definition.files.map((f) => f.name), ...definition.fields.map((f) => f.name), ...extra];
  return json(400, Object.fromEntries(names.map((name) => [name, ['This field is required.']])));
}
const doctor = (options: { now?: () => number; lookup?: (host: string) => Promise<string[]> } = {}) =>
  runDoctor({ baseUrl: server.baseUrl, credentials: fixedCredentials({ username: 'u', password: 'p' }), paths: inMemoryPaths(), ...options });
const stepOf = (report: DoctorReport, check: string, service?: string) => report.steps.find((s) => s.check === check && s.service === service);

describe('runDoctor', () => {
  it('passes a server answering as documented', async () => {
    const report = await doctor();
    expect(report.steps.filter((s) => s.outcome !== 'pass')).toEqual([]);
    expect(report.passed).toBe(true);
    expect(stepOf(report, 'clock')).toMatchObject({ reason: 'clock-in-sync', values: { source: 'date header' } });
  });

  it('fails the clock when this computer is minutes ahead, with the difference in words', async () => {
    const report = await doctor({ now: () => Date.now() + 5 * 60_000 });
    expect(stepOf(report, 'clock')).toMatchObject({
      outcome: 'fail',
      reason: 'clock-skewed',
      values: { seconds: expect.any(Number) },
      detail: expect.stringMatching(/clock is 30\d s ahead of Progeny's/),
    });
    expect(report.passed).toBe(false);
  });

  it("reads the clock from the token's iat when there is one", async () => {
    const { SignJWT } = await import('jose');
    const iat = Math.floor(Date.now() / 1000) - 600;
    const access = await new SignJWT({ token_type: 'access' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt(iat)
      .setExpirationTime(iat + 900)
      .sign(new TextEncoder().encode('k'.repeat(32)));
    server.on('/accounts/token/obtain/', json(200, { access, refresh: await jwt('refresh', 86400) }));
    expect(stepOf(await doctor(), 'clock')).toMatchObject({ outcome: 'fail', values: { source: 'token' }, detail: expect.stringMatching(/60\d s ahead/) });
  });

  it('fails a service that requires a field the station never sends', async () => {
    server.on('/services/ocr_card/', fieldErrorsFor('ocr_card', ['selfie_image']));
    const step = stepOf(await doctor(), 'service', 'ocr_card');
    expect(step).toMatchObject({ outcome: 'fail', reason: 'service-asks-for-more', values: { fields: 'selfie_image' } });
  });

  it('fails a service that accepts a request without files, and one the account may not use', async () => {
    server.on('/services/kyc_card/', json(200, { id: 'x' }));
    server.on('/services/background_check/', json(403, { detail: 'You do not have permission to perform this action.' }));
    const report = await doctor();
    expect(stepOf(report, 'service', 'kyc_card')).toMatchObject({ outcome: 'fail', reason: 'service-accepted-empty' });
    expect(stepOf(report, 'service', 'background_check')).toMatchObject({ outcome: 'fail', reason: 'not-allowed', values: { status: 403 } });
  });

  it('fails a service found at neither documented spelling, naming both', async () => {
    server.on('/services/face_liveness/', json(404, { detail: 'Not found.' }));
    expect(stepOf(await doctor(), 'service', 'face_liveness')).toMatchObject({ outcome: 'fail', reason: 'service-not-found', values: { paths: '/services/face_liveness/, /services/liveness/' } });
  });

  it('fails the renewal when the refresh is refused, and a task endpoint that answers something else', async () => {
    server.on('/accounts/token/refresh/', json(401, { detail: 'Token is invalid or expired', code: 'token_not_valid' }));
    server.on('/services/task/', json(500, { detail: 'boom' }));
    const report = await doctor();
    expect(stepOf(report, 'refresh')).toMatchObject({ outcome: 'fail', reason: 'refresh-refused', values: { status: 401 } });
    expect(stepOf(report, 'task')).toMatchObject({ outcome: 'fail', reason: 'unexpected-answer', values: { status: 500 } });
  });

  it('stops at DNS when the host does not resolve, and skips the rest', async () => {
    const report = await doctor({ lookup: () => Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' })) });
    expect(stepOf(report, 'dns')).toMatchObject({ outcome: 'fail', reason: 'dns-failed', values: { code: 'ENOTFOUND' } });
    expect(report.steps.slice(2).every((s) => s.outcome === 'skip' && s.reason === 'skipped')).toBe(true);
    expect(server.seen).toEqual([]);
  });

  it('never puts the password or a token in the report', async () => {
    const text = JSON.stringify(await doctor());
    expect(text).not.toMatch(/"p"|eyJ/);
  });
});
