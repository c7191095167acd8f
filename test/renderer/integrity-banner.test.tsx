import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../common/contract';
import { createFakeStation, trainingStatus } from './fake-station';
import { renderApp } from './render-app';

describe('integrity banner (issue 12, finding 9)', () => {
  it('says on every screen that the audit log is broken and at which entry, and how many records were altered', async () => {
    const station = createFakeStation({ status: { ...trainingStatus, integrity: { audit: 'broken', brokenAtSeq: 17, tamperedRecords: 2 } } });
    await renderApp(station);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('changed outside the station');
    expect(alert).toHaveTextContent('from entry 17 on');
    expect(alert).toHaveTextContent('Verification records changed outside the station: 2.');
    // Persistent: a later status without the problem is the only thing that removes it.
    act(() => station.emit('status:changed', { ...trainingStatus, integrity: { audit: 'ok', brokenAtSeq: null, tamperedRecords: 0 } }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('stays silent when the check passed or no store is open', async () => {
    await renderApp(createFakeStation({ status: { ...trainingStatus, integrity: { audit: 'ok', brokenAtSeq: null, tamperedRecords: 0 } } }));
    await screen.findByRole('navigation', { name: 'Main' });
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('is translated (French)', async () => {
    const station = createFakeStation({ settings: { ...DEFAULT_SETTINGS, language: 'fr' }, status: { ...trainingStatus, integrity: { audit: 'ok', brokenAtSeq: null, tamperedRecords: 1 } } });
    await renderApp(station);
    await screen.findByRole('navigation', { name: 'Principal' });
    expect(await screen.findByRole('alert')).toHaveTextContent('Fiches de vérification modifiées en dehors du poste : 1.');
  });
});
