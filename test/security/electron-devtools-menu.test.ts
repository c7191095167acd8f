/**
 * Finding 10 (issue 12), as the attacker at the desk of a packaged station: open the Developer
 * Tools (Ctrl+Shift+I, or the View menu) to read the page's memory and call the bridge by hand, or
 * Reload to drop the screen's state. Neither may exist in a packaged build; development keeps both.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it } from 'vitest';
import { installApplicationMenu } from '../../main/hosts/electron/app-menu';
import { createMainWindow, secureWebPreferences } from '../../main/hosts/electron/window-factory';
import { app, BrowserWindow, Menu, resetElectronMock } from '../mocks/electron';

beforeEach(resetElectronMock);

const DEVELOPER_ROLES = ['toggleDevTools', 'reload', 'forceReload', 'viewMenu'];

/** Every role anywhere in a menu template, submenus included. */
function rolesIn(items: readonly MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [...(item.role ? [item.role] : []), ...(Array.isArray(item.submenu) ? rolesIn(item.submenu) : [])]);
}
const appliedTemplate = () => (Menu.applied as { template: MenuItemConstructorOptions[] }).template;

describe('a packaged station (finding 10)', () => {
  beforeEach(() => {
    app.isPackaged = true;
  });

  it('creates its window with the Developer Tools disabled', () => {
    createMainWindow('/app/preload/electron.cjs');
    expect(BrowserWindow.instances[0]!.options.webPreferences).toMatchObject({ devTools: false });
    expect(secureWebPreferences('/p.cjs')).toMatchObject({ devTools: false });
  });

  it.each(['win32', 'linux'] as const)('has no application menu at all on %s', (platform) => {
    installApplicationMenu({ platform });
    expect(Menu.applied).toBeNull();
  });

  it('keeps only the app (Quit), Edit and Window menus on macOS: no Developer Tools, no Reload', () => {
    installApplicationMenu({ platform: 'darwin' });
    const roles = rolesIn(appliedTemplate());
    expect(roles).toEqual(expect.arrayContaining(['appMenu', 'editMenu']));
    for (const role of DEVELOPER_ROLES) expect(roles).not.toContain(role);
  });
});

describe('a development build', () => {
  it('keeps the Developer Tools and Electron’s default menu', () => {
    app.isPackaged = false;
    expect(secureWebPreferences('/p.cjs')).toMatchObject({ devTools: true });
    installApplicationMenu({ platform: 'linux' });
    expect(Menu.applied).toBeUndefined();
  });
});
