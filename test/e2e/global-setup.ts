// e2e tests drive the built station, exactly what `npm start` serves.
import { ensureBuilt } from '../../scripts/ensure-build.mjs';

export default function globalSetup(): void {
  ensureBuilt();
}
