#!/usr/bin/env node
// `station` / `npx station`: builds the station first when its sources are newer than the build.
import { ensureBuilt } from '../scripts/ensure-build.mjs';

// `station … | head` closes stdout early; that is not an error worth a stack trace.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

await ensureBuilt();
const { runCli } = await import('../out/main/cli.js');
process.exitCode = await runCli(process.argv);
