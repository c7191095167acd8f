import { afterAll, describe, expect, it } from 'vitest';
import { precheck } from '../../../common/analysis/precheck';
import { fixture, labels, nodeAnalysis } from './analysis-env';

afterAll(async () => (await nodeAnalysis()).close());

describe('pre-check on the labelled fixture set (Node, real models)', () => {
  it.each(labels().map((label) => [label.name, label] as const))('%s gets its expected verdicts', async (_name, label) => {
    const result = await precheck(label.role, fixture(label.name), await nodeAnalysis());
    const got = Object.fromEntries(Object.keys(label.expect).map((id) => [id, result.checks.find((c) => c.id === id)?.verdict ?? 'missing']));
    expect(got).toEqual(label.expect);
    if (label.hardFailure) expect(result).toMatchObject({ verdict: 'fail', blocked: true });
    if (label.mrz) {
      expect(result.mrz?.lines).toEqual(label.mrz.lines);
      expect(result.mrz?.valid).toBe(true);
    }
  });

  it('never lets a hard-failure fixture through as anything but blocked', async () => {
    const hard = labels().filter((l) => l.hardFailure);
    expect(hard.length).toBeGreaterThanOrEqual(6);
    for (const label of hard) {
      const result = await precheck(label.role, fixture(label.name), await nodeAnalysis());
      expect(result.verdict, label.name).toBe('fail');
      expect(
        result.checks.filter((c) => c.verdict === 'fail').every((c) => c.message.length > 20 && c.guidance.length > 10),
        label.name,
      ).toBe(true);
    }
  });
});
