import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { bandOf, locateMrz, lumaOf } from '../../../common/analysis/mrz-locate';
import { lineLengthByGlyphs, readMrzByTemplates, readOcrbBand, withThirdLine } from '../../../common/analysis/ocrb-reader';
import type { RawImage } from '../../../common/analysis/pixels';
import { decodeWithSharp } from '../../../main/analysis/node-image';
import { makeOcrbGlyphModule, OCRB_FONT_FILE } from '../../../scripts/make-ocrb-glyphs';
import { buildTd1, buildTd3, FRENCH_TD1_SPECIMEN, ICAO_TD3_SPECIMEN } from '../../fixtures/mrz-specimens';
import { mrzDocumentSvg, renderMrzDocument } from '../../fixtures/render-mrz';
import { loadEvalDev } from '../../support/eval-dev';

const TODAY = new Date(2025, 5, 1);
const fontMissing = existsSync(OCRB_FONT_FILE) ? null : `the OCR-B font is not installed (${OCRB_FONT_FILE}; Debian package fonts-ocr-b)`;
if (fontMissing) console.log(`ocrb-reader tests skipped: ${fontMissing}`);

function readImage(image: RawImage, chars: number) {
  const band = locateMrz(image);
  expect(band).not.toBeNull();
  const luma = lumaOf(image);
  const lines = readOcrbBand(luma, image.width, image.height, band!, chars);
  return { lines, read: readMrzByTemplates(luma, image.width, image.height, band!, chars === 44 ? 'TD3' : chars === 36 ? 'TD2' : 'TD1', TODAY) };
}

describe.skipIf(fontMissing !== null)('OCR-B template reader', () => {
  it('the committed glyph module is what the generator makes from the installed font', async () => {
    const committed = readFileSync(join(import.meta.dirname, '../../../common/analysis/ocrb-glyphs.ts'), 'utf8');
    expect(await makeOcrbGlyphModule()).toBe(committed);
  });

  it('reads a rendered passport MRZ exactly, also blurred, noisy and at low resolution', async () => {
    const want = buildTd3(ICAO_TD3_SPECIMEN);
    const rendered = await renderMrzDocument(want, { width: 900 });
    // Blurred, shrunk to a glyph pitch of 10.5 and 8 px, JPEG-compressed; and heavily blurred at full size.
    const degraded = await Promise.all(
      [
        { sigma: 1, width: 520, quality: 50 },
        { sigma: 0.6, width: 400, quality: 70 },
        { sigma: 1.5, width: 900, quality: 60 },
      ].map(({ sigma, width, quality }) => sharp(rendered.png).blur(sigma).resize({ width }).jpeg({ quality }).toBuffer()),
    );
    for (const bytes of [rendered.png, ...degraded]) {
      const { read } = readImage(await decodeWithSharp(bytes), 44);
      expect(read.lines).toEqual(want);
      expect(read.valid).toBe(true);
    }
  }, 30_000);

  it('tells the line length from the glyph grid and finds a TD1 line the locator missed', async () => {
    const want = buildTd1(FRENCH_TD1_SPECIMEN);
    const { image } = await renderMrzDocument(want, { width: 1000 });
    const luma = lumaOf(image);
    const band = locateMrz(image)!;
    expect(band.lines).toHaveLength(3);
    const twoLines = bandOf(band.lines.slice(0, 2), band.turns);
    const { chars, score } = lineLengthByGlyphs(luma, image.width, image.height, twoLines);
    expect(chars).toBe(30);
    const restored = withThirdLine(luma, image.width, image.height, twoLines, score);
    expect(restored?.lines).toHaveLength(3);
    expect(readMrzByTemplates(luma, image.width, image.height, restored!, 'TD1', TODAY).lines).toEqual(want);
    // A TD3 page has no line of 30 cells, and nothing below its MRZ to add.
    const passport = await renderMrzDocument(buildTd3(ICAO_TD3_SPECIMEN), { width: 1000 });
    const passportBand = locateMrz(passport.image)!;
    expect(lineLengthByGlyphs(lumaOf(passport.image), passport.image.width, passport.image.height, passportBand).chars).toBe(44);
  }, 30_000);

  it('reads lines an app framed tightly (the frame is taken into the cap height, so the glyph grid is rescaled), down to a 350 px page', async () => {
    const want = buildTd3(ICAO_TD3_SPECIMEN);
    const width = 900;
    const { svg, fontSize } = mrzDocumentSvg(want, { width });
    // ICAO 9303 TD3: 125 x 88 mm, the first MRZ baseline 8.23 mm above the bottom edge; a red frame drawn 0.8 mm above its capitals.
    const mm = width / 125;
    const firstBaseline = Math.round(88 * mm) - 8.23 * mm;
    const frame = `<rect x="${4 * mm}" y="${firstBaseline - fontSize * 0.71 - 0.8 * mm}" width="${width - 8 * mm}" height="${10 * mm}" fill="none" stroke="#c02020" stroke-width="${0.5 * mm}"/>`;
    const framed = Buffer.from(svg.replace('</svg>', `${frame}</svg>`));
    for (const pageWidth of [600, 450, 350]) {
      const { read } = readImage(await decodeWithSharp(await sharp(framed).resize({ width: pageWidth }).jpeg({ quality: 85 }).toBuffer()), 44);
      expect(read.lines, `page ${pageWidth} px wide`).toEqual(want);
    }
  }, 30_000);

  it('ranks look-alikes next to the glyph read, so the repair can try them', async () => {
    const rendered = await renderMrzDocument(buildTd3(ICAO_TD3_SPECIMEN), { width: 900 });
    const { lines } = readImage(rendered.image, 44);
    // Line 2 starts with the document number L898902C3: its 0 (index 5) has O among its best candidates.
    const zero = lines[1]!.cells[5]!;
    expect(zero[0]!.char).toBe('0');
    expect(zero.slice(0, 4).map((c) => c.char)).toContain('O');
  }, 30_000);
});

describe('OCR-B template reader on a real specimen', () => {
  const ev = loadEvalDev();
  const file = 'documents/passporteye__passport-td2.png';
  const skip = 'skip' in ev ? ev.skip : !existsSync(join(ev.dir, file)) ? `${file} is missing` : null;
  if (skip) console.log(`real-specimen OCR-B test skipped: ${skip}`);
  it.skipIf(skip !== null)(
    'reads an eval-dev TD2 document exactly',
    async () => {
      if ('skip' in ev) return;
      const entry = ev.entries.find((e) => e.file === file)!;
      const { read } = readImage(await decodeWithSharp(readFileSync(join(ev.dir, file))), entry.labels.mrz_lines![0]!.length);
      expect(read.lines).toEqual(entry.labels.mrz_lines);
    },
    30_000,
  );
});

describe('OCR-B template reader on what real documents print', () => {
  const ev = loadEvalDev();
  const files = { spanish: 'documents/passporteye__0_id-esp.png', lowResolution: 'documents/passporteye__25_pass-uto.jpg' };
  const skip = 'skip' in ev ? ev.skip : Object.values(files).find((f) => !existsSync(join(ev.dir, f))) ? `${Object.values(files).join(' or ')} is missing` : null;
  if (skip) console.log(`national-letter and low-resolution OCR-B tests skipped: ${skip}`);
  const labelled = (file: string) => ('skip' in ev ? [] : ev.entries.find((e) => e.file === file)!.labels.mrz_lines!);
  const read = async (file: string) => ('skip' in ev ? null : readImage(await decodeWithSharp(readFileSync(join(ev.dir, file))), labelled(file)[0]!.length));
  /** The card's third line touches a printed arrow, so the locator finds two lines and the glyph grid the third (as the reader does). */
  const readCard = async (file: string) => {
    const image = await decodeWithSharp(readFileSync(join('skip' in ev ? '' : ev.dir, file)));
    const luma = lumaOf(image);
    const found = locateMrz(image)!;
    const band = found.lines.length === 3 ? found : withThirdLine(luma, image.width, image.height, found, lineLengthByGlyphs(luma, image.width, image.height, found).score)!;
    return { lines: readOcrbBand(luma, image.width, image.height, band, 30), read: readMrzByTemplates(luma, image.width, image.height, band, 'TD1', TODAY) };
  };

  it.skipIf(skip !== null)(
    'reads the Ñ a Spanish card prints in its MRZ as N (ICAO transliteration), and offers only MRZ characters',
    async () => {
      const result = await readCard(files.spanish);
      expect(result.read.lines[2]).toBe('ESPANOLA<ESPANOLA<CARMEN<<<<<<');
      expect(result.read.lines).toEqual(labelled(files.spanish));
      for (const line of result.lines) for (const cell of line.cells) for (const c of cell) expect(c.char).toMatch(/^[A-Z0-9<]$/);
    },
    30_000,
  );

  it.skipIf(skip !== null)(
    'reads a 275 px page exactly: its glyph grid is rescaled when the row profile takes in more than the capitals',
    async () => {
      const result = (await read(files.lowResolution))!;
      expect(result.read.lines).toEqual(labelled(files.lowResolution));
    },
    30_000,
  );
});
