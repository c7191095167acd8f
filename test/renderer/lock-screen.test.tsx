import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fail, ok } from '../../common/result';
import { createFakeStation, trainingStatus } from './fake-station';
import { renderApp } from './render-app';

afterEach(() => vi.useRealTimers());

const lockedStatus = { ...trainingStatus, locked: true, operator: null };

describe('"Who is working?" in the renderer', () => {
  it('renders nothing but the sign-in while main says the station is locked', async () => {
    const station = createFakeStation();
    await renderApp(station);
    await screen.findByText('Training');
    act(() => station.emit('status:changed', lockedStatus));
    expect(screen.getByRole('heading', { name: 'Who is working?' })).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Main' })).not.toBeInTheDocument();
    expect(screen.queryByRole('contentinfo', { name: 'Station status' })).not.toBeInTheDocument();
    expect(screen.getByLabelText('Your name')).toHaveFocus();
  });

  it('sends the name and secret, says a wrong secret, the wait or a disabled account in words, and empties the secret', async () => {
    const user = userEvent.setup();
    const station = createFakeStation({ status: lockedStatus });
    const answers = [
      fail('sign-in-refused', 'x', { reason: 'wrong', retryAfterMs: '0' }),
      fail('sign-in-refused', 'x', { reason: 'wait', retryAfterMs: '30000' }),
      fail('sign-in-refused', 'x', { reason: 'disabled', retryAfterMs: '0' }),
    ];
    station.handle('account:sign-in', () => answers.shift()!);
    await renderApp(station);
    await user.type(await screen.findByLabelText('Your name'), 'Olga');
    const secret = screen.getByLabelText('Your secret (PIN or passphrase)');
    await user.type(secret, '123456');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('That name or secret is not correct.');
    expect(secret).toHaveValue('');
    await user.type(secret, '555555{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many wrong secrets: try again in 30 s.');
    await user.type(secret, 'olga secret{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('This account is disabled: ask an administrator.');
    expect(station.calls.filter((call) => call.operation === 'account:sign-in').map((call) => call.payload)).toEqual([
      { name: 'Olga', secret: '123456' },
      { name: 'Olga', secret: '555555' },
      { name: 'Olga', secret: 'olga secret' },
    ]);
  });

  it('first start: creates the administrator with the secret typed twice', async () => {
    const user = userEvent.setup();
    const station = createFakeStation({ status: { ...lockedStatus, accounts: 'none' } });
    station.handle('account:create-first', () =>
      ok({ id: '00000000-0000-4000-8000-000000000001', name: 'Ana', role: 'administrator', disabled: false, createdAt: 0, createdBy: 'Ana', updatedAt: 0, updatedBy: 'Ana' }),
    );
    await renderApp(station);
    expect(await screen.findByRole('heading', { name: 'Create the administrator' })).toBeInTheDocument();
    await user.type(screen.getByLabelText('Administrator name'), 'Ana');
    await user.type(screen.getByLabelText('Secret (at least 6 digits or characters)'), 'ana secret');
    await user.type(screen.getByLabelText('Repeat the secret'), 'ana secreT');
    await user.click(screen.getByRole('button', { name: 'Create and sign in' }));
    expect(screen.getByRole('alert')).toHaveTextContent('The two secrets are not the same.');
    await user.clear(screen.getByLabelText('Repeat the secret'));
    await user.type(screen.getByLabelText('Repeat the secret'), 'ana secret{Enter}');
    expect(station.calls.filter((call) => call.operation === 'account:create-first').map((call) => call.payload)).toEqual([{ name: 'Ana', secret: 'ana secret' }]);
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

  it('asks for the station passphrase first when the accounts cannot be read yet, then who is working', async () => {
    const user = userEvent.setup();
    const locked = { ...lockedStatus, store: 'locked' as const, accounts: null };
    const station = createFakeStation({ status: locked });
    station.handle('store:unlock', () => {
      station.handle('status:get', () => ok({ ...locked, store: 'unlocked', accounts: 'ready' }));
      return ok(true);
    });
    await renderApp(station);
    expect(await screen.findByRole('heading', { name: 'Who is working?' })).toBeInTheDocument();
    expect(screen.queryByLabelText('Your name')).not.toBeInTheDocument();
    await user.type(screen.getByLabelText('Passphrase'), 'the passphrase{Enter}');
    expect(await screen.findByLabelText('Your name')).toHaveFocus();
    expect(screen.queryByRole('navigation', { name: 'Main' })).not.toBeInTheDocument();
  });

  it('shift handover: locking drops the open result and the notices; the status bar names who is signed in', async () => {
    const station = createFakeStation();
    const { store } = await renderApp(station);
    expect(await screen.findByText('Ana (Administrator)')).toBeInTheDocument();
    act(() => {
      store.getState().showResult('00000000-0000-4000-8000-000000000009');
      store.getState().notify({ verificationId: null, kind: 'info', text: 'for Olga only' });
    });
    act(() => station.emit('status:changed', lockedStatus));
    expect(store.getState()).toMatchObject({ view: 'new', resultId: null, notices: [] });
  });
});
