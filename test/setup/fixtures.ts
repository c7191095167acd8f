// Vitest global setup: builds the labelled image fixtures once, before any worker reads them.
import { ensureFixtures } from '../fixtures/generate';

export default async function setup(): Promise<void> {
  await ensureFixtures();
}
