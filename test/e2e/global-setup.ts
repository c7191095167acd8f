// e2e tests drive the built station, exactly what `npm start` serves, plus the analysis engine's
// test harness page and the labelled image fixtures.
import { ensureBuilt } from '../../scripts/ensure-build.mjs';
import { buildHarness } from '../browser-engine/serve';
import { ensureFixtures } from '../fixtures/generate';
import { ensureFakeWebcam } from './fake-webcam';

export default async function globalSetup(): Promise<void> {
  ensureBuilt();
  await Promise.all([buildHarness(), ensureFixtures()]);
  // After the fixtures: the webcam plays one of them.
  await ensureFakeWebcam();
}
