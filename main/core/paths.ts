import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_DIR_NAME = 'Progeny Station';

/**
 * Where station data lives unless `--data` or STATION_DATA_DIR says otherwise. The Electron host
 * uses the same folder as the web station and CLI, so IT staff find one data folder per user.
 */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  if (env.STATION_DATA_DIR) return env.STATION_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'progeny-station');
}
