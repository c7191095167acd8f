// `npm start`: build if needed, then launch Electron. Where Electron's binary is missing or cannot
// start (no display, missing libraries), say so in one line and serve the web station instead.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, ROOT } from './ensure-build.mjs';

ensureBuilt();

/** Finds the binary without requiring the `electron` package, which would try to download it. */
function electronBinary() {
  const pathFile = join(ROOT, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(ROOT, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

function startWebStation(reason) {
  process.stdout.write(`Electron cannot run here (${reason}); starting the web station instead.\n`);
  const web = spawn(process.execPath, [join(ROOT, 'bin', 'station.mjs'), 'web', ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => web.kill(signal));
  web.on('exit', (code) => process.exit(code ?? 0));
}

const binary = electronBinary();
if (!binary) {
  startWebStation("its binary is not installed: node_modules/electron/dist is missing");
} else {
  const started = Date.now();
  const electron = spawn(binary, [join(ROOT, 'out', 'main', 'electron.js')], { stdio: 'inherit' });
  electron.on('error', (error) => startWebStation(`it failed to launch: ${error.message}`));
  electron.on('exit', (code, signal) => {
    // A failure in the first seconds is a start-up failure (e.g. no display), not the operator quitting.
    if (code !== 0 && !signal && Date.now() - started < 5000) startWebStation(`it exited with code ${code} while starting`);
    else process.exit(code ?? 0);
  });
}
