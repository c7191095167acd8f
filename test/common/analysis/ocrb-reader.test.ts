import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readMrzText } from '../../../common/analysis/mrz';
import { locateMrz, lumaOf } from '../../../common/analysis/mrz-locate';
import { ocrbOcrLines, readOcrbBand } from '../../../common/analysis/ocrb-reader';
import type { RawImage } from '../../../common/analysis/pixels';
import { decodeWithSharp } from '../../../main/analysis/node-image';
import { makeOcrbGlyphModule, OCRB_FONT_FILE } from '../../../scripts/make-ocrb-glyphs';
import { buildTd3, ICAO_TD3_SPECIMEN } from '../../fixtures/mrz-specimens';
import { renderMrzDocument } from '../../fixtures/render-mrz';
import { loadEvalDev } from '../../support/eval-dev';

const TODAY = new Date(2025, 5, 1);
const fontMissing = existsSync(OCRB_FONT_FILE) ? null : `the OCR-B font is not installed (${OCRB_FONT_FILE}; Debian package fonts-ocr-b)`;
if (fontMissing) console.log(`ocrb-reader tests skipped: ${fontMissing}`);

async function readImage(image: RawImage, chars: number) {
  const band = locateMrz(image);
  expect(band).not.toBeNull();
  const lines = readOcrbBand(lumaOf(image), image.width, image.height, band!, chars);
  return { lines, read: readMrzText(ocrbOcrLines(lines), chars === 44 ? 'TD3' : chars === 36 ? 'TD2' : 'TD1', TODAY) };
}

describe.skipIf(fontMissing !== null)('OCR-B template reader', () => {
  it('the committed glyph module is what the generator makes from the installed font', async () => {
    const committed = readFileSync(join(import.meta.dirname, '../../../common/analysis/ocrb-glyphs.ts'), 'utf8');
    expect(await makeOcrbGlyphModule()).toBe(committed);
  });

  it('reads a rendered passport MRZ exactly, also blurred, noisy and at low resolution', async () => {
    const want = buildTd3(ICAO_TD3_SPECIMEN);
    const rendered = await renderMrzDocument(want, { width: 900 });
    // Blur, then shrink to a ~6 px glyph pitch, then JPEG at low quality.
    const degraded = await sharp(rendered.png).blur(1.2).resize({ width: 520 }).jpeg({ quality: 45 }).toBuffer();
    for (const bytes of [rendered.png, degraded]) {
      const { read } = await readImage(await decodeWithSharp(bytes), 44);
      expect(read.lines).toEqual(want);
      expect(read.valid).toBe(true);
    }
  }, 30_000);

  it('ranks look-alikes next to the glyph read, so the repair can try them', async () => {
    const rendered = await renderMrzDocument(buildTd3(ICAO_TD3_SPECIMEN), { width: 900 });
    const { lines } = await readImage(rendered.image, 44);
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
  it.skipIf(skip !== null)('reads an eval-dev TD2 document exactly', async () => {
    if ('skip' in ev) return;
    const entry = ev.entries.find((e) => e.file === file)!;
    const { read } = await readImage(await decodeWithSharp(readFileSync(join(ev.dir, file))), entry.labels.mrz_lines![0]!.length);
    expect(read.lines).toEqual(entry.labels.mrz_lines);
  }, 30_000);
});
