/**
 * Bad messages on the Electron IPC bridge (the mocked ipcMain records the real handlers), against
 * a whole station core: wrong senders are refused before anything runs, bad payloads are refused
 * naming the field, and the station keeps working with what was queued intact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerBridgeHandlers } from '../../main/hosts/electron/ipc';
import { fixture } from '../main/analysis/analysis-env';
import { ipcMain, resetElectronMock } from '../mocks/electron';
import { openBadInputStation, selfieRequest, upload, type BadInputStation } from './bad-input-station';

const OUR_PAGE = { url: 'station://app/index.html', parent: null };
let station: BadInputStation;
let unregister: () => void;

beforeAll(async () => {
  resetElectronMock();
  station = await openBadInputStation();
  await station.submitValid('before.jpg');
  unregister = registerBridgeHandlers(station.core.dispatch);
});
afterAll(async () => {
  unregister();
  await station.close();
});

type Answer = { ok: boolean; error?: { code: string; message: string; details?: Record<string, string> } };
const invoke = (operation: string, frame: unknown, payload?: unknown) => ipcMain.handlers.get(operation)!({ senderFrame: frame }, payload) as Promise<Answer>;

describe('the Electron bridge with bad messages', () => {
  it.each([
    ['a foreign web page', { url: 'https://evil.example/index.html', parent: null }],
    ['a local file', { url: 'file:///tmp/index.html', parent: null }],
    ['a look-alike host', { url: 'station://app.evil/index.html', parent: null }],
    ['a frame inside our page', { url: 'station://app/index.html', parent: OUR_PAGE }],
    ['no frame at all (destroyed)', null],
  ])('a request from %s: forbidden-sender, nothing queued', async (_label, frame) => {
    const before = station.core.queue!.queue.list().length;
    const result = await invoke('verification:submit', frame, selfieRequest('intruder.jpg'));
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender', message: expect.stringMatching(/^verification:submit refused: the request did not come from the station's own page/) },
    });
    expect(station.core.queue!.queue.list()).toHaveLength(before);
  });

  it.each<[string, string, unknown, string, RegExp]>([
    ['no payload at all', 'verification:submit', undefined, 'request', /expected object, received undefined/],
    ['a string instead of an object', 'verification:submit', 'face_liveness', 'request', /expected object/],
    ['an unknown service', 'verification:submit', { ...selfieRequest(), service: 'mind_reading' }, 'service', /Invalid option/],
    [
      'a file without data',
      'verification:submit',
      { service: 'face_liveness', files: { image: { filename: 's.jpg', contentType: 'image/jpeg' } }, fields: {} },
      'files.image.data',
      /expected string, received undefined/,
    ],
    ['a text field far too long', 'verification:submit', { service: 'background_check', files: {}, fields: { fullname: 'x'.repeat(201), birth_date: '1990-01-01' } }, 'fields.fullname', /Too big/],
    ['an id that is not a UUID', 'queue:resolve', { id: 'not-a-uuid', resend: true }, 'id', /Invalid UUID/],
    ['a secret too short to sign in', 'account:sign-in', { name: 'Ana', secret: '12' }, 'secret', /a secret is at least 6 digits or characters/],
    ['an extra key', 'settings:update', { language: 'fr', dataDir: '/etc' }, 'request', /Unrecognized key: "dataDir"/],
  ])('%s: invalid-request naming the field', async (_label, operation, payload, field, message) => {
    const result = await invoke(operation, OUR_PAGE, payload);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request', details: { field } } });
    expect(result.error!.message).toMatch(new RegExp(`^${operation}: ${field.replaceAll('.', '\\.')}: `));
    expect(result.error!.message).toMatch(message);
  });

  it('a hostile file in a well-formed request: input-rejected naming the problem', async () => {
    const result = await invoke('verification:submit', OUR_PAGE, { service: 'face_liveness', files: { image: upload('x.png', fixture('hostile-bomb-30000.png'), 'image/png') }, fields: {} });
    expect(result).toMatchObject({ ok: false, error: { code: 'input-rejected', details: { field: 'image' } } });
    expect(result.error!.message).toMatch(/30000x30000 pixels/);
  });

  it('after all of that, the station page is served as before and nothing queued was lost', async () => {
    expect(await invoke('verification:submit', OUR_PAGE, selfieRequest('after.jpg'))).toMatchObject({ ok: true });
    expect(station.core.queue!.queue.list()).toHaveLength(2);
    await station.expectQueuedIntact();
  });
});
