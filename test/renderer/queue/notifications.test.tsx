import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Capabilities, HistoryDetail, QueueRow } from '../../../common/contract';
import { ok } from '../../../common/result';
import { createFakeStation } from '../fake-station';
import { queueRow, renderStation } from './render-station';

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function doneDetail(row: QueueRow, patch: Partial<HistoryDetail> = {}): HistoryDetail {
  return {
    id: row.id,
    createdAt: row.createdAt,
    finishedAt: row.updatedAt + 5_000,
    updatedAt: row.updatedAt + 5_000,
    submittedAt: row.updatedAt,
    service: row.service,
    mode: row.mode,
    state: 'done',
    verdict: 'verified',
    operator: 'desk-1',
    subject: { name: 'VALERIA PERFILOVA', documentNumber: 'XX008080', dateOfBirth: '1991-09-24' },
    unreadable: false,
    taskId: 'task-1',
    sendCount: 1,
    attentionReason: null,
    error: null,
    fields: {},
    prechecks: null,
    overrideReason: null,
    result: null,
    attempts: [],
    images: [],
    unreadableColumns: [],
    ...patch,
  };
}

/** The shell with a queue whose content the test changes, announced the way main does. */
async function withQueue(initial: QueueRow[], capabilities: Capabilities = { systemNotifications: false }) {
  const station = createFakeStation();
  station.handle('app:info', () => ok({ name: 'Progeny Station', version: '9.9.9', dataDir: '/data/station', capabilities }));
  let rows = initial;
  station.handle('queue:list', () => ok(rows));
  const rendered = await renderStation(station);
  await waitFor(() => expect(rendered.store.getState().queue).toEqual(initial));
  const changeQueue = async (next: QueueRow[]) => {
    rows = next;
    act(() => station.emit('queue:changed', { counts: {} }));
    await waitFor(() => expect(rendered.store.getState().queue).toEqual(next));
  };
  return { station, changeQueue, ...rendered };
}

const region = () => screen.getByRole('region', { name: 'Notifications' });

describe('notifications', () => {
  it('announces a finished verification with its verdict and opens its result', async () => {
    const user = userEvent.setup();
    const row = queueRow({ state: 'submitted', taskId: 'task-1' });
    const { station, store, changeQueue } = await withQueue([row]);
    station.handle('history:detail', () => ok(doneDetail(row)));
    expect(region()).toHaveAttribute('aria-live', 'polite');

    await changeQueue([]);
    expect(await within(region()).findByText('KYC with passport: Verified')).toBeInTheDocument();
    expect(station.calls).toContainEqual({ operation: 'history:detail', payload: { id: row.id } });

    await user.click(within(region()).getByRole('button', { name: 'Open result: KYC with passport: Verified' }));
    expect(store.getState().view).toBe('result');
    expect(store.getState().resultId).toBe(row.id);
    expect(within(region()).queryByText('KYC with passport: Verified')).not.toBeInTheDocument();
  });

  it('stays quiet about an item that was cancelled, and about the first list it sees', async () => {
    const waiting = queueRow({ state: 'attention', attentionReason: 'uncertain' });
    const row = queueRow({ state: 'ready' });
    const { station, changeQueue } = await withQueue([waiting, row]);
    station.handle('history:detail', () => ok(doneDetail(row, { state: 'cancelled', verdict: null })));
    await changeQueue([waiting]);
    await waitFor(() => expect(station.calls.some((call) => call.operation === 'history:detail')).toBe(true));
    expect(within(region()).queryAllByRole('listitem')).toEqual([]);
  });

  it('announces an item that starts needing attention, and keeps that notice', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
    const row = queueRow({ state: 'submitting', service: 'ocr_card' });
    const { store, changeQueue } = await withQueue([row]);
    await changeQueue([{ ...row, state: 'attention', attentionReason: 'uncertain' }]);
    const notice = await within(region()).findByText('Read ID card needs attention. Open the queue to see what to do.');
    act(() => void vi.advanceTimersByTime(60_000));
    expect(notice).toBeInTheDocument();
    await user.click(within(region()).getByRole('button', { name: /^Open the queue:/ }));
    expect(store.getState().view).toBe('queue');
  });

  it('lets a result notice go after 30 seconds, unless the operator is on it', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { store } = await withQueue([]);
    act(() => store.getState().notify({ kind: 'result', verificationId: null, text: 'Liveness check: Verified' }));
    act(() => store.getState().notify({ kind: 'result', verificationId: null, text: 'Read passport: Not verified' }));
    act(() => within(region()).getByRole('button', { name: 'Dismiss: Read passport: Not verified' }).focus());
    act(() => void vi.advanceTimersByTime(29_000));
    expect(within(region()).getByText('Liveness check: Verified')).toBeInTheDocument();
    act(() => void vi.advanceTimersByTime(1_500));
    expect(within(region()).queryByText('Liveness check: Verified')).not.toBeInTheDocument();
    expect(within(region()).getByText('Read passport: Not verified')).toBeInTheDocument();
  });

  it('where the host has system notifications, also shows one without the customer’s name or document', async () => {
    const shown: Array<{ title: string; body: string | undefined }> = [];
    vi.stubGlobal(
      'Notification',
      class {
        constructor(title: string, options?: NotificationOptions) {
          shown.push({ title, body: options?.body });
        }
      },
    );
    const row = queueRow({ state: 'submitted' });
    const { station, store, changeQueue } = await withQueue([row], { systemNotifications: true });
    await waitFor(() => expect(store.getState().info?.capabilities.systemNotifications).toBe(true));
    station.handle('history:detail', () => ok(doneDetail(row, { verdict: 'not-verified' })));
    await changeQueue([]);
    await within(region()).findByText('KYC with passport: Not verified');
    expect(shown).toEqual([{ title: 'Verification finished', body: 'KYC with passport: Not verified' }]);
    expect(JSON.stringify(shown)).not.toMatch(/PERFILOVA|XX008080/);
  });

  it('shows no system notification where the host has none, whatever the user agent claims', async () => {
    const constructed = vi.fn();
    vi.stubGlobal('Notification', constructed);
    // The old check read the user agent: a page that says "Electron" must not get system notifications.
    vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue('Mozilla/5.0 ProgenyStation/0.1.0 Electron/45.5.0');
    const row = queueRow({ state: 'submitted' });
    const { station, changeQueue } = await withQueue([row]);
    station.handle('history:detail', () => ok(doneDetail(row)));
    await changeQueue([]);
    await within(region()).findByText('KYC with passport: Verified');
    expect(constructed).not.toHaveBeenCalled();
  });
});
