import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProgenyHttp } from '../../../../main/core/progeny/progeny-http';
import { createTokenManager, fixedCredentials } from '../../../../main/core/progeny/token-manager';
import { json, jwt, startFaultServer, type FaultServer } from './fault-server';

let server: FaultServer;
beforeEach(async () => {
  server = await startFaultServer();
});
afterEach(() => server.close());

/** The manager's clock; tests move it forward instead of waiting. */
let clock = Date.now();
const manager = (marginMs = 30_000) =>
  createTokenManager({ http: createProgenyHttp({ baseUrl: server.baseUrl }), credentials: fixedCredentials({ username: 'op', password: 'secret' }), marginMs, now: () => clock });
beforeEach(() => {
  clock = Date.now();
});
const pair = async (accessSeconds = 300) => ({ access: await jwt('access', accessSeconds), refresh: await jwt('refresh', 14 * 86400) });

describe('token manager', () => {
  it('obtains once for many concurrent requests (single flight)', async () => {
    const tokens = await pair();
    server.on('/accounts/token/obtain/', json(200, tokens));
    const m = manager();
    const results = await Promise.all(Array.from({ length: 20 }, () => m.accessToken()));
    expect(new Set(results)).toEqual(new Set([tokens.access]));
    expect(server.seen.filter((s) => s.path.endsWith('/obtain/'))).toHaveLength(1);
    expect(server.seen[0]!.body).toContain('name="username"');
    expect(m.state).toBe('signed-in');
  });

  it('refreshes before expiry with the rotated refresh token, never reusing one', async () => {
    const first = await pair(10);
    const second = await pair(20);
    const third = await pair(300);
    server.on('/accounts/token/obtain/', json(200, first));
    server.on('/accounts/token/refresh/', json(200, second), json(200, third));
    const m = manager();
    expect(await m.accessToken()).toBe(first.access);
    clock += 7_000; // a fifth of a 10 s lifetime before expiry: still in use
    expect(await m.accessToken()).toBe(first.access);
    clock += 1_500; // within the last fifth: renewed
    expect(await m.accessToken()).toBe(second.access);
    clock += 10_000;
    expect(await m.accessToken()).toBe(third.access);
    const refreshBodies = server.seen.filter((s) => s.path.endsWith('/refresh/')).map((s) => s.body);
    expect(refreshBodies[0]).toContain(first.refresh);
    expect(refreshBodies[1]).toContain(second.refresh);
    expect(refreshBodies[1]).not.toContain(first.refresh);
    expect(m.stats).toEqual({ obtains: 1, refreshes: 2 });
  });

  it('obtains again with the stored credentials when the refresh is refused', async () => {
    const first = await pair(10);
    const second = await pair(300);
    server.on('/accounts/token/obtain/', json(200, first), json(200, second));
    server.on('/accounts/token/refresh/', json(401, { detail: 'Token is blacklisted', code: 'token_not_valid' }));
    const m = manager();
    await m.accessToken();
    clock += 9_000;
    expect(await m.accessToken()).toBe(second.access);
    expect(m.stats).toEqual({ obtains: 2, refreshes: 1 });
  });

  it('stops for good when the credentials are refused, without looping', async () => {
    server.on('/accounts/token/obtain/', json(401, { detail: 'No active account found with the given credentials' }));
    const states: string[] = [];
    const m = createTokenManager({ http: createProgenyHttp({ baseUrl: server.baseUrl }), credentials: fixedCredentials({ username: 'op', password: 'wrong' }), onStateChange: (s) => states.push(s) });
    await expect(m.accessToken()).rejects.toMatchObject({ kind: 'credentials-rejected', retry: 'operator' });
    await expect(m.accessToken()).rejects.toMatchObject({ kind: 'credentials-rejected' });
    await expect(m.accessToken()).rejects.toMatchObject({ kind: 'credentials-rejected' });
    expect(server.seen).toHaveLength(1);
    expect(states).toEqual(['credentials-rejected']);
    m.reset();
    await expect(m.accessToken()).rejects.toMatchObject({ kind: 'credentials-rejected' });
    expect(server.seen).toHaveLength(2);
  });

  it('forgets a token the server refused, so the next call renews', async () => {
    const first = await pair(300);
    const second = await pair(300);
    server.on('/accounts/token/obtain/', json(200, first));
    server.on('/accounts/token/refresh/', json(200, second));
    const m = manager();
    const token = await m.accessToken();
    m.rejected(token);
    expect(await m.accessToken()).toBe(second.access);
  });

  it('keeps the refresh token it presented when the refresh answer carries no new one', async () => {
    const first = await pair(10);
    const renewed = await jwt('access', 10);
    const again = await jwt('access', 300);
    server.on('/accounts/token/obtain/', json(200, first));
    server.on('/accounts/token/refresh/', json(200, { access: renewed }), json(200, { access: again }));
    const m = manager();
    await m.accessToken();
    clock += 9_000;
    expect(await m.accessToken()).toBe(renewed);
    clock += 9_000;
    // Renewed again with the same refresh token, not by signing in again.
    expect(await m.accessToken()).toBe(again);
    const refreshBodies = server.seen.filter((s) => s.path.endsWith('/refresh/')).map((s) => s.body);
    expect(refreshBodies).toHaveLength(2);
    expect(refreshBodies.every((body) => body.includes(first.refresh))).toBe(true);
    expect(m.stats).toEqual({ obtains: 1, refreshes: 2 });
    expect(m.state).toBe('signed-in');
  });

  it('saves nothing from a refresh answer whose new refresh token is not a JWT', async () => {
    const first = await pair(10);
    const second = await pair(300);
    server.on('/accounts/token/obtain/', json(200, first), json(200, second));
    server.on('/accounts/token/refresh/', json(200, { access: await jwt('access', 300), refresh: 'opaque' }));
    const m = manager();
    await m.accessToken();
    clock += 9_000;
    await expect(m.accessToken()).rejects.toMatchObject({ kind: 'invalid-response' });
    // The half-read answer left no access token behind: the next call signs in again.
    expect(await m.accessToken()).toBe(second.access);
  });

  it('refuses a token answer that is not a JWT', async () => {
    server.on('/accounts/token/obtain/', json(200, { access: 'opaque', refresh: 'opaque' }));
    await expect(manager().accessToken()).rejects.toMatchObject({ kind: 'invalid-response' });
  });
});
