import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Status } from '../../../common/contract';
import { fail, ok } from '../../../common/result';
import { createFakeStation, trainingStatus, type FakeStation } from '../fake-station';
import { renderStation } from '../queue/render-station';

async function openUnlock(store: Status['store'], prepare: (station: FakeStation) => void) {
  const user = userEvent.setup();
  const station = createFakeStation({ status: { ...trainingStatus, store } });
  prepare(station);
  await renderStation(station);
  return { user, station };
}

const unlockCalls = (station: FakeStation) => station.calls.filter((call) => call.operation === 'store:unlock').map((call) => call.payload);

describe('unlock screen', () => {
  it('on first start, asks for a passphrase twice and explains it cannot be recovered', async () => {
    const { user, station } = await openUnlock('new', (s) => s.handle('store:unlock', () => ok(true)));
    const form = await screen.findByRole('form', { name: 'Choose a passphrase for this station' });
    expect(form).toHaveAccessibleDescription(/protects the history and the queue stored on this computer\. Nobody can recover it/);
    const passphrase = screen.getByLabelText('Passphrase');
    const repeat = screen.getByLabelText('Repeat the passphrase');
    expect(passphrase).toHaveFocus();

    await user.type(passphrase, 'short');
    await user.type(repeat, 'short');
    await user.click(screen.getByRole('button', { name: 'Protect the station' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Choose a passphrase of at least 8 characters.');
    expect(passphrase).toHaveAccessibleDescription('Choose a passphrase of at least 8 characters.');
    expect(passphrase).toBeInvalid();
    expect(repeat).not.toBeInvalid();

    await user.clear(passphrase);
    await user.type(passphrase, 'correct horse battery');
    await user.clear(repeat);
    await user.type(repeat, 'correct horse batery');
    await user.click(screen.getByRole('button', { name: 'Protect the station' }));
    expect(screen.getByRole('alert')).toHaveTextContent('The two passphrases do not match. Type the same passphrase twice.');
    expect(repeat).toHaveValue('');
    expect(repeat).toHaveFocus();
    // The message is about the second input only: it alone is marked and described by it.
    expect(repeat).toBeInvalid();
    expect(repeat).toHaveAccessibleDescription('The two passphrases do not match. Type the same passphrase twice.');
    expect(passphrase).not.toBeInvalid();
    expect(passphrase).toHaveAccessibleDescription('');
    expect(unlockCalls(station)).toEqual([]);

    await user.type(repeat, 'correct horse battery{Enter}');
    expect(unlockCalls(station)).toEqual([{ newPassphrase: 'correct horse battery' }]);
    expect(passphrase).toHaveValue('');
    expect(repeat).toHaveValue('');
  });

  it('unlocks with the passphrase and reads the station status again', async () => {
    const { user, station } = await openUnlock('locked', (s) => s.handle('store:unlock', () => ok(true)));
    await screen.findByRole('form', { name: 'Unlock the station' });
    await user.type(screen.getByLabelText('Passphrase'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(unlockCalls(station)).toEqual([{ passphrase: 'correct horse battery' }]);
    await waitFor(() => expect(station.calls.filter((call) => call.operation === 'status:get').length).toBeGreaterThan(1));
  });

  it('says a wrong passphrase plainly, empties the field and puts focus back in it', async () => {
    const { user, station } = await openUnlock('locked', (s) => s.handle('store:unlock', () => fail('unlock-refused', 'That passphrase does not unlock this station’s data.')));
    const field = await screen.findByLabelText('Passphrase');
    await user.type(field, 'wrong one{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('That passphrase does not unlock this station’s data. Check Caps Lock and the keyboard language, then try again.');
    expect(field).toHaveValue('');
    expect(field).toHaveFocus();
    expect(field).toBeInvalid();
    expect(field).toHaveAccessibleDescription(/does not unlock this station’s data/);
    expect(unlockCalls(station)).toEqual([{ passphrase: 'wrong one' }]);
  });
});
