import { render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../../renderer/i18n/i18n';
import { DocumentFieldTable } from '../../../renderer/results/document-card';
import { compareDocumentFields, stationMrzRead } from '../../../renderer/results/field-comparison';
import { kycResult, passportPrechecks } from './result-fixtures';

/** A record as the station now writes it: the read's own list of fields no check digit vouches for. */
function recordWithUnconfirmed(unconfirmed: string[]) {
  const record = passportPrechecks();
  return { ...record, slots: { ...record.slots, passport_image: { ...record.slots.passport_image, mrz: { ...record.slots.passport_image.mrz, unconfirmed } } } };
}

async function renderTable(language: 'en' | 'fr' | 'ar', prechecks: unknown) {
  const i18n = await createI18n(language);
  const stationRead = stationMrzRead(prechecks);
  const comparisons = compareDocumentFields(stationRead?.fields ?? null, kycResult().document!.fields, stationRead?.unconfirmed);
  render(
    <I18nextProvider i18n={i18n}>
      <DocumentFieldTable comparisons={comparisons} stationRead={stationRead} />
    </I18nextProvider>,
  );
  const table = screen.getByRole('table');
  return (field: string) => within(within(table).getByRole('rowheader', { name: field }).closest('tr')!).getAllByRole('cell')[2]!;
}

describe('the document field table', () => {
  it('says a name agreeing with Progeny is not confirmed by a check digit, never "Same"', async () => {
    const cell = await renderTable('en', recordWithUnconfirmed(['documentCode', 'issuingState', 'lastName', 'firstName', 'nationality', 'sex', 'personalNumber']));
    expect(cell('Surname').textContent).toBe('? Read alike, but not confirmed: no check digit vouches for this station’s read – check it on the document');
    expect(cell('Given names')).not.toHaveTextContent('Same');
    expect(cell('Document number').textContent).toBe('= Same');
  });

  it('treats a date whose check digit failed like a name', async () => {
    const cell = await renderTable('en', recordWithUnconfirmed(['lastName', 'firstName', 'sex', 'nationality', 'birthDate']));
    expect(cell('Birth date')).toHaveTextContent(/^\? Read alike, but not confirmed/);
    expect(cell('Expiry date').textContent).toBe('= Same');
  });

  it('words it in French and Arabic too', async () => {
    const prechecks = recordWithUnconfirmed(['lastName']);
    const fr = await renderTable('fr', prechecks);
    expect(fr('Nom')).toHaveTextContent(/non confirmé : aucun chiffre de contrôle/);
    document.body.innerHTML = '';
    const ar = await renderTable('ar', prechecks);
    expect(ar('اسم العائلة')).toHaveTextContent(/غير مؤكدة/);
  });
});
