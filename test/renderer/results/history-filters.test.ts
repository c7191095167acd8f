import { describe, expect, it } from 'vitest';
import { datesReversed, EMPTY_FILTERS, localDayStart, PAGE_SIZE, toHistoryQuery } from '../../../renderer/results/history-filters';

describe('history filters', () => {
  it('sends nothing but the page for empty filters', () => {
    expect(toHistoryQuery(EMPTY_FILTERS)).toEqual({ limit: PAGE_SIZE, offset: 0 });
  });

  it('turns the form into main’s query, To being the exclusive end of its day', () => {
    const query = toHistoryQuery({ text: '  Perfilova ', service: 'kyc_passport', outcome: 'not-verified', mode: 'live', from: '2025-03-01', to: '2025-03-02' }, 50);
    expect(query).toEqual({
      text: 'Perfilova',
      services: ['kyc_passport'],
      outcomes: ['not-verified'],
      mode: 'live',
      from: new Date(2025, 2, 1).getTime(),
      to: new Date(2025, 2, 3).getTime(),
      limit: PAGE_SIZE,
      offset: 50,
    });
  });

  it('crosses month and year ends and refuses impossible days', () => {
    expect(localDayStart('2024-12-31', 1)).toBe(new Date(2025, 0, 1).getTime());
    expect(localDayStart('2025-02-30')).toBeNull();
    expect(localDayStart('31/12/2024')).toBeNull();
  });

  it('notices a To before the From', () => {
    expect(datesReversed({ ...EMPTY_FILTERS, from: '2025-03-02', to: '2025-03-01' })).toBe(true);
    expect(datesReversed({ ...EMPTY_FILTERS, from: '2025-03-02', to: '2025-03-02' })).toBe(false);
    expect(datesReversed({ ...EMPTY_FILTERS, to: '2025-03-01' })).toBe(false);
  });
});
