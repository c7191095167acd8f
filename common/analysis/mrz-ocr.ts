/**
 * The MRZ reading strategy shared by the Node and browser readers: locate the band, read it by
 * OCR-B template matching (ocrb-reader, pure TypeScript), and only when that read's check digits
 * fail, crop the band and run a few Tesseract passes at different scales; the best read wins.
 * Each environment supplies only how to run Tesseract on a crop.
 */
import { digitnessFromHeights, MRZ_SHAPE, mrzReadsSettled, pickMrzRead, readMrzText, type MrzOcrLine, type MrzTextRead } from './mrz';
import { bandRect, lumaOf, rectAsOriented, sampleRect, type CropStyle, type OrientedRect } from './mrz-crop';
import { flipBand, locateMrz, type MrzBand } from './mrz-locate';
import { lineLengthByGlyphs, readMrzByTemplates, withThirdLine } from './ocrb-reader';
import type { MrzFormat, MrzRead, MrzReader } from './mrz-types';
import { wholeImage, type RawImage, type Rect } from './pixels';

/**
 * One OCR pass: the crop is scaled so that a glyph pitch is `pitch` px, contrast-stretched if
 * `normalise`, Otsu-binarised if `threshold`.
 */
export type MrzOcrPass = CropStyle;

/** Measured on OCR-B renders at 500–1900 px document widths and on the eval-dev specimens (see the MRZ reader test). */
export const DEFAULT_MRZ_PASSES: readonly MrzOcrPass[] = [
  { pitch: 24, normalise: false, threshold: false },
  { pitch: 34, normalise: false, threshold: false },
  { pitch: 20, normalise: true, threshold: true },
];

/** Document width over MRZ line width (TD3 125 mm / 111.8 mm, TD1 85.6 mm / 76.2 mm). */
const REGION_OVER_LINE = 1.12;

export interface PixelCrop {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The part of Tesseract's page result the reader uses (structural, so no tesseract.js types leak here). */
export interface OcrPage {
  blocks: Array<{ paragraphs: Array<{ lines: Array<{ words: Array<{ symbols: Array<{ text: string; confidence: number; bbox: { y0: number; y1: number } }> }> }> }> }> | null;
}

/**
 * Tesseract's legacy English model has no OCR-B "W": it reads one as "N" or "H" with low
 * confidence (72–78 on our OCR-B renders at every scale), while genuine N and H score 94–98. On
 * real scans every glyph scores lower, so the test is relative: an N/H well below both that level
 * and the line's own median confidence is a W. Names carry no check digit, so this is a guess
 * that stays marked unconfirmed.
 */
const OCRB_W_CONFIDENCE = 85;
const OCRB_W_BELOW_MEDIAN = 15;
const ocrbGlyph = (text: string, confidence: number, lineMedian: number) =>
  (text === 'N' || text === 'H') && confidence < OCRB_W_CONFIDENCE && confidence < lineMedian - OCRB_W_BELOW_MEDIAN ? 'W' : text;

export interface MrzOcrEngine {
  /** Runs Tesseract on a binary PGM. */
  recognize(input: Uint8Array): Promise<OcrPage>;
  terminate(): Promise<void>;
}

export interface MrzReaderOptions {
  /** Clock for `expired` (default: the system clock). */
  now?: () => Date;
  /** Time budget of one read in ms: further passes run only while they fit (default 900). */
  budgetMs?: number;
  passes?: readonly MrzOcrPass[];
  /**
   * Which readers run: 'template' (OCR-B template matching only), 'tesseract' (Tesseract passes
   * only), 'combined' (default: the template read, then Tesseract only when its check digits
   * fail). See bench/mrz-readers.ts for the measurements.
   */
  strategy?: MrzReadStrategy;
}

export type MrzReadStrategy = 'template' | 'tesseract' | 'combined';

export interface ClosableMrzReader extends MrzReader {
  /** Terminates the Tesseract worker; later reads reject. */
  close(): Promise<void>;
}

export function clampRegion(image: { width: number; height: number }, region: Rect): PixelCrop | null {
  const left = Math.max(0, Math.floor(region.x));
  const top = Math.max(0, Math.floor(region.y));
  const right = Math.min(image.width, Math.ceil(region.x + region.width));
  const bottom = Math.min(image.height, Math.ceil(region.y + region.height));
  if (right - left < 8 || bottom - top < 8) return null;
  return { left, top, width: right - left, height: bottom - top };
}

/** Binary PGM: Leptonica reads it with no decoding cost, in Node and in the browser worker alike. */
export function encodePgm(width: number, height: number, grey: Uint8Array): Uint8Array {
  const header = Array.from(`P5\n${width} ${height}\n255\n`, (c) => c.charCodeAt(0));
  const out = new Uint8Array(header.length + grey.length);
  out.set(header, 0);
  out.set(grey, header.length);
  return out;
}

/** Tesseract's lines as MRZ OCR lines, with each glyph's digitness from its height. */
export function ocrLines(page: OcrPage): MrzOcrLine[] {
  const lines: MrzOcrLine[] = [];
  for (const block of page.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const confidences = line.words.flatMap((word) => word.symbols.map((s) => s.confidence)).sort((a, b) => a - b);
        const lineMedian = confidences[confidences.length >> 1] ?? 0;
        const glyphs = line.words.flatMap((word) => word.symbols.flatMap((s) => [...ocrbGlyph(s.text, s.confidence, lineMedian)].map((char) => ({ char, height: s.bbox.y1 - s.bbox.y0 }))));
        lines.push(digitnessFromHeights(glyphs));
      }
    }
  }
  return lines;
}

const withoutGuesses = ({ guessedCharacters: _guessed, ...read }: MrzTextRead): MrzRead => read;

/** The band inside `region` (or the whole image), located on a copy of that part. */
function locateIn(image: RawImage, crop: PixelCrop): MrzBand | null {
  if (crop.left === 0 && crop.top === 0 && crop.width === image.width && crop.height === image.height) return locateMrz(image);
  const { channels } = image;
  const data = new Uint8Array(crop.width * crop.height * channels);
  for (let y = 0; y < crop.height; y += 1) {
    const from = ((crop.top + y) * image.width + crop.left) * channels;
    data.set(image.data.subarray(from, from + crop.width * channels), y * crop.width * channels);
  }
  const band = locateMrz({ width: crop.width, height: crop.height, channels, data });
  if (band === null) return null;
  const shift = (p: { x: number; y: number }) => ({ x: p.x + crop.left, y: p.y + crop.top });
  return { ...band, lines: band.lines.map((l) => ({ ...l, start: shift(l.start), end: shift(l.end) })) };
}

interface Target {
  rect: OrientedRect;
  /** Source pixels per glyph. */
  sourcePitch: number;
  hint: MrzFormat | undefined;
}

export function createMrzReader(engine: MrzOcrEngine, options: MrzReaderOptions = {}): ClosableMrzReader {
  const now = options.now ?? (() => new Date());
  const budgetMs = options.budgetMs ?? 900;
  const passes = options.passes ?? DEFAULT_MRZ_PASSES;
  const strategy = options.strategy ?? 'combined';
  let closed = false;
  // One worker, one job at a time: reads queue up rather than interleave.
  let queue: Promise<unknown> = Promise.resolve();

  async function readOnce(image: RawImage, region: Rect | null, expected: MrzFormat | undefined, given: MrzBand | null | undefined): Promise<MrzRead> {
    const today = now();
    const crop = clampRegion(image, region ?? wholeImage(image));
    if (crop === null) return withoutGuesses(readMrzText('', expected, today));
    const luma = lumaOf(image);
    const located = given !== undefined ? given : locateIn(image, crop);
    let band = located;
    // Of two lines, the number of OCR-B cells they hold tells the format; two lines of 30 are a TD1
    // card whose third line the locator missed.
    let byGlyphs: MrzFormat | undefined;
    // (Only where the line's aspect and the role disagree or the role says nothing: it costs three line reads.)
    if (located && located.lines.length === 2 && strategy !== 'tesseract' && located.format !== expected) {
      const { chars, score } = lineLengthByGlyphs(luma, image.width, image.height, located);
      if (chars === MRZ_SHAPE.TD1.length) band = withThirdLine(luma, image.width, image.height, located, score) ?? located;
      byGlyphs = band!.lines.length === 3 ? 'TD1' : chars === MRZ_SHAPE.TD3.length ? 'TD3' : chars === MRZ_SHAPE.TD2.length ? 'TD2' : undefined;
    }
    const targets: Target[] = [];
    if (band) {
      // Three lines can only be TD1; for two, the glyph grid decides, else the text's line length, and the role breaks ties.
      const hint = band.lines.length === 3 ? 'TD1' : (byGlyphs ?? (expected === 'TD1' ? band.format : (expected ?? band.format)));
      const chars = MRZ_SHAPE[hint].length;
      for (const b of orientations(band)) targets.push({ rect: bandRect(b, chars), sourcePitch: b.length / chars, hint });
    }
    // Without a band (or when it reads as nothing): the region itself, as wide as the document.
    const fallbackFormat = expected ?? 'TD3';
    targets.push({
      rect: rectAsOriented({ x: crop.left, y: crop.top, width: crop.width, height: crop.height }),
      sourcePitch: crop.width / (MRZ_SHAPE[fallbackFormat].length * REGION_OVER_LINE),
      hint: expected,
    });
    const started = Date.now();
    const reads: MrzTextRead[] = [];
    if (band && strategy !== 'tesseract') {
      reads.push(readMrzByTemplates(luma, image.width, image.height, band, targets[0]!.hint!, today));
      // A valid template read stands even when the check digits chose some look-alikes: Tesseract's
      // own valid reads are no surer there, and its names (no check digit) are worse.
      if (strategy === 'template' || reads[0]!.valid) return withoutGuesses(reads[0]!);
    }
    if (strategy === 'template' && reads.length === 0) return withoutGuesses(readMrzText('', expected, today));
    let lastDuration = 0;
    for (const [t, target] of targets.entries()) {
      const targetReads: MrzTextRead[] = [];
      for (const [p, pass] of passes.entries()) {
        // Later orientations and the fallback get one pass each, and only while the budget lasts.
        if (t > 0 && p > 0) break;
        if (reads.length > 0 && Date.now() - started + lastDuration > budgetMs) break;
        const passStarted = Date.now();
        const grey = sampleRect(luma, image.width, image.height, target.rect, pass.pitch / target.sourcePitch, pass);
        const page = await engine.recognize(encodePgm(grey.width, grey.height, grey.data));
        const read = readMrzText(ocrLines(page), target.hint, today);
        reads.push(read);
        targetReads.push(read);
        lastDuration = Date.now() - passStarted;
        if (mrzReadsSettled(targetReads)) break;
      }
      if (pickMrzRead(reads)?.valid) break;
    }
    // Without a valid read, the template read (when there is one) keeps its better names.
    const picked = pickMrzRead(reads)!;
    return withoutGuesses(picked.valid || strategy === 'tesseract' ? picked : reads[0]!);
  }

  return {
    read(image, region, expected, band) {
      if (closed) return Promise.reject(new Error('MRZ reader is closed'));
      const result = queue.then(() => readOnce(image, region, expected ?? undefined, band));
      queue = result.catch(() => undefined);
      return result;
    },
    async close() {
      if (closed) return;
      closed = true;
      await queue;
      await engine.terminate();
    },
  };
}

/** Reading directions to try, most likely first: as found, then the other way round. */
function orientations(band: MrzBand): MrzBand[] {
  return [band, flipBand(band)];
}
