/**
 * The MRZ reading strategy shared by the Node and browser readers: crop the MRZ band, run a few
 * OCR passes at different scales until two agree or one needs no guessing, and pick the best read.
 * Each environment supplies only how to prepare the crop and how to run Tesseract on it.
 */
import { digitnessFromHeights, MRZ_SHAPE, mrzReadsSettled, pickMrzRead, readMrzText, type MrzOcrLine, type MrzTextRead } from './mrz';
import type { MrzFormat, MrzRead, MrzReader } from './mrz-types';
import type { RawImage, Rect } from './pixels';

/**
 * One OCR pass: the region is scaled so that a character pitch is `pitch` px (assuming the region
 * spans about the document's width, 1.12 times the MRZ line), contrast-stretched if `normalise`,
 * binarised at mid-grey if `threshold`.
 */
export interface MrzOcrPass {
  pitch: number;
  normalise: boolean;
  threshold: boolean;
}

/** Measured on OCR-B renders at 500–1900 px document widths (see the MRZ reader test). */
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
 * confidence (72–78 on our OCR-B renders at every scale), while genuine N and H score 94–98. Names
 * carry no check digit, so this is the only evidence there is; below this confidence N/H is a W.
 */
const OCRB_W_CONFIDENCE = 85;
const ocrbGlyph = (text: string, confidence: number) => ((text === 'N' || text === 'H') && confidence < OCRB_W_CONFIDENCE ? 'W' : text);

export interface MrzOcrEngine {
  /** Grey crop scaled to `width` px, processed as the pass asks, ready for Tesseract. */
  prepare(image: RawImage, crop: PixelCrop, width: number, pass: MrzOcrPass): Promise<Uint8Array>;
  recognize(input: Uint8Array): Promise<OcrPage>;
  terminate(): Promise<void>;
}

export interface MrzReaderOptions {
  /** Clock for `expired` (default: the system clock). */
  now?: () => Date;
  /** Time budget of one read in ms: further passes run only while they fit (default 600). */
  budgetMs?: number;
  passes?: readonly MrzOcrPass[];
}

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
        const glyphs = line.words.flatMap((word) => word.symbols.flatMap((s) => [...ocrbGlyph(s.text, s.confidence)].map((char) => ({ char, height: s.bbox.y1 - s.bbox.y0 }))));
        lines.push(digitnessFromHeights(glyphs));
      }
    }
  }
  return lines;
}

const withoutGuesses = ({ guessedCharacters: _guessed, ...read }: MrzTextRead): MrzRead => read;

export function createMrzReader(engine: MrzOcrEngine, options: MrzReaderOptions = {}): ClosableMrzReader {
  const now = options.now ?? (() => new Date());
  const budgetMs = options.budgetMs ?? 600;
  const passes = options.passes ?? DEFAULT_MRZ_PASSES;
  let closed = false;
  // One worker, one job at a time: reads queue up rather than interleave.
  let queue: Promise<unknown> = Promise.resolve();

  async function readOnce(image: RawImage, region: Rect, expected: MrzFormat): Promise<MrzRead> {
    const today = now();
    const crop = clampRegion(image, region);
    if (crop === null) return withoutGuesses(readMrzText('', expected, today));
    const lineChars = MRZ_SHAPE[expected].length;
    const started = Date.now();
    const reads: MrzTextRead[] = [];
    let lastDuration = 0;
    for (const pass of passes) {
      if (reads.length > 0 && Date.now() - started + lastDuration > budgetMs) break;
      const passStarted = Date.now();
      const page = await engine.recognize(await engine.prepare(image, crop, lineChars * REGION_OVER_LINE * pass.pitch, pass));
      reads.push(readMrzText(ocrLines(page), expected, today));
      lastDuration = Date.now() - passStarted;
      if (mrzReadsSettled(reads)) break;
    }
    return withoutGuesses(pickMrzRead(reads)!);
  }

  return {
    read(image, region, expected) {
      if (closed) return Promise.reject(new Error('MRZ reader is closed'));
      const result = queue.then(() => readOnce(image, region, expected));
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
