/**
 * Generates common/analysis/ocrb-glyphs.ts: the 37 MRZ glyphs (A–Z, 0–9, <) of the OCR-B font
 * that Debian's fonts-ocr-b installs (/usr/share/fonts/opentype/ocr-b/OCRB.otf, public domain),
 * rendered with sharp (librsvg + fontconfig) at 8× the template size and box-averaged down, as
 * ink coverage cells one character pitch wide. Run: `npx tsx scripts/make-ocrb-glyphs.ts`.
 *
 * Plus the national letters some documents print in the MRZ against ICAO 9303 (a Spanish card's
 * ESPAÑOLA): each is drawn the way such a printer fits it into the line (the base letter at three
 * quarters of the cap height, the mark above it within the cap height), and is read as its ICAO
 * transliteration (Part 3, section 6), one letter for one so the line keeps its length.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

export const OCRB_FONT_FILE = '/usr/share/fonts/opentype/ocr-b/OCRB.otf';
const FAMILY = 'OCR B';
/** OCR-B advance width per em (fonts-ocr-b OCRB.otf). */
const ADVANCE_EM = 0.7233;
const CHARSET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<';
/** National letters fitted into the cap height (see above); the reader maps them to their transliteration. */
export const SQUASHED_NATIONAL = 'Ñ';
/** Shares of the cap height such a printer gives the mark (top) and where the base letter starts. */
const MARK_SHARE = 0.125;
const BASE_FROM = 0.25;
/** Template cell: one pitch wide; cap height plus a margin above and below (in cell px). */
export const CELL_WIDTH = 16;
const MARGIN = 3;
const OVERSAMPLE = 8;
/** Ink levels stored per pixel (one base-36 digit). */
const LEVELS = 35;

async function renderInk(text: string, width: number, height: number, x: number, baseline: number, fontSize: number): Promise<Float32Array> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#fff"/><text x="${x}" y="${baseline}" font-family="${FAMILY}" font-size="${fontSize}" fill="#000">${text.replace(/</g, '&lt;')}</text></svg>`;
  const { data } = await sharp(Buffer.from(svg)).greyscale().raw().toBuffer({ resolveWithObject: true });
  const out = new Float32Array(width * height);
  for (let i = 0; i < out.length; i += 1) out[i] = 1 - data[i]! / 255;
  return out;
}

/** The module's source text. */
export async function makeOcrbGlyphModule(): Promise<string> {
  const pitch = CELL_WIDTH * OVERSAMPLE;
  const fontSize = pitch / ADVANCE_EM;
  const width = pitch * 3;
  const height = Math.round(fontSize * 2);
  const baseline = Math.round(fontSize * 1.4);
  // Cap height from H: its first inked row.
  const h = await renderInk('H', width, height, pitch, baseline, fontSize);
  let capTop = 0;
  while (capTop < height && !h.subarray(capTop * width, (capTop + 1) * width).some((v) => v > 0.5)) capTop += 1;
  const capRows = Math.round((baseline - capTop) / OVERSAMPLE);
  const cellHeight = capRows + 2 * MARGIN;
  const top = baseline - capRows * OVERSAMPLE - MARGIN * OVERSAMPLE;
  /** A cell of the render, each cell row sampling the render row `rowOf` gives (null: blank). */
  const cellOf = (ink: Float32Array, rowOf: (row: number) => number | null = (row) => row) => {
    let cell = '';
    for (let y = 0; y < cellHeight; y += 1) {
      for (let x = 0; x < CELL_WIDTH; x += 1) {
        let sum = 0;
        for (let j = 0; j < OVERSAMPLE; j += 1) {
          const row = rowOf(top + y * OVERSAMPLE + j);
          if (row !== null) for (let i = 0; i < OVERSAMPLE; i += 1) sum += ink[Math.round(row) * width + pitch + x * OVERSAMPLE + i] ?? 0;
        }
        cell += Math.round((sum / OVERSAMPLE ** 2) * LEVELS).toString(36);
      }
    }
    return cell;
  };
  const cells: string[] = [];
  for (const char of CHARSET) cells.push(cellOf(await renderInk(char, width, height, pitch, baseline, fontSize)));
  // A national letter fitted into the cap height: its mark in the top eighth, its base letter in
  // the lower three quarters. The base is the plain letter's own render and the mark is centred on
  // it (the font's composite sits its base letter about a pixel off the plain letter at this size).
  const capSpan = baseline - capTop;
  const inkedColumns = (ink: Float32Array, from: number, to: number) => {
    let sum = 0;
    let weighted = 0;
    for (let y = from; y < to; y += 1) {
      for (let x = 0; x < width; x += 1) {
        sum += ink[y * width + x]!;
        weighted += x * ink[y * width + x]!;
      }
    }
    return weighted / Math.max(1e-9, sum);
  };
  for (const char of SQUASHED_NATIONAL) {
    const composite = await renderInk(char, width, height, pitch, baseline, fontSize);
    const base = await renderInk(char.normalize('NFD')[0]!, width, height, pitch, baseline, fontSize);
    let inkTop = 0;
    while (inkTop < height && !composite.subarray(inkTop * width, (inkTop + 1) * width).some((v) => v > 0.5)) inkTop += 1;
    // The mark ends at the first blank row under it (the gap above the base letter).
    let markEnd = inkTop;
    while (markEnd < capTop && composite.subarray(markEnd * width, (markEnd + 1) * width).some((v) => v > 0.05)) markEnd += 1;
    const shift = Math.round(inkedColumns(composite, inkTop, markEnd) - inkedColumns(base, capTop, baseline));
    const ink = new Float32Array(base);
    for (let y = inkTop; y < markEnd; y += 1) for (let x = 0; x < width; x += 1) ink[y * width + x] = composite[y * width + x + shift] ?? 0;
    cells.push(
      cellOf(ink, (row) => {
        const r = (row - (baseline - capRows * OVERSAMPLE)) / (capRows * OVERSAMPLE);
        if (r >= 0 && r < MARK_SHARE) return inkTop + (r / MARK_SHARE) * (markEnd - inkTop);
        if (r >= BASE_FROM && r < 1) return capTop + ((r - BASE_FROM) / (1 - BASE_FROM)) * capSpan;
        return null;
      }),
    );
  }
  const body = cells.map((cell, i) => `  ${JSON.stringify((CHARSET + SQUASHED_NATIONAL)[i])}: '${cell}',`).join('\n');
  return `// Generated by scripts/make-ocrb-glyphs.ts from fonts-ocr-b's OCRB.otf (public domain): do not edit.
/** Template cell size in px: one character pitch wide, cap height plus ${MARGIN} px above and below. */
export const OCRB_CELL = { width: ${CELL_WIDTH}, height: ${cellHeight}, capTop: ${MARGIN}, capHeight: ${capRows} } as const;
/** Ink levels: each pixel is one base-36 digit, 0 (paper) … ${LEVELS} (full ink). */
export const OCRB_LEVELS = ${LEVELS};
/** Row-major ink of each MRZ glyph, then of the national letters fitted into the cap height. */
export const OCRB_GLYPHS: Readonly<Record<string, string>> = {
${body}
};
`;
}

const OUTPUT = fileURLToPath(new URL('../common/analysis/ocrb-glyphs.ts', import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (!existsSync(OCRB_FONT_FILE)) throw new Error(`OCR-B font missing (${OCRB_FONT_FILE}): install the Debian package fonts-ocr-b`);
  writeFileSync(OUTPUT, await makeOcrbGlyphModule());
  console.log(`wrote ${OUTPUT}`);
}
