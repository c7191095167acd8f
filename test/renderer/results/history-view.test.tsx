import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { RequestOf, ResponseOf } from '../../../common/contract';
import { fail, ok } from '../../../common/result';
import { createFakeStation, type FakeStation } from '../fake-station';
import { JPEG_BASE64, kycDetail, RECORD_ID, T0 } from './result-fixtures';
import { renderResults, useFakeObjectUrls } from './render-results';

type Row = ResponseOf<'history:search'>[number];

function row(index: number, patch: Partial<Row> = {}): Row {
  return {
    id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    createdAt: T0 - index * 60_000,
    finishedAt: T0 - index * 60_000 + 20_000,
    service: 'kyc_passport',
    mode: 'live',
    state: 'done',
    verdict: 'verified',
    operator: 'desk-1',
    subject: { name: `PERSON ${index}`, documentNumber: `DOC${index}`, dateOfBirth: null },
    unreadable: false,
    ...patch,
  };
}

function historyStation(answer: (query: RequestOf<'history:search'>) => Row[]) {
  const station = createFakeStation();
  station.handle('history:search', (query) => ok(answer(query)));
  return station;
}

const searches = (station: FakeStation) => station.calls.filter((call) => call.operation === 'history:search').map((call) => call.payload as RequestOf<'history:search'>);

describe('history view', () => {
  useFakeObjectUrls();

  it('lists the newest verifications in a table', async () => {
    const rows = [
      row(1, { subject: { name: 'VALERIA PERFILOVA', documentNumber: 'XX008080', dateOfBirth: null } }),
      row(2, { service: 'face_liveness', mode: 'training', verdict: null, state: 'submitted', subject: { name: null, documentNumber: null, dateOfBirth: null } }),
    ];
    const station = historyStation(() => rows);
    await renderResults(station);
    const table = await screen.findByRole('table', { name: 'Verifications, newest first' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((header) => header.textContent),
    ).toEqual(['Date and time', 'Service', 'Name', 'Document number', 'Outcome', 'Mode', 'Actions']);
    const [first, second] = within(table).getAllByRole('row').slice(1);
    expect(
      within(first!)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual([new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(T0 - 60_000), 'KYC with passport', 'VALERIA PERFILOVA', 'XX008080', 'Verified', 'Live', 'Open']);
    expect(
      within(second!)
        .getAllByRole('cell')
        .map((cell) => cell.textContent)
        .slice(1, 6),
    ).toEqual(['Liveness check', 'Not recorded', 'Not recorded', 'Waiting for the result', 'Training']);
    expect(screen.getByRole('status')).toHaveTextContent('Verifications shown: 2');
    expect(searches(station)).toEqual([{ limit: 50, offset: 0 }]);
  });

  it('sends the filters: service, outcome, mode and whole days', async () => {
    const user = userEvent.setup();
    const station = historyStation(() => [row(1)]);
    await renderResults(station);
    await screen.findByRole('table');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Service' }), 'kyc_card');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Outcome' }), 'not-verified');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Mode' }), 'training');
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2025-03-01' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2025-03-02' } });
    await user.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() =>
      expect(searches(station).at(-1)).toEqual({
        services: ['kyc_card'],
        outcomes: ['not-verified'],
        mode: 'training',
        from: new Date(2025, 2, 1).getTime(),
        to: new Date(2025, 2, 3).getTime(),
        limit: 50,
        offset: 0,
      }),
    );
  });

  it('waits for a pause in typing before searching by text', async () => {
    const user = userEvent.setup();
    const station = historyStation((query) => (query.text === 'Perf' ? [row(7, { subject: { name: 'VALERIA PERFILOVA', documentNumber: null, dateOfBirth: null } })] : [row(1), row(2)]));
    await renderResults(station);
    await screen.findByRole('table');
    await user.type(screen.getByRole('searchbox', { name: 'Search by name, customer reference or document number' }), 'Perf');
    await screen.findByRole('button', { name: /VALERIA PERFILOVA/ });
    expect(searches(station).map((query) => query.text)).toEqual([undefined, 'Perf']);
    expect(screen.getAllByRole('button', { name: /^Open/ })).toHaveLength(1);
  });

  it('refuses a To date before the From date, in words', async () => {
    const station = historyStation(() => []);
    await renderResults(station);
    await screen.findByText('No verifications yet: they appear here once sent.');
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2025-03-05' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2025-03-01' } });
    expect(screen.getByRole('alert')).toHaveTextContent('The “To” date is before the “From” date');
    expect(screen.getByLabelText('To')).toHaveAttribute('aria-invalid', 'true');
    expect(searches(station).some((query) => query.to !== undefined)).toBe(false);
  });

  it('says when nothing matches', async () => {
    const user = userEvent.setup();
    await renderResults(historyStation(() => []));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Outcome' }), 'needs-review');
    expect(await screen.findByText('No verification matches these filters.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('loads more rows page by page', async () => {
    const user = userEvent.setup();
    const station = historyStation((query) => (query.offset === 0 ? Array.from({ length: 50 }, (_, i) => row(i)) : [row(50), row(51)]));
    await renderResults(station);
    await user.click(await screen.findByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(screen.getAllByRole('button', { name: /^Open/ })).toHaveLength(52));
    expect(searches(station).map((query) => query.offset)).toEqual([0, 50]);
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('explains a locked station or a failed search in words', async () => {
    const station = createFakeStation();
    station.handle('history:search', () => fail('store-locked', 'locked'));
    const { unmount } = await renderResults(station);
    expect(await screen.findByRole('alert')).toHaveTextContent('The station is locked: unlock it to search the history.');
    unmount();
    station.handle('history:search', () => fail('internal', 'The database is busy.'));
    await renderResults(station);
    expect(await screen.findByRole('alert')).toHaveTextContent('The history could not be searched (The database is busy.). Try again.');
  });

  it('opens a verification’s result from its row', async () => {
    const user = userEvent.setup();
    const station = historyStation(() => [row(3), row(1, { id: RECORD_ID, subject: { name: 'VALERIA PERFILOVA', documentNumber: 'XX008080', dateOfBirth: null } })]);
    station.handle('history:detail', () => ok(kycDetail()));
    station.handle('history:image', () => ok({ contentType: 'image/jpeg', data: JPEG_BASE64 }));
    const { store } = await renderResults(station);
    const date = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(T0 - 60_000);
    await user.click(await screen.findByRole('button', { name: `Open the verification of VALERIA PERFILOVA, ${date}` }));
    expect(store.getState()).toMatchObject({ view: 'result', resultId: RECORD_ID });
    expect(await screen.findByRole('region', { name: 'Verified' })).toBeInTheDocument();
    act(() => store.getState().setView('history'));
    expect(await screen.findByRole('table')).toBeInTheDocument();
  });
});
