import { beforeEach, describe, expect, it, vi } from 'vitest';
import { OPERATION_NAMES } from '../../../../common/contract';
import { ok } from '../../../../common/result';
import { createDispatcher } from '../../../../main/core/dispatcher';
import { silentLogger } from '../../../../main/core/logger';
import { isTrustedSender, registerBridgeHandlers, sendEvent } from '../../../../main/hosts/electron/ipc';
import { stubHandlers, stubSettings, stubStatus } from '../../../support/stub-handlers';
import { FakeWebContents, ipcMain, resetElectronMock } from '../../../mocks/electron';

beforeEach(resetElectronMock);

const ourFrame = { url: 'station://app/index.html', parent: null };
const update = vi.fn((patch: { language?: string }) => ok({ ...stubSettings, language: patch.language ?? 'en' }));
const dispatch = createDispatcher(stubHandlers({ 'settings:update': update as never }), silentLogger);
const call = (operation: string, frame: unknown, payload: unknown) => ipcMain.handlers.get(operation)!({ senderFrame: frame }, payload);

describe('Electron IPC wrapper', () => {
  it('registers exactly one handler per contract operation and removes them all', () => {
    const unregister = registerBridgeHandlers(dispatch);
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...OPERATION_NAMES].sort());
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('answers a valid request from the station page', async () => {
    registerBridgeHandlers(dispatch);
    await expect(call('settings:update', ourFrame, { language: 'fr' })).resolves.toEqual({ ok: true, value: { ...stubSettings, language: 'fr' } });
  });

  it('rejects a payload that fails its schema before the handler runs', async () => {
    registerBridgeHandlers(dispatch);
    update.mockClear();
    await expect(call('settings:update', ourFrame, { language: 'fr', path: '/etc/passwd' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(update).not.toHaveBeenCalled();
  });

  it.each([
    ['a foreign page', { url: 'https://evil.example/', parent: null }],
    ['a file page', { url: 'file:///tmp/x.html', parent: null }],
    ['a subframe of our page', { url: 'station://app/index.html', parent: ourFrame }],
    ['a missing frame', null],
  ])('rejects a sender that is %s', async (_label, frame) => {
    registerBridgeHandlers(dispatch);
    update.mockClear();
    await expect(call('settings:update', frame, { language: 'fr' })).resolves.toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(update).not.toHaveBeenCalled();
  });

  it('trusts only top-level frames on the station origin', () => {
    expect(isTrustedSender(ourFrame as never)).toBe(true);
    expect(isTrustedSender({ url: 'station://app.evil/index.html', parent: null } as never)).toBe(false);
  });

  it('sends events to live contents and skips destroyed ones', () => {
    const live = new FakeWebContents();
    const gone = new FakeWebContents();
    gone.destroyed = true;
    const status = stubStatus;
    sendEvent(live as never, 'status:changed', status);
    sendEvent(gone as never, 'status:changed', status);
    expect(live.sent).toEqual([{ channel: 'status:changed', payload: status }]);
    expect(gone.sent).toEqual([]);
  });
});
