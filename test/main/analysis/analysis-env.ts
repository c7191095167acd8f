import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createNodeAnalysis, type NodeAnalysis } from '../../../main/analysis/node-analysis';
import { FIXTURE_DIR, type FixtureLabel } from '../../fixtures/generate';

/** The labelled fixtures written by the global setup. */
export const labels = (): FixtureLabel[] => JSON.parse(readFileSync(join(FIXTURE_DIR, 'labels.json'), 'utf8')) as FixtureLabel[];
export const fixture = (name: string): Buffer => readFileSync(join(FIXTURE_DIR, name));

let shared: Promise<NodeAnalysis> | null = null;
/** One engine per test file: loading the models costs about a second. */
export const nodeAnalysis = (): Promise<NodeAnalysis> => (shared ??= createNodeAnalysis());
