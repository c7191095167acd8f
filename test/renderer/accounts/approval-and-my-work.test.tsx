import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../common/contract';
import { fail, ok } from '../../../common/result';
import { createFakeStation, trainingStatus } from '../fake-station';
import { renderStation } from '../queue/render-station';

describe("four-eyes on the operator's screen", () => {
  it("main asks for approval: the dialog takes the approver's name and secret and the same request goes again with them", async () => {
    const user = userEvent.setup();
    const station = createFakeStation({ settings: { ...DEFAULT_SETTINGS, language: 'en' }, status: { ...trainingStatus, operator: { name: 'Olga', role: 'operator' } } });
    const answers = [
      fail('approval-required', 'x', { action: 'settings' }),
      fail('approval-refused', 'x', { action: 'settings', retryAfterMs: '0' }),
      ok({ ...DEFAULT_SETTINGS, language: 'en' as const, mode: 'live' as const }),
    ];
    station.handle('settings:update', () => answers.shift()!);
    station.handle('audit:list', () => ok([]));
    await renderStation(station);
    await user.click(screen.getByRole('button', { name: /Settings/ }));
    await user.click(await screen.findByRole('radio', { name: 'Live' }));
    const dialog = await screen.findByRole('dialog', { name: 'Approval needed' });
    expect(dialog).toHaveTextContent('Changing the server, the mode or the retention needs a supervisor or an administrator');
    await user.type(within(dialog).getByLabelText('Approver’s name'), 'Sam');
    await user.type(within(dialog).getByLabelText('Approver’s secret'), 'wrong secret');
    await user.click(within(dialog).getByRole('button', { name: 'Approve' }));
    // Asked again, with the refusal said; the secret typed before is gone.
    const again = await screen.findByRole('dialog', { name: 'Approval needed' });
    expect(await within(again).findByRole('alert')).toHaveTextContent('Approval refused');
    expect(within(again).getByLabelText('Approver’s secret')).toHaveValue('');
    await user.clear(within(again).getByLabelText('Approver’s name'));
    await user.type(within(again).getByLabelText('Approver’s name'), 'Sam');
    await user.type(within(again).getByLabelText('Approver’s secret'), 'sam secret');
    await user.click(within(again).getByRole('button', { name: 'Approve' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(station.calls.filter((call) => call.operation === 'settings:update').map((call) => call.payload)).toEqual([
      { mode: 'live' },
      { mode: 'live', approval: { name: 'Sam', secret: 'wrong secret' } },
      { mode: 'live', approval: { name: 'Sam', secret: 'sam secret' } },
    ]);
  });
});

describe('"My work today"', () => {
  it("counts today's verifications by outcome; a supervisor switches to the whole station", async () => {
    const user = userEvent.setup();
    const station = createFakeStation({ status: { ...trainingStatus, operator: { name: 'Sam', role: 'supervisor' } } });
    const row = (id: string, verdict: 'verified' | null) => ({
      id,
      createdAt: Date.now(),
      finishedAt: null,
      service: 'face_liveness' as const,
      mode: 'training' as const,
      state: verdict ? ('done' as const) : ('submitted' as const),
      verdict,
      operator: 'Sam',
      subject: { name: null, documentNumber: null, dateOfBirth: null },
      unreadable: false,
    });
    station.handle('history:search', (query) =>
      ok(query.mine ? [row('00000000-0000-4000-8000-000000000001', 'verified')] : [row('00000000-0000-4000-8000-000000000001', 'verified'), row('00000000-0000-4000-8000-000000000002', null)]),
    );
    await renderStation(station);
    await user.click(screen.getByRole('button', { name: /My work today/ }));
    const counts = await screen.findByRole('region', { name: 'Today by outcome' });
    expect(counts).toHaveTextContent('All1Verified1');
    await user.click(screen.getByRole('radio', { name: 'The whole station' }));
    await within(screen.getByRole('region', { name: 'Today by outcome' })).findByText('2');
    const searches = station.calls.filter((call) => call.operation === 'history:search').map((call) => (call.payload as { mine: boolean }).mine);
    expect(searches).toEqual([true, false]);
  });

  it('an operator has no switch: only their own', async () => {
    const user = userEvent.setup();
    const station = createFakeStation({ status: { ...trainingStatus, operator: { name: 'Olga', role: 'operator' } } });
    station.handle('history:search', () => ok([]));
    await renderStation(station);
    await user.click(screen.getByRole('button', { name: /My work today/ }));
    expect(await screen.findByText('No verification today yet.')).toBeInTheDocument();
    expect(screen.queryByRole('radio', { name: 'The whole station' })).not.toBeInTheDocument();
  });
});
