import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Status } from '../../../common/contract';
import { fail, ok } from '../../../common/result';
import { createFakeStation, trainingStatus, type FakeStation } from '../fake-station';
import { renderStation } from '../queue/render-station';

async function openPinSection(status: Partial<Status>, prepare?: (station: FakeStation) => void) {
  const user = userEvent.setup();
  const station = createFakeStation({ settings: { ...DEFAULT_SETTINGS, language: 'en' }, status: { ...trainingStatus, ...status } });
  station.handle('audit:list', () => ok([]));
  prepare?.(station);
  await renderStation(station);
  await user.click(screen.getByRole('button', { name: /Settings/ }));
  const section = await screen.findByRole('region', { name: 'Operator PIN' });
  return { user, station, section };
}

describe('settings: operator PIN', () => {
  it('sets a first PIN with the new PIN typed twice, and says so', async () => {
    const { user, station, section } = await openPinSection({}, (fake) => fake.handle('lock:set-pin', () => ok(true)));
    expect(within(section).getByText('No PIN is set: anyone at the desk can unlock the station.')).toBeInTheDocument();
    expect(within(section).queryByLabelText('Current PIN')).not.toBeInTheDocument();
    await user.type(within(section).getByLabelText('New PIN (4 to 12 digits)'), '4829');
    await user.type(within(section).getByLabelText('Repeat the new PIN'), '4820');
    await user.click(within(section).getByRole('button', { name: 'Save PIN' }));
    expect(within(section).getByRole('alert')).toHaveTextContent('The two PINs are not the same.');
    for (const label of ['New PIN (4 to 12 digits)', 'Repeat the new PIN']) {
      await user.clear(within(section).getByLabelText(label));
      await user.type(within(section).getByLabelText(label), '482913');
    }
    await user.click(within(section).getByRole('button', { name: 'Save PIN' }));
    expect(await within(section).findByRole('status')).toHaveTextContent('The PIN was saved.');
    expect(station.calls.filter((call) => call.operation === 'lock:set-pin').map((call) => call.payload)).toEqual([{ pin: '482913' }]);
  });

  it('changing or removing needs the current PIN; a wrong one and the wait are said in words', async () => {
    const answers = [fail('pin-refused', 'x', { retryAfterMs: '0' }), fail('pin-refused', 'x', { retryAfterMs: '30000' })];
    const { user, station, section } = await openPinSection({ pinSet: true }, (fake) => {
      fake.handle('lock:set-pin', () => answers.shift()!);
      fake.handle('lock:clear-pin', () => ok(true));
    });
    await user.click(within(section).getByRole('button', { name: 'Remove PIN' }));
    expect(within(section).getByRole('alert')).toHaveTextContent('Enter the current PIN (4 to 12 digits) first.');
    expect(within(section).getByLabelText('Current PIN')).toHaveFocus();
    const change = async (current: string) => {
      await user.type(within(section).getByLabelText('Current PIN'), current);
      await user.type(within(section).getByLabelText('New PIN (4 to 12 digits)'), '5555');
      await user.type(within(section).getByLabelText('Repeat the new PIN'), '5555');
      await user.click(within(section).getByRole('button', { name: 'Save PIN' }));
    };
    await change('1111');
    expect(await within(section).findByRole('alert')).toHaveTextContent('The current PIN is not correct: nothing was changed.');
    await change('2222');
    expect(await within(section).findByRole('alert')).toHaveTextContent('Too many wrong PINs: try again in 30 s.');
    await user.type(within(section).getByLabelText('Current PIN'), '482913');
    await user.click(within(section).getByRole('button', { name: 'Remove PIN' }));
    expect(await within(section).findByRole('status')).toHaveTextContent('The PIN was removed.');
    expect(station.calls.filter((call) => call.operation === 'lock:clear-pin').map((call) => call.payload)).toEqual([{ currentPin: '482913' }]);
    act(() => station.emit('status:changed', { ...trainingStatus, pinSet: false }));
    expect(within(section).queryByRole('button', { name: 'Remove PIN' })).not.toBeInTheDocument();
  });

  it('while the station data is locked, says the passphrase comes first and offers no PIN form', async () => {
    const { section } = await openPinSection({ store: 'locked' });
    expect(within(section).getByText('Unlock the station data with its passphrase to set, change or remove the PIN.')).toBeInTheDocument();
    expect(within(section).queryByRole('button', { name: 'Save PIN' })).not.toBeInTheDocument();
  });
});
