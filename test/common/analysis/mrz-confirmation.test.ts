import { describe, expect, it } from 'vitest';
import { failingDigits } from '../../../common/analysis/document-checks';
import { parseMrzLines, readMrzText } from '../../../common/analysis/mrz';
import { compareDocumentFields } from '../../../renderer/results/field-comparison';

const TODAY = new Date(2025, 5, 1);
const LUX = ['P<LUXMAUS<<KETTY<<<<<<<<<<<<<<<<<<<<<<<<<<<<', 'S998527<<4LUX7806201F110808403060021041<<<96'];

describe('MRZ fields confirmed by check digits', () => {
  it('marks a name misread as unconfirmed even when every check digit is valid', () => {
    const read = readMrzText([`VP<LUXXMAUS<<KETTY${'<'.repeat(26)}`, LUX[1]!].join('\n'), 'TD3', TODAY);
    expect(read.valid).toBe(true);
    expect(read.unconfirmed).toEqual(expect.arrayContaining(['lastName', 'firstName', 'sex', 'nationality']));
    expect(read.unconfirmed).not.toContain('documentNumber');
    expect(read.unconfirmed).not.toContain('birthDate');
  });

  it('never shows "same" for a name no check digit vouches for', () => {
    const read = readMrzText(LUX.join('\n'), 'TD3', TODAY);
    const rows = compareDocumentFields(
      read.fields,
      { firstName: 'Ketty', lastName: 'Maus', documentNumber: 'S998527', nationality: 'LUX', dateOfBirth: '1978-06-20', sex: 'F', dateOfExpiry: '2011-08-08' } as never,
      read.unconfirmed,
    );
    const byField = Object.fromEntries(rows.map((r) => [r.field, r]));
    expect(byField.lastName).toMatchObject({ agreement: 'unconfirmed', confirmed: false });
    expect(byField.documentNumber).toMatchObject({ agreement: 'same', confirmed: true });
  });

  it('names the check digits that fail', () => {
    const read = parseMrzLines([LUX[0]!, 'S998527<<4LUX7806209F110808403060021041<<<96'], 'TD3', TODAY);
    expect(read.valid).toBe(false);
    expect(failingDigits(read)).toMatch(/birth date/);
    expect(read.unconfirmed).toContain('birthDate');
  });
});
