import { describe, expect, it } from 'vitest';
import { compareDocumentFields, compareField, normaliseDate, normaliseText, stationMrzRead } from '../../../renderer/results/field-comparison';
import { kycResult, passportPrechecks } from './result-fixtures';

describe('normalising the two reads', () => {
  it('drops accents, case, MRZ fillers and punctuation from text', () => {
    expect(normaliseText('  Zoë-Anne  d’Arc ')).toBe('ZOE ANNE D ARC');
    expect(normaliseText('ANNA<<MARIA')).toBe('ANNA MARIA');
  });

  it('pads dates and reads day-first ones', () => {
    expect(normaliseDate('1991-9-4')).toBe('1991-09-04');
    expect(normaliseDate('04.09.1991')).toBe('1991-09-04');
    expect(normaliseDate('1991-09-04')).toBe('1991-09-04');
  });
});

describe('compareField', () => {
  it('treats spelling differences as the same value', () => {
    expect(compareField('documentNumber', 'XX 008-080', 'xx008080')).toBe('same');
    expect(compareField('lastName', 'PERFILOVA', 'Perfilova')).toBe('same');
    expect(compareField('firstName', 'ANNA MARIA', 'Anna-María')).toBe('same');
    expect(compareField('dateOfBirth', '1991-09-24', '1991-9-24')).toBe('same');
    expect(compareField('sex', 'F', 'Female')).toBe('same');
  });

  it('flags a real difference', () => {
    expect(compareField('documentNumber', 'XX008081', 'XX008080')).toBe('differs');
    expect(compareField('dateOfExpiry', '2031-09-25', '2030-09-25')).toBe('differs');
    expect(compareField('sex', 'M', 'F')).toBe('differs');
  });

  it('calls a missing side "not read", never a difference', () => {
    expect(compareField('documentNumber', null, 'XX008080')).toBe('station-missing');
    expect(compareField('documentNumber', 'XX008080', '  ')).toBe('progeny-missing');
    expect(compareField('documentNumber', null, null)).toBe('both-missing');
  });

  it('does not call a country code and a nationality name different', () => {
    expect(compareField('nationality', 'UKR', 'UKRAINIAN')).toBe('incomparable');
    expect(compareField('nationality', 'D', 'GERMAN')).toBe('incomparable');
    expect(compareField('nationality', 'D', 'FRA')).toBe('differs');
    expect(compareField('nationality', 'UKR', 'DEU')).toBe('differs');
  });
});

describe('compareDocumentFields', () => {
  it('lines up every compared field of the MRZ read and the OCR', () => {
    const mrz = stationMrzRead(passportPrechecks({ documentNumber: 'XX008081', nationality: null }))!.fields;
    const rows = compareDocumentFields(mrz, kycResult().document!.fields);
    expect(rows.map((row) => [row.field, row.agreement])).toEqual([
      // Names and sex carry no check digit: two OCR reads agreeing on them confirm nothing.
      ['firstName', 'incomparable'],
      ['lastName', 'incomparable'],
      ['documentNumber', 'differs'],
      ['nationality', 'station-missing'],
      ['dateOfBirth', 'same'],
      ['sex', 'incomparable'],
      ['dateOfExpiry', 'same'],
    ]);
    expect(rows[2]).toEqual({ field: 'documentNumber', station: 'XX008081', progeny: 'XX008080', agreement: 'differs', confirmed: true });
  });

  it('shows only Progeny’s side when the station read nothing', () => {
    const rows = compareDocumentFields(null, kycResult().document!.fields);
    expect(rows.every((row) => row.agreement === 'station-missing' && row.station === null)).toBe(true);
  });
});

describe('stationMrzRead', () => {
  it('takes the slot that read an MRZ, preferring one whose check digits matched', () => {
    const record = passportPrechecks();
    const back = { ...record.slots.passport_image, mrz: { valid: false, fields: { ...record.slots.passport_image.mrz.fields, documentNumber: 'BAD' } } };
    const read = stationMrzRead({ slots: { back_id: back, front_id: record.slots.passport_image }, overridden: [] });
    expect(read).toMatchObject({ valid: true, fields: { documentNumber: 'XX008080' } });
    expect(stationMrzRead({ slots: { back_id: back }, overridden: [] })).toMatchObject({ valid: false, fields: { documentNumber: 'BAD' } });
  });

  it('gives null for records without a usable pre-check', () => {
    expect(stationMrzRead(null)).toBeNull();
    expect(stationMrzRead({ version: 0 })).toBeNull();
    expect(stationMrzRead({ slots: { selfie_image: passportPrechecks().slots.selfie_image } })).toBeNull();
  });
});
