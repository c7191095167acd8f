import { describe, expect, it } from 'vitest';
import { summarise } from '../../../common/analysis/check';
import { parseMrzLines } from '../../../common/analysis/mrz';
import type { PrecheckResult } from '../../../common/analysis/precheck';
import { toSlotRecord } from '../../../common/precheck-record';
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
      ['firstName', 'unconfirmed'],
      ['lastName', 'unconfirmed'],
      ['documentNumber', 'differs'],
      ['nationality', 'station-missing'],
      ['dateOfBirth', 'same'],
      ['sex', 'unconfirmed'],
      ['dateOfExpiry', 'same'],
    ]);
    expect(rows[2]).toEqual({ field: 'documentNumber', station: 'XX008081', progeny: 'XX008080', agreement: 'differs', confirmed: true });
  });

  it('calls a number whose check digit failed unconfirmed when it agrees, and still flags a difference', () => {
    const fields = stationMrzRead(passportPrechecks())!.fields;
    const ocr = kycResult().document!.fields;
    const rows = compareDocumentFields(fields, ocr, ['documentNumber', 'lastName']);
    expect(rows.find((row) => row.field === 'documentNumber')).toMatchObject({ agreement: 'unconfirmed', confirmed: false });
    expect(rows.find((row) => row.field === 'firstName')).toMatchObject({ agreement: 'same', confirmed: true });
    const misread = compareDocumentFields({ ...fields, lastName: 'PERFILOVO' }, ocr, ['lastName']);
    expect(misread.find((row) => row.field === 'lastName')).toMatchObject({ agreement: 'differs', confirmed: false });
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

  it('stores the read’s unconfirmed fields with the record, so the result screen shows what the engine confirmed', () => {
    // A TD3 MRZ whose birth-date check digit fails (the digit was changed, the date was not).
    const mrz = parseMrzLines(['P<LUXMAUS<<KETTY<<<<<<<<<<<<<<<<<<<<<<<<<<<<', 'S998527<<4LUX7806209F110808403060021041<<<96'], 'TD3', new Date(2025, 5, 1));
    const report: PrecheckResult = {
      ...summarise('passport', []),
      file: { format: 'jpeg', width: 1, height: 1, orientation: 1, displayWidth: 1, displayHeight: 1, hasExif: false, hasGps: false, truncated: false },
      faces: [],
      document: null,
      mrz,
      elapsedMs: 1,
    };
    const slot = toSlotRecord(report, false);
    expect(slot.mrz?.unconfirmed).toEqual(mrz.unconfirmed);
    const read = stationMrzRead(JSON.parse(JSON.stringify({ slots: { passport_image: slot }, overridden: [] })))!;
    expect(read.unconfirmed).toContain('birthDate');
    expect(read.unconfirmed).not.toContain('documentNumber');
    const rows = compareDocumentFields(read.fields, { ...kycResult().document!.fields, documentNumber: 'S998527', dateOfBirth: '1978-06-20' }, read.unconfirmed);
    expect(rows.find((row) => row.field === 'documentNumber')?.agreement).toBe('same');
    // Both read 1978-06-20, but the failed digit means the station cannot vouch for it.
    expect(rows.find((row) => row.field === 'dateOfBirth')).toMatchObject({ agreement: 'unconfirmed', confirmed: false });
  });

  it('keeps the stored list of unconfirmed fields, dropping names it does not know', () => {
    const record = passportPrechecks();
    const mrz = { ...record.slots.passport_image.mrz, unconfirmed: ['lastName', 'birthDate', 'bogus'] };
    const read = stationMrzRead({ slots: { passport_image: { ...record.slots.passport_image, mrz } }, overridden: [] });
    expect(read?.unconfirmed).toEqual(['lastName', 'birthDate']);
  });

  it('reads a record stored before the list was kept: only fields without a check digit, or all when a digit failed', () => {
    const record = passportPrechecks();
    const valid = stationMrzRead(record)!;
    expect(valid.unconfirmed).toEqual(expect.arrayContaining(['lastName', 'firstName', 'sex', 'nationality']));
    expect(valid.unconfirmed).not.toContain('documentNumber');
    expect(valid.unconfirmed).not.toContain('birthDate');
    const failed = { ...record.slots.passport_image, mrz: { ...record.slots.passport_image.mrz, valid: false } };
    const unchecked = stationMrzRead({ slots: { passport_image: failed }, overridden: [] })!;
    expect(unchecked.unconfirmed).toEqual(expect.arrayContaining(['documentNumber', 'birthDate', 'expiryDate', 'lastName']));
    expect(compareDocumentFields(unchecked.fields, kycResult().document!.fields, unchecked.unconfirmed).every((row) => row.agreement !== 'same')).toBe(true);
  });

  it('gives null for records without a usable pre-check', () => {
    expect(stationMrzRead(null)).toBeNull();
    expect(stationMrzRead({ version: 0 })).toBeNull();
    expect(stationMrzRead({ slots: { selfie_image: passportPrechecks().slots.selfie_image } })).toBeNull();
  });
});
