import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, powerMonitor, session } from 'electron';
import { createStationLogger } from '../../core/logger';
import { defaultDataDir } from '../../core/paths';
import { createCredentialVault } from '../../core/progeny/credential-vault';
import { startStation } from '../start-station';
import { passphraseUnlocker } from '../store-access';
import { installApplicationMenu } from './app-menu';
import { registerBridgeHandlers, sendEvent } from './ipc';
import { registerAppScheme, serveRenderer } from './renderer-protocol';
import { safeCredentialStore } from './safe-credentials';
import { osEncryptionAvailable, safeStorageKeyWrapper } from './safe-storage-key';
import { openStore } from '../../core/store/open-store';
import { lockDownContents, lockDownSession } from './security';
import { createMainWindow } from './window-factory';

const here = dirname(fileURLToPath(import.meta.url));
const rendererDir = join(here, '../renderer');
const preloadPath = join(here, '../preload/electron.cjs');
// Redacted lines to <data>/logs/station.log (and the console, for whoever started the app from a terminal).
const log = createStationLogger({ scope: 'electron', dataDir: defaultDataDir(), console: true });

registerAppScheme();
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, log));
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });

  void app.whenReady().then(() => {
    const dataDir = defaultDataDir();
    // Credentials are remembered only where the OS keychain really encrypts them, else per session,
    // unless the administrator accepted the OS's fixed-key fallback for this machine.
    const allowBasicText = process.env.STATION_ALLOW_BASIC_TEXT_CREDENTIALS === '1';
    if (allowBasicText && !osEncryptionAvailable()) log.warn('administrator opt-in: Progeny credentials may be remembered without real OS encryption (basic_text)', {});
    const vault = createCredentialVault({ persistent: osEncryptionAvailable() || allowBasicText ? safeCredentialStore(dataDir, { allowBasicText }) : null });
    // The data key is wrapped by the OS keychain; without real OS encryption the page asks for a
    // passphrase instead (never a key stored in the clear).
    const wrapper = safeStorageKeyWrapper();
    const store = wrapper ? openStore(dataDir, wrapper) : undefined;
    const core = startStation({ dataDir, log, vault, key: store ? { store } : { unlock: passphraseUnlocker(dataDir) }, capabilities: { systemNotifications: true }, probe: true });
    lockDownSession(session.defaultSession);
    // Packaged: no Reload, no Developer Tools (window-factory.ts turns DevTools off as well).
    installApplicationMenu();
    serveRenderer(rendererDir);
    registerBridgeHandlers(core.dispatch);
    core.bus.onAny((event, payload) => {
      for (const window of BrowserWindow.getAllWindows()) sendEvent(window.webContents, event, payload as never);
    });
    // Away from the desk: the operating system suspends or locks the screen, so does the station.
    const lockForSystem = () => void core.dispatch('lock:engage', { reason: 'system' });
    powerMonitor.on('suspend', lockForSystem);
    powerMonitor.on('lock-screen', lockForSystem);
    // Elsewhere the app quits and starts locked again; on macOS it stays running, so the next window
    // opened from the Dock must meet the lock. Nothing in this host ever releases it.
    app.on('window-all-closed', () => core.lastViewClosed());
    createMainWindow(preloadPath);
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createMainWindow(preloadPath);
    });
    // Quit only once the core has closed: a send in flight gets to record Progeny's answer first.
    let closing = false;
    app.on('before-quit', (event) => {
      if (closing) return;
      closing = true;
      event.preventDefault();
      void core.close().finally(() => app.quit());
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
