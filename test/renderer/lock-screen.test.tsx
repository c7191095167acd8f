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

  it('tells main about operator input at most every 20 s (main runs the idle lock), and Alt+L locks at once', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const station = createFakeStation();
    station.handle('lock:activity', () => ok(true));
    await renderApp(station);
    await screen.findByText('Training');
    const reported = () => station.calls.filter((call) => call.operation === 'lock:activity').length;
    const engaged = () => station.calls.filter((call) => call.operation === 'lock:engage').map((call) => call.payload);
    // The page's own polling is not the operator: nothing is reported without input, nothing locks from here.
    act(() => void vi.advanceTimersByTime(10 * 60_000));
    expect(reported()).toBe(0);
    expect(engaged()).toEqual([]);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Shift' }));
    expect(reported()).toBe(1);
    for (let i = 0; i < 10; i += 1) window.dispatchEvent(new PointerEvent('pointerdown'));
    expect(reported()).toBe(1);
    // Input during the quiet spell is reported at its end, so main never locks early.
    act(() => void vi.advanceTimersByTime(20_001));
    expect(reported()).toBe(2);
    act(() => void vi.advanceTimersByTime(60_000));
    expect(reported()).toBe(2);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'l', altKey: true }));
    expect(engaged()).toEqual([{ reason: 'operator' }]);
  });

  it('asks for the station passphrase first when the PIN cannot be checked yet, then for the PIN', async () => {
    const user = userEvent.setup();
    const locked = { ...trainingStatus, store: 'locked' as const, locked: true, pinSet: true };
    const station = createFakeStation({ status: locked });
    station.handle('store:unlock', () => {
      station.handle('status:get', () => ok({ ...locked, store: 'unlocked' }));
      return ok(true);
    });
    await renderApp(station);
    expect(await screen.findByRole('heading', { name: 'Station locked' })).toBeInTheDocument();
    expect(screen.queryByLabelText('Operator PIN')).not.toBeInTheDocument();
    await user.type(screen.getByLabelText('Passphrase'), 'the passphrase{Enter}');
    expect(await screen.findByLabelText('Operator PIN')).toHaveFocus();
    expect(screen.getByRole('heading', { name: 'Station locked' })).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Main' })).not.toBeInTheDocument();
  });
});
