import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fail } from '../../common/result';
import { createFakeStation, trainingStatus } from './fake-station';
import { renderApp } from './render-app';

describe('app shell', () => {
  it('shows navigation, the training banner and an honest status bar', async () => {
    await renderApp(createFakeStation({ status: { ...trainingStatus, store: 'locked', queueSize: null } }));
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(
      within(nav)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['New verificationAlt+1', 'QueueAlt+2', 'HistoryAlt+3', 'SettingsAlt+4', 'My work todayAlt+5']);
    const status = await screen.findByRole('contentinfo', { name: 'Station status' });
    await within(status).findByText('Training');
    expect(within(status).getByText('Not checked yet')).toBeInTheDocument();
    expect(within(status).getByText('Not available')).toBeInTheDocument();
    expect(screen.getByRole('note')).toHaveTextContent('TRAINING');
  });

  it('shows a real queue size and connectivity when main reports them', async () => {
    const station = createFakeStation();
    await renderApp(station);
    await screen.findByText('Training');
    act(() => station.emit('status:changed', { ...trainingStatus, mode: 'live', connectivity: 'offline', queueSize: 1234 }));
    const status = screen.getByRole('contentinfo', { name: 'Station status' });
    expect(within(status).getByText('Live')).toBeInTheDocument();
    expect(within(status).getByText('Offline')).toBeInTheDocument();
    expect(within(status).getByText('1,234')).toBeInTheDocument();
    expect(screen.queryByRole('note')).not.toBeInTheDocument();
  });

  it('switches views by click and by Alt+number, marking the current one', async () => {
    const user = userEvent.setup();
    await renderApp(createFakeStation());
    await user.click(screen.getByRole('button', { name: /Queue/ }));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Queue');
    expect(screen.getByRole('button', { name: /Queue/ })).toHaveAttribute('aria-current', 'page');
    await user.keyboard('{Alt>}3{/Alt}');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('History');
    expect(screen.getByRole('heading', { level: 1 })).toHaveFocus();
  });

  it('reaches every navigation control with the keyboard', async () => {
    const user = userEvent.setup();
    await renderApp(createFakeStation());
    await user.tab(); // skip link
    expect(screen.getByRole('link', { name: 'Skip to main content' })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('button', { name: /New verification/ })).toHaveFocus();
    await user.tab();
    await user.tab();
    await user.tab();
    expect(screen.getByRole('button', { name: /Settings/ })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('combobox', { name: 'Language' })).toBeInTheDocument();
  });

  it('switches to Arabic through main and lays the page out right to left', async () => {
    const user = userEvent.setup();
    const station = createFakeStation();
    await renderApp(station);
    await user.click(screen.getByRole('button', { name: /Settings/ }));
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Language' }), 'ar');
    expect(station.calls).toContainEqual({ operation: 'settings:update', payload: { language: 'ar' } });
    await waitFor(() => expect(document.documentElement.dir).toBe('rtl'));
    expect(document.documentElement.lang).toBe('ar');
    expect(screen.getByRole('navigation', { name: 'القائمة الرئيسية' })).toBeInTheDocument();
  });

  it('shows the version and data folder in Settings', async () => {
    const user = userEvent.setup();
    await renderApp(createFakeStation());
    await user.click(screen.getByRole('button', { name: /Settings/ }));
    expect(await screen.findByText('9.9.9')).toBeInTheDocument();
    expect(screen.getByText('/data/station')).toBeInTheDocument();
  });

  it('tells the operator when a setting could not be saved', async () => {
    const user = userEvent.setup();
    const station = createFakeStation();
    station.handle('settings:update', () => fail('internal', 'disk full'));
    await renderApp(station);
    await user.click(screen.getByRole('button', { name: /Settings/ }));
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Language' }), 'fr');
    expect(await screen.findByRole('alert')).toHaveTextContent('The setting could not be saved: disk full');
  });

  it('says plainly when the station is unreachable, and recovers on retry', async () => {
    const user = userEvent.setup();
    const station = createFakeStation();
    station.handle('status:get', () => fail('bridge-unavailable', 'gone'));
    await renderApp(station);
    expect(await screen.findByRole('alert')).toHaveTextContent('The station is not reachable');
    station.handle('status:get', () => ({ ok: true, value: trainingStatus }));
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.queryByRole('alert')).not.toBeInTheDocument());
  });

  it('warns when the settings file had to be set aside', async () => {
    await renderApp(createFakeStation({ status: { ...trainingStatus, settingsRecoveredFrom: '/d/settings.json.invalid-1' } }));
    expect(await screen.findByRole('alert')).toHaveTextContent('/d/settings.json.invalid-1');
  });
});
