/**
 * The one Electron mock (vitest aliases `electron` here). It records what the code under test did
 * with Electron, so tests assert on real calls: handlers registered, options passed, listeners set.
 */
import { EventEmitter } from 'node:events';

type Listener = (...args: unknown[]) => unknown;

export class FakeWebContents extends EventEmitter {
  url = '';
  destroyed = false;
  sent: Array<{ channel: string; payload: unknown }> = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  getURL() {
    return this.url;
  }
  isDestroyed() {
    return this.destroyed;
  }
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload });
  }
  /** Fires an event the way Electron does, with a preventable event object. */
  fire(name: string, ...args: unknown[]): { defaultPrevented: boolean } {
    const event = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    this.emit(name, event, ...args);
    return event;
  }
}

export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = [];
  static getAllWindows() {
    return BrowserWindow.instances;
  }
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.instances.push(this);
  }
  loadURL(url: string) {
    this.loadedUrl = url;
    this.webContents.url = url;
    return Promise.resolve();
  }
  show() {}
  focus() {}
  restore() {}
  isMinimized() {
    return false;
  }
}

export const ipcMain = {
  handlers: new Map<string, Listener>(),
  handle(channel: string, listener: Listener) {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  },
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  },
};

export const ipcRenderer = {
  invocations: [] as Array<{ channel: string; payload: unknown }>,
  listeners: new Map<string, Set<Listener>>(),
  invoke(channel: string, payload: unknown) {
    this.invocations.push({ channel, payload });
    return Promise.resolve({ ok: true, value: { channel } });
  },
  on(channel: string, listener: Listener) {
    const set = this.listeners.get(channel) ?? new Set();
    set.add(listener);
    this.listeners.set(channel, set);
  },
  removeListener(channel: string, listener: Listener) {
    this.listeners.get(channel)?.delete(listener);
  },
};

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown) {
    this.exposed.set(key, api);
  },
};

class FakeSession {
  permissionRequestHandler: Listener | null = null;
  permissionCheckHandler: Listener | null = null;
  devicePermissionHandler: Listener | null = null;
  setPermissionRequestHandler(handler: Listener | null) {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: Listener | null) {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: Listener | null) {
    this.devicePermissionHandler = handler;
  }
}

export const session = { defaultSession: new FakeSession() };

export const protocol = {
  privileged: [] as unknown[],
  handlers: new Map<string, Listener>(),
  registerSchemesAsPrivileged(schemes: unknown[]) {
    this.privileged.push(...schemes);
  },
  handle(scheme: string, handler: Listener) {
    this.handlers.set(scheme, handler);
  },
};

/** Reversible stand-in for the OS keychain: marks its output so tests can see it is not plaintext. */
export const safeStorage = {
  available: true,
  backend: 'gnome_libsecret',
  isEncryptionAvailable() {
    return this.available;
  },
  getSelectedStorageBackend() {
    return this.backend;
  },
  encryptString(text: string) {
    return Buffer.from(`ENC:${Buffer.from(text).toString('base64').split('').reverse().join('')}`);
  },
  decryptString(data: Buffer) {
    const text = data.toString();
    if (!text.startsWith('ENC:')) throw new Error('not encrypted by this safeStorage');
    return Buffer.from(text.slice(4).split('').reverse().join(''), 'base64').toString();
  },
};

/** Records the application menu the code set: null for none, else the template it was built from. */
export const Menu = {
  applied: undefined as unknown,
  buildFromTemplate(template: unknown[]) {
    return { template };
  },
  setApplicationMenu(menu: unknown) {
    this.applied = menu;
  },
};

export const app = new (class extends EventEmitter {
  /** Tests of packaged behaviour set this; the real value is false under `electron .`. */
  isPackaged = false;
  enableSandbox() {}
  requestSingleInstanceLock() {
    return true;
  }
  whenReady() {
    return Promise.resolve();
  }
  quit() {}
})();

export function resetElectronMock(): void {
  BrowserWindow.instances = [];
  ipcMain.handlers.clear();
  ipcRenderer.invocations = [];
  ipcRenderer.listeners.clear();
  contextBridge.exposed.clear();
  session.defaultSession = new FakeSession();
  protocol.privileged = [];
  protocol.handlers.clear();
  safeStorage.available = true;
  safeStorage.backend = 'gnome_libsecret';
  Menu.applied = undefined;
  app.isPackaged = false;
}

export default { app, BrowserWindow, contextBridge, ipcMain, ipcRenderer, Menu, protocol, safeStorage, session };
