// `npm start`: build if needed, then launch Electron. Where Electron's binary is missing or cannot
// start (no display, missing libraries), say so in one line and serve the web station instead.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { electronBinary } from './electron-binary.mjs';
import { ensureBuilt, ROOT } from './ensure-build.mjs';

ensureBuilt();

function startWebStation(reason) {
  process.stdout.write(`Electron cannot run here (${reason}); starting the web station instead.\n`);
  const web = spawn(process.execPath, [join(ROOT, 'bin', 'station.mjs'), 'web', ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => web.kill(signal));
  web.on('exit', (code) => process.exit(code ?? 0));
}

const binary = electronBinary();
if (!binary) {
  startWebStation('its binary is not installed: node_modules/electron/dist is missing');
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
