import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { HistoryDetail, QueueRow } from '../../../common/contract';
import { ok } from '../../../common/result';
import { createFakeStation } from '../fake-station';
import { historyDetail, imageFile, queueRow, renderVerification, SUBMITTED_ID } from './verify-harness';

vi.mock('../../../renderer/capture/image-slot', () => import('./fake-image-slot'));

async function sendLiveness(user: ReturnType<typeof userEvent.setup>) {
  await user.upload(screen.getByLabelText('Image: selfie'), imageFile('pass.jpg'));
  await user.click(screen.getByRole('button', { name: 'Submit' }));
}

const fact = (panel: HTMLElement, term: string) => within(panel).getByText(term).nextElementSibling?.textContent;

describe('New verification: what happened to what was sent', () => {
  it('follows the submission through the queue, then shows its verdict and opens the result', async () => {
    const user = userEvent.setup();
    const station = createFakeStation();
    let rows: QueueRow[] = [];
    let detail: HistoryDetail = historyDetail({ service: 'face_liveness', state: 'ready' });
    station.handle('queue:list', () => ok(rows));
    station.handle('history:detail', () => ok(detail));
    station.handle('verification:submit', () => ok({ id: SUBMITTED_ID }));
    const { store } = await renderVerification(station);
    await user.click(screen.getByRole('radio', { name: 'Liveness check' }));
    await sendLiveness(user);

    // Before the queue has been read again, the history tells where it is.
    const panel = await screen.findByRole('status', { name: 'Submitted: Liveness check' });
    await waitFor(() => expect(fact(panel, 'State')).toBe('Waiting to send'));

    rows = [queueRow({ service: 'face_liveness', state: 'submitted', attempts: 1, updatedAt: Date.now() - 12_000 })];
    act(() => station.emit('queue:changed', { counts: { submitted: 1 } }));
    await waitFor(() => expect(fact(panel, 'State')).toBe('Waiting for the result'));
    expect(fact(panel, 'Attempts')).toBe('1');
    const seconds = () => Number(/^(\d+) s$/.exec(fact(panel, 'In this state for') ?? '')?.[1]);
    expect(seconds()).toBeGreaterThanOrEqual(11);
    expect(seconds()).toBeLessThanOrEqual(14);
    // The time in this state keeps counting, every second.
    const shown = seconds();
    await waitFor(() => expect(seconds()).toBeGreaterThan(shown), { timeout: 2000 });
    expect(within(panel).queryByRole('button', { name: 'Open result' })).not.toBeInTheDocument();

    rows = [];
    detail = historyDetail({ service: 'face_liveness', state: 'done', verdict: 'verified', sendCount: 1, finishedAt: Date.now() });
    act(() => station.emit('queue:changed', { counts: {} }));
    await waitFor(() => expect(fact(panel, 'Result')).toBe('Verified'));
    expect(fact(panel, 'State')).toBe('Done');
    expect(within(panel).queryByText('In this state for')).not.toBeInTheDocument();

    await user.click(within(panel).getByRole('button', { name: 'Open result' }));
    expect(store.getState().resultId).toBe(SUBMITTED_ID);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Verification result');
  });

  it('keeps the five latest submissions of the session, newest first, across leaving the screen', async () => {
    const user = userEvent.setup();
    const station = createFakeStation();
    const idOf = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
    let sent = 0;
    station.handle('verification:submit', () => ok({ id: idOf(++sent) }));
    station.handle('history:detail', ({ id }) => ok(historyDetail({ id, service: 'face_liveness', state: 'ready', sendCount: Number(id.slice(-1)) })));
    await renderVerification(station);
    await user.click(screen.getByRole('radio', { name: 'Liveness check' }));
    for (let n = 1; n <= 6; n += 1) {
      await sendLiveness(user);
      await waitFor(() => expect(screen.getAllByRole('status', { name: 'Submitted: Liveness check' })).toHaveLength(Math.min(n, 5)));
    }
    const attempts = () => screen.getAllByRole('status', { name: 'Submitted: Liveness check' }).map((panel) => fact(panel, 'Attempts'));
    await waitFor(() => expect(attempts()).toEqual(['6', '5', '4', '3', '2']));

    await user.keyboard('{Alt>}2{/Alt}');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Queue');
    await user.keyboard('{Alt>}1{/Alt}');
    await waitFor(() => expect(attempts()).toEqual(['6', '5', '4', '3', '2']));
    expect(screen.getByRole('radio', { name: 'Liveness check' })).toBeChecked();
  });
});
