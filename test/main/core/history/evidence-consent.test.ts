/** The evidence report names the customer as entered and the biometric consent recorded with the record. */
import { afterEach, describe, expect, it } from 'vitest';
import { renderEvidenceReport } from '../../../../main/core/history/evidence-report';
import { openStation, record, T0, type Station } from './history-fixtures';

let station: Station | undefined;
afterEach(() => station?.store.close());

describe('evidence report: customer and consent', () => {
  it('prints the reference, the name as entered, the answer, the text (language, version) and the time, escaped', () => {
    station = openStation();
    const id = record(station, { person: { firstName: 'Anna', lastName: 'Schmidt', documentNumber: 'K1234567', dateOfBirth: '1988-03-04' }, at: T0 });
    const detail = station.history.detail(id)!;
    const html = renderEvidenceReport(
      { ...detail, customer: { reference: 'ACC-<1>', name: 'Anna Schmidt' }, consent: { answer: 'agreed', language: 'ar', version: 3, at: T0 } },
      { training: false, timeZone: 'UTC' },
    );
    expect(html).toContain('<h2>Biometric consent</h2>');
    expect(html).toContain('Customer agreed');
    expect(html).toContain('Arabic, version 3');
    expect(html).toContain('2025-01-01T00:00:00.000Z');
    expect(html).toContain('ACC-&lt;1&gt;');
    expect(html).toContain('Customer name (as entered)');
  });

  it('says when no consent was recorded', () => {
    station = openStation();
    const id = record(station, { person: { firstName: 'A', lastName: 'B', documentNumber: 'X', dateOfBirth: '1980-01-01' }, at: T0 });
    expect(renderEvidenceReport(station.history.detail(id)!, { training: false })).toContain('No consent was recorded with this verification');
  });
});
