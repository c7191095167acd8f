import { app, Menu, type MenuItemConstructorOptions } from 'electron';

/**
 * The application menu of a packaged station. Electron's default menu offers Reload (which drops
 * the page's state under the operator) and Toggle Developer Tools (the page's memory and a console
 * on the bridge): a station has neither. macOS keeps its app menu (Quit) and Edit, without which
 * copy and paste shortcuts stop working in text fields; elsewhere there is no menu at all (the
 * text fields' shortcuts are Chromium's own there). Roles only: Electron names the items.
 */
export function packagedMenuTemplate(platform: NodeJS.Platform): MenuItemConstructorOptions[] | null {
  if (platform !== 'darwin') return null;
  return [{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }];
}

/** Development keeps Electron's default menu (Reload, DevTools); a packaged build gets the minimal one. */
export function installApplicationMenu(options: { packaged?: boolean; platform?: NodeJS.Platform } = {}): void {
  const packaged = options.packaged ?? app.isPackaged;
  if (!packaged) return;
  const template = packagedMenuTemplate(options.platform ?? process.platform);
  Menu.setApplicationMenu(template ? Menu.buildFromTemplate(template) : null);
}
