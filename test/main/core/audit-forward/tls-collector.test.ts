/**
 * Audit forwarding over TLS: the collector's certificate is checked against the CA file the policy
 * names. Attacker: a collector impostor with a certificate from another CA (or for another host)
 * receives nothing, and the entries wait in the outbox.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { startAuditForwarder, type AuditForwarder } from '../../../../main/core/audit-forward/forwarder';
import { openAuditOutbox } from '../../../../main/core/audit-forward/outbox';
import { silentLogger } from '../../../../main/core/logger';
import { openAuditLog } from '../../../../main/core/store/audit-log';
import { openDatabase } from '../../../../main/core/store/database';
import { randomCipher } from '../store/helpers';

const dir = mkdtempSync(join(tmpdir(), 'station-audit-tls-'));
const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });

/** A CA and a server certificate it signs for `cn` (subjectAltName too). */
function certificateAuthority(name: string, cn: string) {
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${name} CA`, '-keyout', `${name}-ca.key`, '-out', `${name}-ca.pem`);
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${cn}`, '-keyout', `${name}-server.key`, '-out', `${name}-server.csr`);
  writeFileSync(join(dir, `${name}-ext.cnf`), `subjectAltName=DNS:${cn}\n`);
  openssl(
    'x509',
    '-req',
    '-in',
    `${name}-server.csr`,
    '-CA',
    `${name}-ca.pem`,
    '-CAkey',
    `${name}-ca.key`,
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    `${name}-ext.cnf`,
    '-out',
    `${name}-server.pem`,
  );
  return { caFile: join(dir, `${name}-ca.pem`), key: readFileSync(join(dir, `${name}-server.key`)), cert: readFileSync(join(dir, `${name}-server.pem`)) };
}

/** A TLS syslog collector: collects the octet-counted frames it receives. */
async function collector(tls: { key: Buffer; cert: Buffer }) {
  const frames: string[] = [];
  let buffer = Buffer.alloc(0);
  const server: Server = createServer(tls, (socket) => {
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const space = buffer.indexOf(0x20);
        if (space < 0) break;
        const length = Number(buffer.subarray(0, space).toString());
        if (buffer.length < space + 1 + length) break;
        frames.push(buffer.subarray(space + 1, space + 1 + length).toString('utf8'));
        buffer = buffer.subarray(space + 1 + length);
      }
    });
    socket.on('error', () => undefined);
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { frames, port: (server.address() as { port: number }).port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

function station() {
  const database = openDatabase(join(mkdtempSync(join(tmpdir(), 'station-audit-tls-db-')), 'station.sqlite'), { cipher: randomCipher(), backups: false });
  cleanup.push(() => database.close());
  const audit = openAuditLog(database);
  for (let i = 1; i <= 5; i++) audit.append({ actor: 'desk-1', action: 'submit', details: { verification: `v-${i}`, service: 'liveness' } });
  return openAuditOutbox(database);
}

const own = certificateAuthority('bank', 'localhost');
const other = certificateAuthority('impostor', 'localhost');
const wrongHost = certificateAuthority('bank-other-host', 'siem.elsewhere.example');

describe('audit forwarding over TLS', () => {
  it('delivers to a collector whose certificate the CA file vouches for', async () => {
    const server = await collector(own);
    cleanup.push(server.close);
    const outbox = station();
    const forwarder: AuditForwarder = startAuditForwarder({ outbox, config: { host: 'localhost', port: server.port, tls: true, caFile: own.caFile }, log: silentLogger, confirmMs: 200, tickMs: 50 });
    cleanup.push(() => forwarder.close());
    await expect.poll(() => server.frames.length, { timeout: 10_000 }).toBe(5);
    expect(server.frames[0]).toMatch(/^<110>1 \S+ \S+ progeny-station \d+ submit \[audit@32473 seq="1" hash="[0-9a-f]{64}"/);
    await expect.poll(() => forwarder.state().outboxDepth).toBe(0);
  });

  for (const [name, impostor] of [
    ['signed by another CA', other],
    ['issued for another host', wrongHost],
  ] as const) {
    it(`sends nothing to a collector whose certificate is ${name}`, async () => {
      const server = await collector(impostor);
      cleanup.push(server.close);
      const outbox = station();
      const forwarder = startAuditForwarder({
        outbox,
        config: { host: 'localhost', port: server.port, tls: true, caFile: own.caFile },
        log: silentLogger,
        confirmMs: 200,
        tickMs: 50,
        retry: { initialMs: 100, maxMs: 200 },
      });
      cleanup.push(() => forwarder.close());
      await expect.poll(() => forwarder.state().lastError, { timeout: 10_000 }).toMatch(/CERT|certificate|altnames|SELF_SIGNED|UNABLE/i);
      await new Promise((r) => setTimeout(r, 500));
      expect(server.frames).toEqual([]);
      expect(forwarder.state()).toMatchObject({ connected: false, outboxDepth: 5 });
    });
  }
});
