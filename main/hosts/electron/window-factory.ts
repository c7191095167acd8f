import { app, BrowserWindow, type WebPreferences } from 'electron';
import { APP_ENTRY_URL } from './app-origin';
import { lockDownContents } from './security';

/**
 * The only webPreferences any station window gets. DevTools only in development: in a packaged
 * station they would let anyone at the desk read the page's memory and call the bridge by hand.
 */
export function secureWebPreferences(preloadPath: string, packaged: boolean = app.isPackaged): WebPreferences {
  return {
    preload: preloadPath,
    devTools: !packaged,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    // Middle-click could only ask for a new window or a navigation (both refused); off anyway.
    disableBlinkFeatures: 'Auxclick',
  };
}

/** The one window factory: every station window is created here, locked down the same way. */
export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Progeny Station',
    backgroundColor: '#f6f7f9',
    webPreferences: secureWebPreferences(preloadPath),
  });
  lockDownContents(window.webContents);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
