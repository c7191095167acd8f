import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// The lint rule is the guard that keeps raw IPC inside the typed wrappers; prove it bites.
const eslint = new ESLint({ cwd: process.cwd(), overrideConfig: tseslint.configs.disableTypeChecked });
const rulesHit = async (filePath: string, code: string) => (await eslint.lintText(code, { filePath }))[0]!.messages.map((m) => m.ruleId);

const rawIpc = [
  "import { ipcMain, ipcRenderer } from 'electron';",
  'export function leak(window: { webContents: { send(c: string): void } }) {',
  "  ipcMain.on('x', () => {});",
  "  ipcRenderer.send('x');",
  "  window.webContents.send('x');",
  '}',
].join('\n');

describe('IPC boundary lint rule', () => {
  it('forbids raw ipcMain, ipcRenderer and webContents.send outside the wrappers', async () => {
    const hits = await rulesHit('main/core/probe.ts', rawIpc);
    expect(hits.filter((rule) => rule === 'no-restricted-imports')).toHaveLength(2);
    expect(hits.filter((rule) => rule === 'no-restricted-syntax')).toHaveLength(3);
  });

  it('allows them in the two typed wrappers', async () => {
    for (const wrapper of ['main/hosts/electron/ipc.ts', 'preload/electron.ts']) {
      const hits = await rulesHit(wrapper, rawIpc);
      expect(hits).not.toContain('no-restricted-imports');
      expect(hits).not.toContain('no-restricted-syntax');
    }
  });

  it('keeps Node and Electron out of the renderer', async () => {
    const hits = await rulesHit('renderer/probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n");
    expect(hits).toContain('no-restricted-imports');
  });
});
