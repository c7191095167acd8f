import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readImageHeader } from '../../../common/analysis/image-header';
import { runCli } from '../../../main/hosts/cli';
import { FIXTURE_DIR } from '../../fixtures/generate';

async function station(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['node', 'station', ...args], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
const f = (name: string) => join(FIXTURE_DIR, name);

describe('station precheck', () => {
  it('exits 0 and prints each check for a good selfie', async () => {
    const { code, out } = await station('precheck', 'selfie', f('selfie-good-a.jpg'));
    expect(code).toBe(0);
    expect(out).toMatch(/^selfie: PASS/);
    expect(out).toMatch(/PASS {2}face\.size/);
  });

  it('exits 1 with guidance when a check fails', async () => {
    const { code, out } = await station('precheck', 'selfie', f('selfie-blurred.jpg'));
    expect(code).toBe(1);
    expect(out).toMatch(/FAIL {2}face\.sharpness/);
    expect(out).toMatch(/→ Let the camera focus on the face/);
  });

  it('prints the whole report as JSON', async () => {
    const { code, out } = await station('precheck', 'selfie', f('selfie-face-150.jpg'), '--json');
    expect(code).toBe(1);
    const report = JSON.parse(out) as { role: string; checks: Array<{ id: string; verdict: string }>; faces: Array<Record<string, unknown>> };
    expect(report.role).toBe('selfie');
    expect(report.checks.find((c) => c.id === 'face.size')?.verdict).toBe('fail');
    expect(report.faces[0]).not.toHaveProperty('embedding');
  });

  it('exits 2 for a missing file, an unreadable image and an unknown role', async () => {
    expect((await station('precheck', 'selfie', f('nope.jpg'))).code).toBe(2);
    expect((await station('precheck', 'selfie', f('hostile-zero-bytes.jpg'))).code).toBe(2);
    expect((await station('precheck', 'selfie', f('hostile-bomb-30000.png'))).code).toBe(2);
    const unknown = await station('precheck', 'licence', f('selfie-good-a.jpg'));
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/Allowed choices are selfie, id_front, id_back, passport/);
  });

  it('writes an auto-fixed JPEG with --fix', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'station-fix-')), 'fixed.jpg');
    const { code, out: printed } = await station('precheck', 'selfie', f('selfie-gps.jpg'), '--fix', out);
    expect(code).toBe(0);
    expect(printed).toMatch(/Auto-fixed image written to .*: .*metadata removed/);
    expect(existsSync(out)).toBe(true);
    const { readFileSync } = await import('node:fs');
    expect(readImageHeader(readFileSync(out)).hasGps).toBe(false);
  });
});

describe('station requirements', () => {
  it("prints every limit with its source, Progeny's own among them", async () => {
    const { code, out } = await station('requirements');
    expect(code).toBe(0);
    expect(out).toMatch(/minFaceSide +224 px +Progeny API docs/);
    expect(out).toMatch(/maxYaw +25 degrees/);
  });

  it('prints them as JSON that matches the engine configuration', async () => {
    const { REQUIREMENTS } = await import('../../../common/analysis/requirements');
    const { out } = await station('requirements', '--json');
    expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(REQUIREMENTS)));
  });
});
