import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';

/** Debian's rsyslogd, or null with the reason it cannot be used here. */
export function findRsyslogd(): { path: string } | { reason: string } {
  for (const path of ['/usr/sbin/rsyslogd', '/sbin/rsyslogd']) {
    if (existsSync(path)) return spawnSync(path, ['-v']).status === 0 ? { path } : { reason: `${path} does not run (rsyslogd -v failed)` };
  }
  return { reason: 'rsyslogd is not installed (apt-get install rsyslog)' };
}

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const accepting = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/**
 * A real rsyslog, unprivileged, with its own configuration: imtcp on a loopback port (RFC 6587
 * octet-counted frames), each message's raw text written as one line of `out.log` in `dir`.
 */
export class Rsyslog {
  private child: ChildProcess | null = null;
  readonly outFile: string;
  constructor(
    private readonly binary: string,
    readonly dir: string,
    readonly port: number,
  ) {
    this.outFile = join(dir, 'out.log');
    writeFileSync(
      join(dir, 'rsyslog.conf'),
      [
        `global(workDirectory="${dir}")`,
        'module(load="imtcp")',
        `input(type="imtcp" port="${port}" address="127.0.0.1")`,
        'template(name="raw" type="string" string="%rawmsg%\\n")',
        `*.* action(type="omfile" file="${this.outFile}" template="raw")`,
        '',
      ].join('\n'),
    );
  }

  async start(): Promise<void> {
    const child = spawn(this.binary, ['-n', '-f', join(this.dir, 'rsyslog.conf'), '-i', join(this.dir, 'rsyslog.pid')], { stdio: 'ignore' });
    this.child = child;
    for (let i = 0; i < 100; i++) {
      if (child.exitCode !== null) throw new Error(`rsyslogd exited at start (${child.exitCode})`);
      if (await accepting(this.port)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('rsyslogd did not start listening within 10 s');
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }

  lines(): string[] {
    return existsSync(this.outFile)
      ? readFileSync(this.outFile, 'utf8')
          .split('\n')
          .filter((line) => line !== '')
      : [];
  }
}
