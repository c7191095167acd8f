import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fail, ok } from '../../common/result';
import { createFakeStation, trainingStatus } from './fake-station';
import { renderApp } from './render-app';

afterEach(() => vi.useRealTimers());

describe('operator lock in the renderer', () => {
  it('renders nothing but the lock screen while main says the station is locked', async () => {
    const station = createFakeStation();
    await renderApp(station);
    await screen.findByText('Training');
    act(() => station.emit('status:changed', { ...trainingStatus, locked: true, pinSet: true }));
    expect(screen.getByRole('heading', { name: 'Station locked' })).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Main' })).not.toBeInTheDocument();
    expect(screen.queryByRole('contentinfo', { name: 'Station status' })).not.toBeInTheDocument();
    expect(screen.getByLabelText('Operator PIN')).toHaveFocus();
  });

  it('sends the PIN, shows a wrong PIN or the wait in words, and clears the field', async () => {
    const user = userEvent.setup();
    const station = createFakeStation({ status: { ...trainingStatus, locked: true, pinSet: true } });
    const answers = [fail('pin-refused', 'That PIN is not correct.', { retryAfterMs: '0' }), fail('pin-refused', 'wait', { retryAfterMs: '30000' }), ok(true)];
    station.handle('lock:release', () => answers.shift()!);
    await renderApp(station);
    const pin = await screen.findByLabelText('Operator PIN');
    await user.type(pin, '12ab34');
    expect(pin).toHaveValue('1234');
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('That PIN is not correct.');
    expect(pin).toHaveValue('');
    await user.type(pin, '5555{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many wrong PINs: try again in 30 s.');
    expect(station.calls.filter((call) => call.operation === 'lock:release').map((call) => call.payload)).toEqual([{ pin: '1234' }, { pin: '5555' }]);
  });

  it('asks main to lock after the idle time, and Alt+L locks at once', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const station = createFakeStation();
    await renderApp(station);
    await screen.findByText('Training');
    const engaged = () => station.calls.filter((call) => call.operation === 'lock:engage').map((call) => call.payload);
    act(() => void vi.advanceTimersByTime(4 * 60_000));
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Shift' }));
    act(() => void vi.advanceTimersByTime(4 * 60_000));
    expect(engaged()).toEqual([]);
    act(() => void vi.advanceTimersByTime(60_001));
    expect(engaged()).toEqual([{ reason: 'idle' }]);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'l', altKey: true }));
    expect(engaged()).toEqual([{ reason: 'idle' }, { reason: 'operator' }]);
  });
});
