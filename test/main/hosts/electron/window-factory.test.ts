import { beforeEach, describe, expect, it } from 'vitest';
import { APP_ENTRY_URL } from '../../../../main/hosts/electron/app-origin';
import { createMainWindow } from '../../../../main/hosts/electron/window-factory';
import { BrowserWindow, resetElectronMock } from '../../../mocks/electron';

beforeEach(resetElectronMock);

describe('window factory', () => {
  it('creates windows with the locked-down webPreferences only (DevTools in development)', () => {
    createMainWindow('/app/preload/electron.cjs');
    const window = BrowserWindow.instances[0]!;
    expect(window.options.webPreferences).toEqual({
      preload: '/app/preload/electron.cjs',
      devTools: true,
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
      disableBlinkFeatures: 'Auxclick',
    });
  });

  it('loads the renderer from the custom protocol, not http or file', () => {
    createMainWindow('/p.cjs');
    expect(BrowserWindow.instances[0]!.loadedUrl).toBe(APP_ENTRY_URL);
    expect(APP_ENTRY_URL.startsWith('station://app/')).toBe(true);
  });

  it('denies every window.open', () => {
    createMainWindow('/p.cjs');
    const handler = BrowserWindow.instances[0]!.webContents.windowOpenHandler!;
    expect(handler({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(handler({ url: APP_ENTRY_URL })).toEqual({ action: 'deny' });
  });

  it('blocks navigation away from the page, redirects and webviews', () => {
    createMainWindow('/p.cjs');
    const contents = BrowserWindow.instances[0]!.webContents;
    expect(contents.fire('will-navigate', 'https://evil.example/').defaultPrevented).toBe(true);
    expect(contents.fire('will-navigate', 'station://app/other.html').defaultPrevented).toBe(true);
    expect(contents.fire('will-navigate', APP_ENTRY_URL).defaultPrevented).toBe(false);
    expect(contents.fire('will-redirect', 'https://evil.example/').defaultPrevented).toBe(true);
    expect(contents.fire('will-attach-webview', {}, {}).defaultPrevented).toBe(true);
  });
});

describe('lockDownContents', () => {
  it('registers its guards once even when applied twice', async () => {
    const { lockDownContents } = await import('../../../../main/hosts/electron/security');
    createMainWindow('/p.cjs');
    const contents = BrowserWindow.instances[0]!.webContents;
    lockDownContents(contents as never);
    expect(contents.listenerCount('will-navigate')).toBe(1);
  });
});
