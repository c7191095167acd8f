import { describe, expect, it } from 'vitest';
import pkg from '../../../package.json';
import { runCli } from '../../../main/hosts/cli';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

describe('station CLI', () => {
  it('prints the package version', async () => {
    const { io, out } = capture();
    expect(await runCli(['node', 'station', '--version'], io)).toBe(0);
    expect(out).toEqual([pkg.version]);
  });

  it('lists the web command in --help', async () => {
    const { io, out } = capture();
    expect(await runCli(['node', 'station', '--help'], io)).toBe(0);
    expect(out.join('\n')).toMatch(/web \[options\]/);
  });

  it('exits 2 with a specific message for a bad port', async () => {
    const { io, err } = capture();
    expect(await runCli(['node', 'station', 'web', '--port', '70000'], io)).toBe(2);
    expect(err.join('\n')).toMatch(/port number from 0 to 65535/);
  });

  it('exits 2 for an unknown command', async () => {
    const { io, err } = capture();
    expect(await runCli(['node', 'station', 'frobnicate'], io)).toBe(2);
    expect(err.join('\n')).toMatch(/unknown command/);
  });
});
