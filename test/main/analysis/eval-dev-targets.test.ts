/**
 * The engine's targets on real images nobody here made (../shared/eval-dev). The same targets are
 * checked on a hold-out of the same kinds of images; this folder is the development half.
 * bench/precheck-real.ts prints the same figures in full.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { loadEvalDev, scoreDocuments, scoreSelfies, type DocumentScore, type SelfieScore } from '../../support/eval-dev';
import { nodeAnalysis } from './analysis-env';

const set = loadEvalDev();
const reason = 'skip' in set ? set.skip : '';
if (reason) console.log(`eval-dev targets skipped: ${reason}`);

describe.skipIf(Boolean(reason))(`targets on ../shared/eval-dev${reason ? ` (skipped: ${reason})` : ''}`, () => {
  const { entries, dir } = 'skip' in set ? { entries: [], dir: '' } : set;
  let selfies: SelfieScore[] | null = null;
  let documents: DocumentScore[] | null = null;
  const selfieScores = async () => (selfies ??= await scoreSelfies(entries, dir, await nodeAnalysis()));
  const documentScores = async () => (documents ??= await scoreDocuments(entries, dir, await nodeAnalysis()));
  afterAll(async () => (await nodeAnalysis()).close());

  it('lets at most 5 % of defective selfies through', { timeout: 120_000 }, async () => {
    const defective = (await selfieScores()).filter((s) => s.expected === 'fail');
    const passed = defective.filter((s) => !s.rejected).map((s) => `${s.file} (${s.reasons.join(', ')}): ${s.failing.join(', ') || 'every check passed'}`);
    expect(defective.length).toBeGreaterThan(0);
    expect(passed.length / defective.length, passed.join('\n')).toBeLessThanOrEqual(0.05);
  });

  it('rejects at most 10 % of good selfies', { timeout: 120_000 }, async () => {
    const good = (await selfieScores()).filter((s) => s.expected === 'pass');
    const rejected = good.filter((s) => s.rejected).map((s) => `${s.file}: ${s.failing.join(', ')}`);
    expect(good.length).toBeGreaterThan(0);
    expect(rejected.length / good.length, rejected.join('\n')).toBeLessThanOrEqual(0.1);
  });

  it('reads at least 95 % of the documents\' MRZ exactly, every line with valid check digits', { timeout: 180_000 }, async () => {
    const scores = await documentScores();
    const wrong = scores.filter((d) => !d.exact).map((d) => `${d.file}: ${d.read.join(' / ') || '(no MRZ)'}`);
    expect(scores.length).toBeGreaterThan(0);
    expect((scores.length - wrong.length) / scores.length, wrong.join('\n')).toBeGreaterThanOrEqual(0.95);
  });

  it('passes fill and tilt on every full-frame scan', { timeout: 180_000 }, async () => {
    const scans = (await documentScores()).filter((d) => d.capture === 'scan');
    expect(scans.length).toBeGreaterThan(0);
    for (const scan of scans) {
      expect(scan.fillVerdict, `${scan.file} document.fill`).toBe('pass');
      expect(scan.tiltVerdict, `${scan.file} document.tilt`).toBe('pass');
    }
  });
});
