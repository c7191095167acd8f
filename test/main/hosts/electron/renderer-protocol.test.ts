import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../../common/csp';
import { registerAppScheme, rendererResponse, serveRenderer } from '../../../../main/hosts/electron/renderer-protocol';
import { protocol, resetElectronMock } from '../../../mocks/electron';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'station-renderer-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>x</title>');
  writeFileSync(join(root, 'assets', 'a.js'), 'export {}');
  writeFileSync(join(tmpdir(), 'outside-secret.js'), 'secret');
});

describe('station:// protocol', () => {
  it('is registered as a secure standard scheme and handled by the renderer server', () => {
    resetElectronMock();
    registerAppScheme();
    serveRenderer(root);
    expect(protocol.privileged).toEqual([{ scheme: 'station', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(protocol.handlers.has('station')).toBe(true);
  });

  it('serves the entry page with the CSP and security headers', async () => {
    const response = await rendererResponse(root, 'station://app/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>x</title>');
  });

  it('refuses paths that escape the renderer folder and foreign hosts', async () => {
    expect((await rendererResponse(root, 'station://app/%2e%2e/outside-secret.js')).status).toBe(404);
    expect((await rendererResponse(root, 'station://other/index.html')).status).toBe(404);
    expect((await rendererResponse(root, 'station://app/missing.js')).status).toBe(404);
  });
});
