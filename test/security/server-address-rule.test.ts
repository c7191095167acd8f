/**
 * Finding 3 (issue 12), the address rule, as the attacker: an address that is not https (or plain
 * http to this computer), or that hides where it goes, must be refused wherever the station takes
 * one: the Settings form, settings:update, `--server` and PROGENY_BASE_URL.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SettingsPatchSchema } from '../../common/contract';
import { isAcceptableServerUrl, serverOrigin } from '../../common/server-address';
import { runCli } from '../../main/hosts/cli';

afterEach(() => {
  vi.unstubAllEnvs();
});

const REFUSED = [
  'http://evil.example/api/v3',
  'http://evil.example',
  'http://10.0.0.8:8080/api/v3',
  'http://127.0.0.1.evil.example/api/v3',
  'https://user:pw@evil.example/api/v3',
  'https://evil.example/api/v3#fragment',
  'https://evil.example/api/v3?next=1',
  'https://evil.example\n/api/v3',
  ' https://evil.example/api/v3',
  'ftp://evil.example/',
  'javascript:alert(1)',
  `https://evil.example/${'a'.repeat(300)}`,
];
const ACCEPTED = ['https://be.progeny.tech/api/v3', 'http://127.0.0.1:8080', 'http://127.0.0.1:8080/api/v3', 'http://localhost:8000/api/v3', 'http://[::1]:8080/api/v3'];

/** Runs the CLI, but never waits for a station that (wrongly) started: that counts as not refused. */
async function cli(argv: string[]): Promise<{ code: number | 'still running'; err: string }> {
  const err: string[] = [];
  const io = { out: () => undefined, err: (line: string) => err.push(line) };
  const code = await Promise.race([runCli(['node', 'station', ...argv], io), new Promise<'still running'>((done) => setTimeout(() => done('still running'), 8_000).unref())]);
  return { code, err: err.join('\n') };
}
const dataDir = () => mkdtempSync(join(tmpdir(), 'station-server-rule-'));

describe('one rule for server addresses (finding 3)', () => {
  it.each(REFUSED)('the settings contract and the Settings form both refuse %j', (address) => {
    expect(SettingsPatchSchema.safeParse({ serverUrl: address }).success).toBe(false);
    expect(isAcceptableServerUrl(address)).toBe(false);
  });

  it.each(ACCEPTED)('the settings contract and the Settings form both accept %j', (address) => {
    expect(SettingsPatchSchema.safeParse({ serverUrl: address }).success).toBe(true);
    expect(isAcceptableServerUrl(address)).toBe(true);
  });

  it('records a host without path, query or user info', () => {
    expect(serverOrigin('https://be.progeny.tech/api/v3')).toBe('https://be.progeny.tech');
    expect(serverOrigin('http://[::1]:8080/api/v3')).toBe('http://[::1]:8080');
    expect(serverOrigin('https://user:pw@evil.example/x?y#z')).toBe('https://evil.example');
  });

  it('stops `station web --server http://evil.example` before anything starts, naming the option', async () => {
    const { code, err } = await cli(['web', '--port', '0', '--data', dataDir(), '--server', 'http://evil.example']);
    expect(code).toBe(2);
    expect(err).toMatch(/--server/);
    expect(err).toMatch(/https/);
  });

  it.each(['submit', 'run'])('refuses --server http://evil.example for `station %s` too', async (command) => {
    const { code, err } = await cli([command, ...(command === 'submit' ? ['face_liveness'] : []), '--data', dataDir(), '--server', 'http://evil.example']);
    expect(code).toBe(2);
    expect(err).toMatch(/--server/);
  });

  it.each(['web', 'run', 'submit'])('stops `station %s` when PROGENY_BASE_URL is http://evil.example, naming the variable', async (command) => {
    vi.stubEnv('PROGENY_BASE_URL', 'http://evil.example');
    vi.stubEnv('PROGENY_USERNAME', 'env-user');
    vi.stubEnv('PROGENY_PASSWORD', 'Env-Secret-Pw');
    const { code, err } = await cli([command, ...(command === 'submit' ? ['face_liveness'] : []), ...(command === 'web' ? ['--port', '0'] : []), '--data', dataDir()]);
    expect(code).toBe(2);
    expect(err).toMatch(/PROGENY_BASE_URL/);
    expect(err).not.toContain('Env-Secret-Pw');
  });
});
