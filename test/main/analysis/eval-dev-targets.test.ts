/**
 * The engine's targets on real images nobody here made (../shared/eval-dev). The same targets are
 * checked on a hold-out of the same kinds of images; this folder is the development half.
 * bench/precheck-real.ts prints the same figures in full.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeAnalysis, type NodeAnalysis } from '../../../main/analysis/node-analysis';
import { largestFaceEmbedding } from '../../../main/sandbox/face-embedding';
import { MATCH_THRESHOLD } from '../../../main/sandbox/face-match';
import { loadEvalDev, matchRates, scoreDocuments, scorePairs, scoreSelfies, type DocumentScore, type SelfieScore } from '../../support/eval-dev';
import { nodeAnalysis } from './analysis-env';

const set = loadEvalDev();
const reason = 'skip' in set ? set.skip : '';
if (reason) console.log(`eval-dev targets skipped: ${reason}`);

describe.skipIf(Boolean(reason))(`targets on ../shared/eval-dev${reason ? ` (skipped: ${reason})` : ''}`, () => {
  const { entries, dir } = 'skip' in set ? { entries: [], dir: '' } : set;
  let selfies: SelfieScore[] | null = null;
  let documents: DocumentScore[] | null = null;
  const selfieScores = async () => (selfies ??= await scoreSelfies(entries, dir, await nodeAnalysis()));
  let unhurried: Promise<NodeAnalysis> | null = null;
  const documentScores = async () => (documents ??= await scoreDocuments(entries, dir, await (unhurried ??= createNodeAnalysis({ budgetMs: Infinity }))));
  afterAll(async () => {
    await (await nodeAnalysis()).close();
    if (unhurried) await (await unhurried).close();
  });

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

  // Issue 11's target. Two of the 21 documents need the Tesseract fallback, which the station
  // runs under a time budget (a desk waits at most about a second); CI runs this beside other
  // suites, so here the budget is lifted: the test measures what the reader reads, not how busy the
  // machine is. bench/mrz-readers.ts reads all 21 with the station's budget on an idle machine.
  const MRZ_EXACT_TARGET = 0.95;
  it(`reads at least ${MRZ_EXACT_TARGET * 100} % of the documents' MRZ exactly`, { timeout: 180_000 }, async () => {
    const scores = await documentScores();
    const wrong = scores.filter((d) => !d.exact).map((d) => `${d.file}: ${d.read.join(' / ') || '(no MRZ)'}`);
    console.log(`eval-dev MRZ: ${scores.length - wrong.length}/${scores.length} read exactly; misses:\n${wrong.join('\n')}`);
    expect(scores.length).toBeGreaterThan(0);
    expect((scores.length - wrong.length) / scores.length, wrong.join('\n')).toBeGreaterThanOrEqual(MRZ_EXACT_TARGET);
  });

  it('passes fill and tilt on every full-frame scan', { timeout: 180_000 }, async () => {
    const scans = (await documentScores()).filter((d) => d.capture === 'scan');
    expect(scans.length).toBeGreaterThan(0);
    for (const scan of scans) {
      expect(scan.fillVerdict, `${scan.file} document.fill`).toBe('pass');
      expect(scan.tiltVerdict, `${scan.file} document.tilt`).toBe('pass');
    }
  });

  it('matches faces in the sandbox with at most 1 % false accepts and 20 % false rejects over every faces_pairs pair', { timeout: 300_000 }, async () => {
    const env = await nodeAnalysis();
    const { pairs, missing } = await scorePairs(entries, dir, env, async (bytes) => largestFaceEmbedding(await env.decode(bytes), env.faces));
    const rates = matchRates(pairs, MATCH_THRESHOLD);
    console.log(`eval-dev face match at ${MATCH_THRESHOLD}: FAR ${(rates.far * 100).toFixed(1)} % of ${rates.impostor}, FRR ${(rates.frr * 100).toFixed(1)} % of ${rates.genuine}`);
    expect(missing).toEqual([]);
    expect(rates.genuine).toBeGreaterThan(50);
    expect(rates.far).toBeLessThanOrEqual(0.01);
    expect(rates.frr).toBeLessThanOrEqual(0.2);
  });
});
