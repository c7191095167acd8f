import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { QueueRow } from '../../../common/contract';
import { ok } from '../../../common/result';
import { createFakeStation, trainingStatus } from '../fake-station';
import { queueRow, renderStation } from './render-station';

async function openQueue(rows: QueueRow[], status = trainingStatus) {
  const user = userEvent.setup();
  const station = createFakeStation({ status });
  let current = rows;
  station.handle('queue:list', () => ok(current));
  const rendered = await renderStation(station);
  await screen.findByText(status.mode === 'training' ? 'Training' : 'Live', { selector: '.status-bar dd' });
  await user.click(screen.getByRole('button', { name: /Queue/ }));
  const setRows = (next: QueueRow[]) => {
    current = next;
  };
  return { user, station, setRows, ...rendered };
}

const rowOf = (service: string) => screen.getByRole('rowheader', { name: service }).closest('tr')!;
const callsOf = (station: ReturnType<typeof createFakeStation>, operation: string) => station.calls.filter((call) => call.operation === operation).map((call) => call.payload);

describe('queue screen', () => {
  it('lists every open item with its state, timing and the problem in words', async () => {
    const retrying = queueRow({ state: 'retry', attempts: 2, nextAttemptAt: Date.now() + 40_000, errorKind: 'offline', errorMessage: 'connect ECONNREFUSED 10.0.0.5:443' });
    const uncertain = queueRow({ service: 'face_liveness', state: 'attention', attentionReason: 'uncertain', errorKind: 'timeout', errorMessage: 'socket hang up' });
    await openQueue([retrying, uncertain]);
    const table = await screen.findByRole('table', { name: 'Verifications in the queue' });
    expect(within(table).getAllByRole('row')).toHaveLength(3);

    const first = rowOf('KYC with passport');
    expect(first).toHaveTextContent('Will retry');
    expect(first).toHaveTextContent('1 min'); // in this state since updatedAt, a minute ago
    expect(first).toHaveTextContent(/in (39|40) sec/);
    expect(first).toHaveTextContent('Progeny could not be reached. The station sends it again automatically.');
    expect(first).toHaveTextContent('Station detail: connect ECONNREFUSED 10.0.0.5:443');
    expect(within(first).getByRole('button', { name: /^Retry now: KYC with passport, queued / })).toBeInTheDocument();
    expect(within(first).getByRole('button', { name: /^Cancel: KYC with passport, queued / })).toBeInTheDocument();
    expect(within(first).queryByRole('button', { name: /Resolve/ })).not.toBeInTheDocument();

    const second = rowOf('Liveness check');
    expect(second).toHaveTextContent('Needs attention');
    expect(second).toHaveTextContent('The station could not confirm Progeny received this. If you know the task id, enter it; otherwise send it again.');
    expect(second).not.toHaveTextContent('uncertain');
    expect(within(second).getByRole('button', { name: /^Resolve…: Liveness check/ })).toBeInTheDocument();
    expect(within(second).queryByRole('button', { name: /Retry now/ })).not.toBeInTheDocument();
  });

  it('retries now through main and says so', async () => {
    const row = queueRow({ state: 'retry', errorKind: 'server-error', nextAttemptAt: Date.now() + 300_000 });
    const { user, station } = await openQueue([row]);
    station.handle('queue:retry', () => ok(true));
    await user.click(await screen.findByRole('button', { name: /^Retry now:/ }));
    expect(callsOf(station, 'queue:retry')).toEqual([{ id: row.id }]);
    expect(await screen.findByText(/sent to the front of the queue/)).toBeInTheDocument();
  });

  it('says why when main refuses a retry', async () => {
    const row = queueRow({ state: 'attention', attentionReason: 'deadline', errorKind: 'deadline' });
    const { user, station } = await openQueue([row]);
    station.handle('queue:retry', () => ok(false));
    await user.click(await screen.findByRole('button', { name: /^Retry now:/ }));
    expect(await screen.findByRole('alert')).toHaveTextContent('could not be retried now: it is no longer waiting for a retry');
  });

  it('asks before cancelling, in a dialog that holds and then returns focus', async () => {
    const row = queueRow({ state: 'ready' });
    const { user, station, setRows } = await openQueue([row]);
    station.handle('queue:cancel', () => ok(true));
    const cancel = await screen.findByRole('button', { name: /^Cancel: KYC with passport/ });

    await user.click(cancel);
    let dialog = screen.getByRole('dialog', { name: 'Cancel this verification?' });
    expect(within(dialog).getByRole('button', { name: 'Keep it in the queue' })).toHaveFocus();
    await user.tab();
    expect(within(dialog).getByRole('button', { name: 'Cancel the verification' })).toHaveFocus();
    await user.tab();
    expect(within(dialog).getByRole('button', { name: 'Keep it in the queue' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    await waitFor(() => expect(cancel).toHaveFocus());
    expect(callsOf(station, 'queue:cancel')).toEqual([]);

    await user.click(cancel);
    dialog = screen.getByRole('dialog', { name: 'Cancel this verification?' });
    setRows([]);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel the verification' }));
    expect(callsOf(station, 'queue:cancel')).toEqual([{ id: row.id }]);
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(screen.getByText(/KYC with passport, queued .*: cancelled\. The record stays in the history\./)).toBeInTheDocument();
    expect(screen.getByText('The queue is empty: every verification has been sent and answered.')).toBeInTheDocument();
  });

  it('resolves an uncertain send with the task id the operator confirms', async () => {
    const row = queueRow({ state: 'attention', attentionReason: 'uncertain', errorKind: 'interrupted' });
    const { user, station } = await openQueue([row]);
    station.handle('queue:resolve', () => ok(true));
    await user.click(await screen.findByRole('button', { name: /^Resolve…:/ }));
    const dialog = screen.getByRole('dialog', { name: 'Did this verification reach Progeny?' });
    expect(within(dialog).getByRole('radio', { name: 'It reached Progeny – task id:' })).toHaveFocus();

    await user.click(within(dialog).getByRole('radio', { name: 'It reached Progeny – task id:' }));
    await user.click(within(dialog).getByRole('button', { name: 'Resolve' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Enter the task id Progeny gave for this verification');
    expect(within(dialog).getByRole('textbox', { name: 'Task id' })).toHaveFocus();
    expect(callsOf(station, 'queue:resolve')).toEqual([]);

    await user.type(within(dialog).getByRole('textbox', { name: 'Task id' }), ' task-7f3a ');
    await user.click(within(dialog).getByRole('button', { name: 'Resolve' }));
    expect(callsOf(station, 'queue:resolve')).toEqual([{ id: row.id, taskId: 'task-7f3a' }]);
    expect(await screen.findByText(/the station will collect the result of task task-7f3a/)).toBeInTheDocument();
  });

  it('resolves an uncertain send by sending it again', async () => {
    const row = queueRow({ state: 'attention', attentionReason: 'uncertain', errorKind: 'timeout' });
    const { user, station } = await openQueue([row]);
    station.handle('queue:resolve', () => ok(true));
    await user.click(await screen.findByRole('button', { name: /^Resolve…:/ }));
    const dialog = screen.getByRole('dialog');
    const resend = within(dialog).getByRole('radio', { name: 'It did not – send again' });
    expect(resend).toHaveAccessibleDescription('If Progeny did receive it, sending again creates (and bills) a second task.');
    await user.click(resend);
    await user.click(within(dialog).getByRole('button', { name: 'Resolve' }));
    expect(callsOf(station, 'queue:resolve')).toEqual([{ id: row.id, resend: true }]);
  });

  it('warns while Progeny is unreachable', async () => {
    const { station } = await openQueue([queueRow({ state: 'retry', errorKind: 'offline' })]);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    act(() => station.emit('status:changed', { ...trainingStatus, connectivity: 'offline' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Progeny cannot be reached; verifications stay queued on this computer and are sent automatically when the connection returns.');
  });

  it('marks items of the other mode as waiting for it', async () => {
    await openQueue([queueRow({ mode: 'live', state: 'ready' })]);
    const row = await screen.findByRole('rowheader', { name: 'KYC with passport' });
    expect(row.closest('tr')).toHaveTextContent('Waits for Live mode');
  });

  it('says so when the queue is empty', async () => {
    await openQueue([]);
    expect(await screen.findByText('The queue is empty: every verification has been sent and answered.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
