#!/usr/bin/env node
// `station` / `npx station`: builds the station first when its sources are newer than the build.
import { ensureBuilt } from '../scripts/ensure-build.mjs';

await ensureBuilt();
const { runCli } = await import('../out/main/cli.js');
process.exitCode = await runCli(process.argv);
