import { describe, expect, it } from 'vitest';
import {
  digitnessFromHeights,
  mrzCharValue,
  mrzReadsSettled,
  mrzCheckDigit,
  mrzDateToIso,
  normaliseMrzText,
  parseMrzLines,
  pickMrzRead,
  readMrzText,
  repairMrzLines,
  type MrzOcrLine,
  type MrzTextRead,
} from '../../../common/analysis/mrz';
import { buildTd1, buildTd3, FRENCH_TD1_SPECIMEN, GERMAN_TD3_SPECIMEN, ICAO_TD1_SPECIMEN, ICAO_TD3_SPECIMEN } from '../../fixtures/mrz-specimens';

// ICAO Doc 9303 specimens, verbatim.
const TD3: [string, string] = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];
const TD1: [string, string, string] = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'];
const TD2: [string, string] = ['I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F1204159<<<<<<<6'];

const TODAY = new Date(2025, 5, 1); // 1 June 2025, local time

describe('mrzCheckDigit', () => {
  it('computes the 7-3-1 check digits of the ICAO specimen passport', () => {
    expect(mrzCheckDigit('L898902C3')).toBe('6');
    expect(mrzCheckDigit('740812')).toBe('2');
    expect(mrzCheckDigit('120415')).toBe('9');
    expect(mrzCheckDigit('ZE184226B<<<<<')).toBe('1');
    const line2 = TD3[1];
    expect(mrzCheckDigit(line2.slice(0, 10) + line2.slice(13, 20) + line2.slice(21, 43))).toBe('0');
  });

  it('computes the TD1 specimen document number and composite digits', () => {
    expect(mrzCheckDigit('D23145890')).toBe('7');
    expect(mrzCheckDigit(TD1[0].slice(5, 30) + TD1[1].slice(0, 7) + TD1[1].slice(8, 15) + TD1[1].slice(18, 29))).toBe('6');
  });

  it('values characters as ICAO 9303 does and refuses anything else', () => {
    expect([mrzCharValue('<'), mrzCharValue('0'), mrzCharValue('9'), mrzCharValue('A'), mrzCharValue('Z')]).toEqual([0, 0, 9, 10, 35]);
    expect(() => mrzCharValue('a')).toThrow(RangeError);
    expect(() => mrzCheckDigit('AB-1')).toThrow(RangeError);
  });
});

describe('MRZ builders', () => {
  it('rebuild the ICAO specimens exactly', () => {
    expect(buildTd3(ICAO_TD3_SPECIMEN)).toEqual(TD3);
    expect(buildTd1(ICAO_TD1_SPECIMEN)).toEqual(TD1);
  });

  it('write names, an empty personal number and an unspecified sex the ICAO way', () => {
    const [line1, line2] = buildTd3({ ...GERMAN_TD3_SPECIMEN, lastName: "O'Neil-Smith", firstName: 'Anna  Maria', sex: 'X' });
    expect(line1).toBe('P<D<<ONEIL<SMITH<<ANNA<MARIA<<<<<<<<<<<<<<<<');
    expect(line2).toBe('C01X00T478D<<8308126<3108011<<<<<<<<<<<<<<<0');
  });

  it('refuse fields that do not fit', () => {
    expect(() => buildTd3({ ...ICAO_TD3_SPECIMEN, documentNumber: 'L898902C312' })).toThrow(/longer than 9/);
    expect(() => buildTd1({ ...ICAO_TD1_SPECIMEN, lastName: 'Eriksşon' })).toThrow(/cannot hold/);
    expect(() => buildTd1({ ...ICAO_TD1_SPECIMEN, birthDate: '12.08.1974' })).toThrow(/YYYY-MM-DD/);
  });
});

describe('mrzDateToIso', () => {
  it('puts birth years after this year in the 1900s and the rest in the 2000s', () => {
    expect(mrzDateToIso('740812', 'birth', TODAY)).toBe('1974-08-12');
    expect(mrzDateToIso('250101', 'birth', TODAY)).toBe('2025-01-01');
    expect(mrzDateToIso('260101', 'birth', TODAY)).toBe('1926-01-01');
    expect(mrzDateToIso('000229', 'birth', TODAY)).toBe('2000-02-29');
  });

  it('always puts expiry dates in the 2000s', () => {
    expect(mrzDateToIso('120415', 'expiry', TODAY)).toBe('2012-04-15');
    expect(mrzDateToIso('991231', 'expiry', TODAY)).toBe('2099-12-31');
  });

  it('returns null for impossible or unknown dates', () => {
    expect(mrzDateToIso('740230', 'birth', TODAY)).toBeNull();
    expect(mrzDateToIso('741301', 'birth', TODAY)).toBeNull();
    expect(mrzDateToIso('74<<<<', 'birth', TODAY)).toBeNull();
    expect(mrzDateToIso('7408', 'birth', TODAY)).toBeNull();
  });
});

describe('parseMrzLines', () => {
  it('reads the ICAO specimen passport: fields, check digits, expiry', () => {
    const read = parseMrzLines(TD3, 'TD3', TODAY);
    expect(read.format).toBe('TD3');
    // UTO is not a real state: the mrz package complains, but only check digits decide validity.
    expect(read.valid).toBe(true);
    expect(read.checkDigits).toEqual([
      { field: 'documentNumberCheckDigit', valid: true },
      { field: 'birthDateCheckDigit', valid: true },
      { field: 'expirationDateCheckDigit', valid: true },
      { field: 'personalNumberCheckDigit', valid: true },
      { field: 'compositeCheckDigit', valid: true },
    ]);
    expect(read.fields).toEqual({
      documentCode: 'P',
      issuingState: 'UTO',
      lastName: 'ERIKSSON',
      firstName: 'ANNA MARIA',
      documentNumber: 'L898902C3',
      nationality: 'UTO',
      birthDate: '1974-08-12',
      sex: 'F',
      expiryDate: '2012-04-15',
      personalNumber: 'ZE184226B',
    });
    expect(read.expired).toBe(true);
    expect(parseMrzLines(TD3, 'TD3', new Date(2012, 3, 15)).expired).toBe(false);
    expect(parseMrzLines(TD3, 'TD3', new Date(2012, 3, 16)).expired).toBe(true);
  });

  it('reads a TD1 card back, with optional data as the personal number', () => {
    const icao = parseMrzLines(TD1, 'TD1', TODAY);
    expect(icao.valid).toBe(true);
    expect(icao.checkDigits.map((c) => c.field)).toEqual(['documentNumberCheckDigit', 'birthDateCheckDigit', 'expirationDateCheckDigit', 'compositeCheckDigit']);
    expect(icao.fields).toEqual({
      documentCode: 'I',
      issuingState: 'UTO',
      lastName: 'ERIKSSON',
      firstName: 'ANNA MARIA',
      documentNumber: 'D23145890',
      nationality: 'UTO',
      birthDate: '1974-08-12',
      sex: 'F',
      expiryDate: '2012-04-15',
      personalNumber: null,
    });

    const french = parseMrzLines(buildTd1(FRENCH_TD1_SPECIMEN), 'TD1', TODAY);
    expect(french.valid).toBe(true);
    expect(french.expired).toBe(false);
    expect(french.fields).toMatchObject({
      issuingState: 'FRA',
      lastName: 'MARTIN',
      firstName: 'SOPHIE ISOLDE',
      documentNumber: 'X4RTBPFW4',
      birthDate: '1990-01-10',
      expiryDate: '2030-01-01',
      personalNumber: '12345678',
    });
  });

  it('reads a TD2 document', () => {
    const read = parseMrzLines(TD2, 'TD2', TODAY);
    expect(read.valid).toBe(true);
    expect(read.fields).toMatchObject({ documentCode: 'I', documentNumber: 'D23145890', birthDate: '1974-08-12', sex: 'F', expiryDate: '2012-04-15', lastName: 'ERIKSSON' });
  });

  it('reports an unspecified sex (<) as X and a German one-letter state code', () => {
    const read = parseMrzLines(buildTd3({ ...GERMAN_TD3_SPECIMEN, sex: 'X' }), 'TD3', TODAY);
    expect(read.valid).toBe(true);
    expect(read.fields).toMatchObject({ sex: 'X', issuingState: 'D', nationality: 'D', documentNumber: 'C01X00T47', personalNumber: null, expiryDate: '2031-08-01' });
    expect(read.expired).toBe(false);
  });

  it('is not valid when a check digit is wrong, and says which', () => {
    const lines = [TD3[0], TD3[1].replace('7408122', '7408123')];
    const read = parseMrzLines(lines, 'TD3', TODAY);
    expect(read.valid).toBe(false);
    expect(read.checkDigits.filter((c) => !c.valid).map((c) => c.field)).toEqual(['birthDateCheckDigit', 'compositeCheckDigit']);
  });

  it('is not valid when the shape is wrong', () => {
    expect(parseMrzLines([TD3[0], TD3[1].slice(1)], 'TD3', TODAY)).toMatchObject({ valid: false, fields: null, checkDigits: [] });
    expect(parseMrzLines(TD1, 'TD3', TODAY)).toMatchObject({ valid: false, fields: null });
    expect(parseMrzLines(TD3, null, TODAY)).toMatchObject({ format: null, valid: false, fields: null, expired: null });
  });
});

describe('normaliseMrzText', () => {
  it('picks the MRZ out of surrounding text, drops spaces and fits lengths', () => {
    const text = ['PASSPORT  PASSEPORT', 'Surname / Nom', 'ERIKSSON', ` P<UTO ERIKSSON«ANNA<MARIA<<<<<<<<<<<<<<<<<<<<<`, 'L898902C36UTO7408122F1204159ZE184226B<<<<10 ', ''].join('\n');
    const out = normaliseMrzText(text);
    expect(out.format).toBe('TD3');
    expect(out.lines).toEqual(TD3);
    expect(out.rawLines).toHaveLength(5);
    expect(out.rawLines[3]).toBe('P<UTO ERIKSSON«ANNA<MARIA<<<<<<<<<<<<<<<<<<<<<');
  });

  it('tells the formats apart by line count and length', () => {
    expect(normaliseMrzText(TD1.join('\n')).format).toBe('TD1');
    expect(normaliseMrzText(TD2.join('\n')).format).toBe('TD2');
    expect(normaliseMrzText(TD3.join('\r\n'), 'TD1').format).toBe('TD3');
  });

  it('finds nothing in garbage', () => {
    const noise = ['ETWIVAMWGBQHMWMMAWMMMVWZM553AW', 'MMWEQ3MM4MCM434M51M54MWA1MKH4M4MOVE4MMM0', 'Q<15M0M1MQXNVZMEMMJFK54JQQMINAM6L66QYQFEQUJSIMNMMWMMMWA'].join('\n');
    expect(normaliseMrzText(noise, 'TD3')).toMatchObject({ format: null, lines: [] });
    expect(normaliseMrzText('')).toMatchObject({ format: null, rawLines: [], lines: [] });
  });
});

describe('repair', () => {
  it('recovers the exact specimen passport from planted OCR confusions', () => {
    const ocr = [
      'P<UT0ERIK5SON<<ANNA<MAR1A<<<<<<K<<<<<<<<<<<<<<', // 0 in the state, 5 and 1 in names, a K among the fillers, two fillers too many
      'L898902C36UTO74O8I22F12O4I59ZE184226B<<<<10', // O and I in the dates, a filler missing
    ].join('\n');
    const read = readMrzText(ocr, 'TD3', TODAY);
    expect(read.lines).toEqual(TD3);
    expect(read.valid).toBe(true);
    expect(read.fields).toMatchObject({ issuingState: 'UTO', lastName: 'ERIKSSON', firstName: 'ANNA MARIA', birthDate: '1974-08-12', expiryDate: '2012-04-15' });
    // 2 removed + 1 inserted + K + 0→O, 5→S, 1→I, O→0 twice, I→1 twice.
    expect(read.repairedCharacters).toBe(11);
  });

  it('maps S→5 and B→8 in numeric positions and 8→B, 0→O in alphabetic ones', () => {
    const ocr = ['I<UT0D231458907<<<<<<<<<<<<<<<', '74O8I22FI2O4IS9UTO<<<<<<<<<<<6', 'ERIK55ON<<ANNA<MAR1A<<<<<<<<<<'].join('\n');
    expect(readMrzText(ocr, 'TD1', TODAY)).toMatchObject({ lines: TD1, valid: true, repairedCharacters: 10 });
    const td3 = buildTd3({ ...ICAO_TD3_SPECIMEN, birthDate: '1985-05-18', lastName: 'Bell' });
    const misread = [td3[0].replace('BELL', '8ELL'), td3[1].replace('850518', 'B5O5IB').replace('UTO', 'UT0')];
    expect(readMrzText(misread.join('\n'), 'TD3', TODAY)).toMatchObject({ lines: td3, valid: true, repairedCharacters: 6 });
  });

  it('turns K-speckled filler back into < without eating names that end in K', () => {
    const lines = buildTd1({ ...ICAO_TD1_SPECIMEN, lastName: 'Tamm', firstName: 'Mikk Erik' });
    expect(lines[2]).toBe('TAMM<<MIKK<ERIK<<<<<<<<<<<<<<<');
    const ocr = [lines[0].replace('<<<<<<<<<<<<<<<', '<<<<KK<<<<<<<<<'), lines[1], 'TAMM<<MIKK<ERIK<<<K<<<<<KKKK<<'].join('\n');
    expect(readMrzText(ocr, 'TD1', TODAY)).toMatchObject({ lines, valid: true, repairedCharacters: 7 });
  });

  it('searches look-alikes in the document number until its check digit matches', () => {
    const truth = buildTd3(GERMAN_TD3_SPECIMEN); // C01X00T47
    const ocr = [truth[0], truth[1].replace('C01X00T47', 'C01XO0T47')];
    const read = readMrzText(ocr.join('\n'), 'TD3', TODAY);
    expect(read).toMatchObject({ lines: truth, valid: true, repairedCharacters: 1 });
    // Its check digit chose the 0, so it no longer confirms the number; the dates it did not touch stay confirmed.
    expect(read.unconfirmed).toContain('documentNumber');
    expect(read.unconfirmed).not.toContain('birthDate');
    expect(read.unconfirmed).not.toContain('expiryDate');
    expect(readMrzText(truth.join('\n'), 'TD3', TODAY).unconfirmed).not.toContain('documentNumber');
  });

  it('does not let a look-alike the check digit chose pass as a confirmed number (a wrong number can pass that way)', () => {
    // A card number 12281507 read with B for 8 and S for 5, both legal in a document number, and the
    // first 1 blurred: T in its place satisfies the check digit 0 (the weighted values add up to a multiple of 10).
    const truth = buildTd1({ ...ICAO_TD1_SPECIMEN, documentNumber: '12281507' });
    const wrong = truth[0].replace('12281507', 'T22B1S07');
    expect(mrzCheckDigit(wrong.slice(5, 14))).toBe(truth[0][14]);
    const alternatives = [truth[0].replace('12281507', '?22B1S07'), truth[1], truth[2]].map((line) =>
      [...line].map((char) =>
        char === '?'
          ? {
              char: '1',
              digitness: null,
              alternatives: [
                { char: '1', cost: 0 },
                { char: 'T', cost: 0.3 },
                { char: 'I', cost: 0.6 },
              ],
            }
          : { char, digitness: null },
      ),
    );
    const read = readMrzText(alternatives, 'TD1', TODAY);
    expect(read.lines[0]).toBe(wrong);
    expect(read.valid).toBe(true);
    expect(read.unconfirmed).toContain('documentNumber');
  });

  it('leaves a document number alone when look-alikes tie, unless glyph heights decide', () => {
    // 0→D and 8→B both fix D23145890's check digit (and the composite, which weighs them alike).
    const misread = [TD1[0].replace('D23145890', '023145890'), TD1[1], TD1[2]];
    const blind = readMrzText(misread.join('\n'), 'TD1', TODAY);
    expect(blind.lines).toEqual(misread);
    expect(blind.valid).toBe(false);
    expect(blind.checkDigits.filter((c) => !c.valid).map((c) => c.field)).toEqual(['documentNumberCheckDigit', 'compositeCheckDigit']);

    // The same OCR with glyph heights: the first "0" is as short as a capital, the 8 as tall as a digit.
    const ocr: MrzOcrLine[] = misread.map((line, i) => [...line].map((char, k) => ({ char, digitness: /[0-9]/.test(TD1[i]![k]!) ? 1 : 0 })));
    expect(readMrzText(ocr, 'TD1', TODAY)).toMatchObject({ lines: TD1, valid: true, repairedCharacters: 1 });
  });

  it('fixes a misread composite digit of a passport only', () => {
    const passport = [TD3[0], TD3[1].slice(0, 43) + '8'];
    expect(readMrzText(passport.join('\n'), 'TD3', TODAY)).toMatchObject({ lines: TD3, valid: true, repairedCharacters: 1 });
    // TD1 optional data has no check digit of its own: a composite mismatch there cannot be pinned down.
    const card = [TD1[0], TD1[1].slice(0, 29) + '8', TD1[2]];
    expect(readMrzText(card.join('\n'), 'TD1', TODAY)).toMatchObject({ lines: card, valid: false });
  });

  it('does not count an impossible date as repaired, whatever its check digit', () => {
    // Birth date 741312 is impossible; its check digit (computed) matches, so only the month is wrong.
    const lines = [TD3[0], `L898902C36UTO741312${mrzCheckDigit('741312')}F1204159ZE184226B<<<<<1${mrzCheckDigit('L898902C36' + '741312' + mrzCheckDigit('741312') + '1204159ZE184226B<<<<<1')}`];
    const read = repairMrzLines(lines, 'TD3');
    expect(read.checksPass).toBe(false);
    expect(read.lines).toEqual(lines);
  });

  it('keeps a nationality printed in digits as printed, not half-mapped to letters', () => {
    // A Romanian specimen prints "132" where the nationality goes; no check digit covers it.
    const printed = ['IDROUSAVA<<SUPERMAN<<<<<<<<<<<<<<<<<', 'HD198025<51328505095M130509012049941'];
    const read = readMrzText(printed.join('\n'), 'TD2', TODAY);
    expect(read.lines).toEqual(printed);
    expect(read.valid).toBe(true);
    // One letter look-alike in a code is still mapped: the rest of the code is letters.
    const oneOff = [TD3[0], TD3[1].replace('36UTO', '36UT0')];
    expect(readMrzText(oneOff.join('\n'), 'TD3', TODAY).lines).toEqual(TD3);
  });

  it('settles a letter/digit toss-up in optional data by the neighbours on both sides', () => {
    const truth = ['IDESPAAA1000014<00000023T<<<<<', '7212018F1101236ESP<<<<<<<<<<<8', 'ESPANOLA<ESPANOLA<CARMEN<<<<<<'];
    const withCosts = (lines: string[], at: { line: number; index: number; char: string; cost: number }): MrzOcrLine[] =>
      lines.map((line, l) =>
        [...line].map((char, i) =>
          l === at.line && i === at.index
            ? {
                char: at.char,
                digitness: null,
                alternatives: [
                  { char: at.char, cost: 0 },
                  { char: truth[l]![i]!, cost: at.cost },
                ],
              }
            : { char, digitness: null, alternatives: [{ char, cost: 0 }] },
        ),
      );
    // O read a hair ahead of 0 between two zeros: 0.
    expect(readMrzText(withCosts(truth, { line: 0, index: 18, char: 'O', cost: 0.1 }), 'TD1', TODAY).lines[0]).toBe(truth[0]);
    // A clear O stays an O (optional data may hold letters), and so does a toss-up beside a letter.
    expect(readMrzText(withCosts(truth, { line: 0, index: 18, char: 'O', cost: 2 }), 'TD1', TODAY).lines[0]).toBe('IDESPAAA1000014<00O00023T<<<<<');
    expect(readMrzText(withCosts(truth, { line: 0, index: 23, char: 'S', cost: 0.1 }), 'TD1', TODAY).lines[0]).toBe('IDESPAAA1000014<0000002ST<<<<<');
  });

  it('rejects garbage', () => {
    for (const text of ['', 'Hello world\nthis is not a passport', 'ETWIVAMWGBQHMWMMAWMMMVWZM553AW\nMMWEQ3MM4MCM434M51M54MWA1MKH4M4MOVE4MMM0\n5MMMTWMQNEMQMMXMMMQMM3CMEMMQMPMMMMUMEMMMMWQQME4MEEQEV']) {
      expect(readMrzText(text, 'TD3', TODAY)).toMatchObject({ format: null, valid: false, fields: null, expired: null, checkDigits: [], lines: [] });
    }
  });
});

describe('digitnessFromHeights', () => {
  it('scores glyphs against the cap height of the flat capitals', () => {
    const glyphs = [...'L898902C36<'].map((char) => ({ char, height: /[0-9]/.test(char) ? 22 : char === '<' ? 14 : 20 }));
    expect(digitnessFromHeights(glyphs).map((g) => g.digitness)).toEqual([0, 1, 1, 1, 1, 1, 1, 0, 1, 1, null]);
  });

  it('falls back to the digits when a line has no flat capitals', () => {
    const glyphs = [...'7408122'].map((char) => ({ char, height: 22 }));
    expect(digitnessFromHeights(glyphs).every((g) => (g.digitness ?? 0) > 0.99)).toBe(true);
    expect(digitnessFromHeights([{ char: 'O', height: 20 }]).map((g) => g.digitness)).toEqual([null]);
  });
});

describe('pickMrzRead', () => {
  const read = (lines: string[], valid: boolean, guessedCharacters: number, validDigits = valid ? 5 : 0): MrzTextRead => ({
    format: 'TD3',
    rawLines: lines,
    lines,
    valid,
    checkDigits: Array.from({ length: 5 }, (_, i) => ({ field: `check${i}`, valid: i < validDigits })),
    fields: null,
    expired: null,
    repairedCharacters: guessedCharacters,
    guessedCharacters,
  });
  const a = [TD3[0], TD3[1]];
  const b = [TD3[0], TD3[1].replace('L898902C3', 'L898902G3')];

  it('prefers a read that needed no guesses', () => {
    const sure = read(a, true, 0);
    expect(pickMrzRead([read(b, false, 0, 3), read(b, true, 1), sure])).toBe(sure);
    expect(mrzReadsSettled([sure])).toBe(true);
  });

  it('trusts guessed reads when two passes agree, else takes the fewest guesses and keeps looking', () => {
    const first = read(a, true, 2);
    expect(pickMrzRead([first, read(b, true, 1)])?.lines).toEqual(b);
    expect(mrzReadsSettled([first, read(b, true, 1)])).toBe(false);
    expect(pickMrzRead([read(b, true, 1), first, read(a, true, 1)])?.lines).toEqual(a);
    expect(mrzReadsSettled([first, read(a, true, 1)])).toBe(true);
  });

  it('falls back to the read with the most valid check digits', () => {
    const best = read(a, false, 0, 4);
    expect(pickMrzRead([read(a, false, 0, 2), best, read(b, false, 0, 3)])).toBe(best);
    expect(mrzReadsSettled([best])).toBe(false);
    expect(pickMrzRead([])).toBeNull();
  });
});

describe('nationality codes without a check digit', () => {
  const truth = ['P<AUSCITIZEN<<JANE<<<<<<<<<<<<<<<<<<<<<<<<<<', 'PA09404097AUS8406077F1903212<17331334P<<<<08'];
  it('takes the issuing state for an unknown nationality one or two characters from it, still unconfirmed', () => {
    const misread = [truth[0]!, truth[1]!.replace('AUS8406', 'AO38406')];
    const read = readMrzText(misread.join('\n'), 'TD3', TODAY);
    expect(read.lines).toEqual(truth);
    expect(read.unconfirmed).toContain('nationality');
  });
  it('keeps a nationality that differs from the issuer in every character (it may be genuine)', () => {
    const other = [truth[0]!, truth[1]!.replace('AUS8406', 'Q1Z8406')];
    expect(readMrzText(other.join('\n'), 'TD3', TODAY).lines[1]!.slice(10, 13)).not.toBe('AUS');
  });
});
