import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type ResponseOf, type Settings, type Status } from '../../../common/contract';
import { fail, ok } from '../../../common/result';
import { createFakeStation, trainingStatus, type FakeStation } from '../fake-station';
import { renderStation } from '../queue/render-station';

afterEach(() => {
  Reflect.deleteProperty(navigator, 'mediaDevices');
});

async function openSettings(options: { settings?: Partial<Settings>; status?: Partial<Status>; prepare?: (station: FakeStation) => void } = {}) {
  const user = userEvent.setup();
  const station = createFakeStation({ settings: { ...DEFAULT_SETTINGS, language: 'en', ...options.settings }, status: { ...trainingStatus, ...options.status } });
  station.handle('audit:list', () => ok([]));
  options.prepare?.(station);
  await renderStation(station);
  await user.click(screen.getByRole('button', { name: /Settings/ }));
  await screen.findByRole('heading', { name: 'Verification server' });
  return { user, station };
}

const section = (name: string) => screen.getByRole('region', { name });
const payloadsOf = (station: FakeStation, operation: string) => station.calls.filter((call) => call.operation === operation).map((call) => call.payload);

describe('settings: verification server', () => {
  it('switches to live through main and then asks for a sign-in, saying results wait until then', async () => {
    const { user, station } = await openSettings();
    const server = section('Verification server');
    expect(within(server).queryByLabelText('Username')).not.toBeInTheDocument();
    await user.click(within(server).getByRole('radio', { name: 'Live' }));
    expect(payloadsOf(station, 'settings:update')).toEqual([{ mode: 'live' }]);
    expect(await within(server).findByText(/Until you sign in, verifications stay queued on this computer/)).toBeInTheDocument();
    expect(within(server).getByRole('radio', { name: 'Live' })).toBeChecked();
    expect(within(server).getByLabelText('Username')).toBeInTheDocument();
  });

  it('sends the credentials once and empties the password field', async () => {
    const { user, station } = await openSettings({ settings: { mode: 'live' } });
    station.handle('credentials:sign-in', () => ok(true));
    const password = screen.getByLabelText('Password');
    expect(password).toHaveAttribute('type', 'password');
    expect(password).toHaveAttribute('autocomplete', 'current-password');
    await user.type(screen.getByLabelText('Username'), 'desk-1@bank.example');
    await user.type(password, 's3cret pass');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(payloadsOf(station, 'credentials:sign-in')).toEqual([{ username: 'desk-1@bank.example', password: 's3cret pass', remember: false }]);
    expect(password).toHaveValue('');
    // The status is read again, so the screen follows main's view of the sign-in.
    await waitFor(() => expect(payloadsOf(station, 'status:get').length).toBeGreaterThan(1));
  });

  it('says which field is missing instead of sending an empty sign-in', async () => {
    const { user, station } = await openSettings({ settings: { mode: 'live' } });
    await user.type(screen.getByLabelText('Username'), 'desk-1');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Enter your Progeny password.');
    expect(screen.getByLabelText('Password')).toHaveFocus();
    expect(payloadsOf(station, 'credentials:sign-in')).toEqual([]);
  });

  it('cannot remember credentials where the computer cannot encrypt them, and says why', async () => {
    await openSettings({ settings: { mode: 'live' }, status: { canRememberCredentials: false } });
    const remember = screen.getByRole('checkbox', { name: 'Remember on this computer' });
    expect(remember).toBeDisabled();
    expect(remember).toHaveAccessibleDescription(/cannot keep the password encrypted/);
  });

  it('remembers on request, and shows main’s reason when it could not', async () => {
    const { user, station } = await openSettings({
      settings: { mode: 'live' },
      status: { canRememberCredentials: true },
      prepare: (s) => s.handle('credentials:sign-in', () => fail('credentials-not-stored', 'the keychain is locked')),
    });
    await user.type(screen.getByLabelText('Username'), 'desk-1');
    await user.type(screen.getByLabelText('Password'), 'pw');
    await user.click(screen.getByRole('checkbox', { name: 'Remember on this computer' }));
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(payloadsOf(station, 'credentials:sign-in')).toEqual([{ username: 'desk-1', password: 'pw', remember: true }]);
    expect(await screen.findByRole('alert')).toHaveTextContent('the password cannot be remembered on this computer (the keychain is locked)');
    expect(screen.getByLabelText('Password')).toHaveValue('');
  });

  it('offers sign-out when signed in', async () => {
    const { user, station } = await openSettings({ settings: { mode: 'live' }, status: { mode: 'live', signedIn: true } });
    station.handle('credentials:sign-out', () => ok(true));
    expect(screen.queryByLabelText('Password')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(payloadsOf(station, 'credentials:sign-out')).toEqual([undefined]);
  });

  it('checks the server address before saving it, and shows main’s refusal next to it', async () => {
    const { user, station } = await openSettings({
      prepare: (s) => s.handle('settings:update', () => fail('invalid-request', 'settings:update: serverUrl: must be an https:// address', { field: 'serverUrl' })),
    });
    const address = screen.getByRole('textbox', { name: 'Server address' });
    await user.clear(address);
    await user.type(address, 'http://progeny.example/api/v3');
    await user.click(screen.getByRole('button', { name: 'Save address' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Enter a full address starting with https://');
    expect(address).toHaveAttribute('aria-invalid', 'true');
    expect(payloadsOf(station, 'settings:update')).toEqual([]);

    await user.clear(address);
    await user.type(address, 'https://progeny.example/api/v3');
    await user.click(screen.getByRole('button', { name: 'Save address' }));
    expect(payloadsOf(station, 'settings:update')).toEqual([{ serverUrl: 'https://progeny.example/api/v3' }]);
    expect(await screen.findByRole('alert')).toHaveTextContent('The station did not accept this address: settings:update: serverUrl: must be an https:// address');
  });
});

describe('settings: cameras, retention, screen lock', () => {
  it('lists cameras by number until the browser reveals their names, and saves the choice', async () => {
    Object.defineProperty(navigator, 'mediaDevices', {
      configurable: true,
      value: Object.assign(new EventTarget(), {
        enumerateDevices: vi.fn(() =>
          Promise.resolve([
            { kind: 'audioinput', deviceId: 'mic', label: '', groupId: '' },
            { kind: 'videoinput', deviceId: 'cam-a', label: '', groupId: '' },
            { kind: 'videoinput', deviceId: 'cam-b', label: '', groupId: '' },
          ]),
        ),
      }),
    });
    const { user, station } = await openSettings();
    const selfie = screen.getByRole('combobox', { name: 'Selfie camera' });
    await within(selfie).findByRole('option', { name: 'Camera 2' });
    expect(
      within(selfie)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['System default', 'Camera 1', 'Camera 2']);
    expect(selfie).toHaveAccessibleDescription(/Camera names appear once/);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Document camera' }), 'cam-b');
    expect(payloadsOf(station, 'settings:update')).toEqual([{ cameras: { selfie: '', document: 'cam-b' } }]);
    await user.click(screen.getByRole('checkbox', { name: 'Automatic capture' }));
    expect(payloadsOf(station, 'settings:update')).toContainEqual({ autoCapture: false });
  });

  it('explains what is wrong with retention periods and saves good ones', async () => {
    const { user, station } = await openSettings();
    const retention = section('Data retention');
    const images = within(retention).getByRole('spinbutton', { name: 'Delete images after (days)' });
    const records = within(retention).getByRole('spinbutton', { name: 'Delete records after (days)' });
    const save = within(retention).getByRole('button', { name: 'Save retention' });

    await user.clear(images);
    await user.type(images, '0');
    await user.click(save);
    expect(images).toHaveAccessibleDescription('Enter a whole number of days from 1 to 3650 for images.');
    expect(images).toHaveFocus();

    await user.clear(images);
    await user.type(images, '400');
    await user.clear(records);
    await user.type(records, '100');
    await user.click(save);
    expect(records).toHaveAccessibleDescription('Records must be kept at least as long as images: enter 400 days or more.');
    expect(payloadsOf(station, 'settings:update')).toEqual([]);

    await user.clear(records);
    await user.type(records, '4000');
    await user.click(save);
    expect(records).toHaveAccessibleDescription('Enter a whole number of days from 1 to 3650 for records.');

    await user.clear(records);
    await user.type(records, '730');
    await user.click(save);
    expect(payloadsOf(station, 'settings:update')).toEqual([{ retention: { imagesDays: 400, recordsDays: 730 } }]);
    expect(await within(retention).findByText('Retention saved.')).toBeInTheDocument();
  });

  it('saves the idle lock in minutes and refuses what main would', async () => {
    const { user, station } = await openSettings();
    const minutes = screen.getByRole('spinbutton', { name: 'Lock after inactivity (minutes, 0 = never)' });
    await user.clear(minutes);
    await user.type(minutes, '300');
    await user.click(screen.getByRole('button', { name: 'Save screen lock' }));
    expect(minutes).toHaveAccessibleDescription('Enter a whole number of minutes from 0 (never lock) to 240.');
    await user.clear(minutes);
    await user.type(minutes, '0');
    await user.click(screen.getByRole('button', { name: 'Save screen lock' }));
    expect(payloadsOf(station, 'settings:update')).toEqual([{ idleLockMinutes: 0 }]);
  });

  it('shows a failed save next to the setting that caused it only', async () => {
    const { user } = await openSettings({ prepare: (s) => s.handle('settings:update', () => fail('internal', 'disk full')) });
    await user.click(screen.getByRole('checkbox', { name: 'Automatic capture' }));
    expect(within(section('Cameras')).getByRole('alert')).toHaveTextContent('This setting could not be saved: disk full');
    expect(screen.getAllByRole('alert')).toHaveLength(1);
  });
});

describe('settings: audit log', () => {
  it('lists the last 50 entries and spells out an override', async () => {
    const id = '0b7e5c1a-1111-4222-8333-944455556666';
    const entries: ResponseOf<'audit:list'> = [
      {
        seq: 8,
        at: Date.UTC(2025, 2, 14, 9, 31),
        actor: 'desk-1',
        action: 'override',
        details: { verification: id, service: 'kyc_passport', checks: ['document.glare', 'face.blur'], reason: 'Customer has no other document with them' },
      },
      {
        seq: 7,
        at: Date.UTC(2025, 2, 14, 9, 30),
        actor: 'desk-1',
        action: 'settings-change',
        details: { changed: ['mode', 'serverUrl'], serverFrom: 'https://be.progeny.tech', serverTo: 'https://progeny.example', credentialsCleared: true },
      },
    ];
    const { user, station } = await openSettings({ prepare: (s) => s.handle('audit:list', () => ok(entries)) });
    expect(payloadsOf(station, 'audit:list')).toEqual([{ limit: 50 }]);
    const table = await screen.findByRole('table', { name: 'The last 50 entries, newest first' });
    const override = within(table).getByRole('rowheader', { name: 'Failed pre-check accepted' }).closest('tr')!;
    expect(override).toHaveTextContent('desk-1');
    expect(override).toHaveTextContent(`Verification ${id}`);
    expect(override).toHaveTextContent('Service: KYC with passport');
    // Known checks in words, as on the report card; an id this version does not know stays as recorded.
    expect(override).toHaveTextContent('Accepted failing checks: Glare, face.blur');
    expect(override).toHaveTextContent('Reason given: “Customer has no other document with them”');
    const settingsChange = within(table).getByRole('rowheader', { name: 'Settings changed' }).closest('tr')!;
    expect(settingsChange).toHaveTextContent('Changed: mode, server address');
    expect(settingsChange).toHaveTextContent('Server changed from https://be.progeny.tech to https://progeny.example');
    expect(settingsChange).toHaveTextContent('Progeny credentials forgotten: nothing is sent until someone signs in for the new server');

    await user.click(screen.getByRole('button', { name: 'Refresh the audit log' }));
    await waitFor(() => expect(payloadsOf(station, 'audit:list')).toHaveLength(2));
  });

  it('says the log is locked while the store is', async () => {
    await openSettings({ status: { store: 'locked' }, prepare: (s) => s.handle('audit:list', () => fail('store-locked', 'locked')) });
    expect(await screen.findByText('The audit log is locked with the station’s data. Unlock the station to read it.')).toBeInTheDocument();
  });
});
