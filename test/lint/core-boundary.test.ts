import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// The core runs under every host; this lint rule keeps electron and the hosts out of it. Prove it bites.
const eslint = new ESLint({ cwd: process.cwd(), overrideConfig: tseslint.configs.disableTypeChecked });
const messagesOf = async (filePath: string, code: string) => (await eslint.lintText(code, { filePath }))[0]!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);

describe('core boundary lint rule', () => {
  it('is configured for main/core', async () => {
    const config = (await eslint.calculateConfigForFile('main/core/probe.ts')) as { rules: Record<string, unknown> };
    expect(JSON.stringify(config.rules['no-restricted-imports'])).toMatch(/hosts/);
  });

  it('forbids any electron import in main/core', async () => {
    expect(await messagesOf('main/core/probe.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([expect.stringMatching(/main\/core runs under every host/)]);
    expect(await messagesOf('main/core/queue/probe.ts', "import { type BrowserWindow } from 'electron';\nexport type A = BrowserWindow;\n")).toHaveLength(1);
    expect((await messagesOf('main/core/probe.ts', "import * as electron from 'electron';\nexport const a = electron;\n")).length).toBeGreaterThan(0);
  });

  it('forbids importing a host from main/core', async () => {
    expect(await messagesOf('main/core/queue/probe.ts', "import { startWebStation } from '../../hosts/web/web-station';\nexport const a = startWebStation;\n")).toEqual([
      expect.stringMatching(/never imports a host/),
    ]);
    expect(await messagesOf('main/core/probe.ts', "import { registerBridgeHandlers } from '../hosts/electron/ipc';\nexport const a = registerBridgeHandlers;\n")).toHaveLength(1);
  });

  it("leaves the core's own imports and the hosts alone", async () => {
    expect(await messagesOf('main/core/probe.ts', "import { openSettings } from './settings';\nimport { ok } from '../../common/result';\nexport const a = [openSettings, ok];\n")).toEqual([]);
    expect(await messagesOf('main/hosts/electron/probe.ts', "import { app } from 'electron';\nimport { openSettings } from '../../core/settings';\nexport const a = [app, openSettings];\n")).toEqual(
      [],
    );
  });
});
