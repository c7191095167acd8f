/**
 * Reads MRZ lines by template matching against the OCR-B glyphs themselves (ocrb-glyphs.ts), in
 * pure TypeScript. MRZ print is monospaced and every line is full width (fillers are printed), so
 * a line is exactly N cells: each line is sampled deskewed from the band geometry, its exact pitch
 * and offset found from the gaps between glyphs, and each cell compared with every glyph by
 * normalised cross-correlation (zero mean, unit variance, both slightly blurred, small shift
 * search). Every position keeps its best candidates with scores, for the check-digit repair.
 */
import { MRZ_SHAPE, mrzPositionClasses, readMrzText, type MrzOcrLine, type MrzTextRead } from './mrz';
import { bandOf, bilinear, flipBand, type MrzBand, type MrzBandLine } from './mrz-locate';
import type { MrzFormat } from './mrz-types';
import { OCRB_CELL, OCRB_GLYPHS, OCRB_LEVELS } from './ocrb-glyphs';

export interface GlyphCandidate {
  char: string;
  /** Normalised cross-correlation with the glyph, −1…1. */
  score: number;
}

export interface OcrbLine {
  /** Per cell, the best candidates, best first. */
  cells: GlyphCandidate[][];
  /** Mean best score over the cells: how much the line looks like OCR-B at all. */
  meanScore: number;
  /** What calibrateOcrb needs: the blurred fine strip and, per cell, every glyph's score and the best shift. */
  strip: { ink: Float32Array; width: number; pad: number; scores: Float32Array[]; shifts: Array<{ dx: number; dy: number }>; level: number };
}

/** Candidates kept per cell. */
const KEEP = 6;
/** Cell shift search, template px either way (a pitch is 16 px). */
const SHIFT = 2;
/** Range of the pitch search around the band's own estimate (the band ends are ink ends, not cell edges). */
const PITCH_RANGE = 0.08;

const CW = OCRB_CELL.width;
const CH = OCRB_CELL.height;
const N = CW * CH;

interface Template {
  char: string;
  /** Zero-mean, unit-norm ink of the blurred glyph. */
  v: Float32Array;
}

/** [1 2 1]² blur: tolerates print weight and sub-pixel misplacement alike in glyph and image. */
function blur(src: Float32Array, w: number, h: number): Float32Array {
  const tmp = new Float32Array(src.length);
  const out = new Float32Array(src.length);
  for (let y = 0; y < h; y += 1) {
    for (let x = 0; x < w; x += 1) {
      const i = y * w + x;
      tmp[i] = (src[i - (x > 0 ? 1 : 0)]! + 2 * src[i]! + src[i + (x < w - 1 ? 1 : 0)]!) / 4;
    }
  }
  for (let y = 0; y < h; y += 1) {
    for (let x = 0; x < w; x += 1) {
      const i = y * w + x;
      out[i] = (tmp[i - (y > 0 ? w : 0)]! + 2 * tmp[i]! + tmp[i + (y < h - 1 ? w : 0)]!) / 4;
    }
  }
  return out;
}

function normalise(v: Float32Array): Float32Array | null {
  let mean = 0;
  for (const x of v) mean += x;
  mean /= v.length;
  let ss = 0;
  for (let i = 0; i < v.length; i += 1) {
    v[i] = v[i]! - mean;
    ss += v[i]! * v[i]!;
  }
  if (ss < 1e-9) return null;
  const k = 1 / Math.sqrt(ss);
  for (let i = 0; i < v.length; i += 1) v[i] = v[i]! * k;
  return v;
}

/**
 * Passes of the [1 2 1]² blur given to the templates, one set per count: print and optics blur a
 * glyph by anything from nothing to about a stroke width, and a blurred 0 matches a sharp O better
 * than a sharp 0. Each line is matched with the set that fits it best (the image gets one pass).
 */
const BLUR_LEVELS = [1, 2, 4, 7] as const;

let templateSets: Template[][] | null = null;
function glyphTemplateSets(): Template[][] {
  if (templateSets) return templateSets;
  templateSets = BLUR_LEVELS.map((passes) =>
    Object.entries(OCRB_GLYPHS).map(([char, cells]) => {
      let ink: Float32Array = new Float32Array(N);
      for (let i = 0; i < N; i += 1) ink[i] = parseInt(cells[i]!, 36) / OCRB_LEVELS;
      for (let k = 0; k < passes; k += 1) ink = blur(ink, CW, CH);
      return { char, v: normalise(ink)! };
    }),
  );
  return templateSets;
}

/** The normalised patch of cell `c` at a shift (false for a blank patch). */
function extract(ink: Float32Array, fw: number, pad: number, c: number, dx: number, dy: number, patch: Float32Array): boolean {
  const x0 = pad + c * CW + dx;
  const y0 = pad + dy;
  for (let y = 0; y < CH; y += 1) patch.set(ink.subarray((y0 + y) * fw + x0, (y0 + y) * fw + x0 + CW), y * CW);
  return normalise(patch) !== null;
}

const dotN = (a: Float32Array, b: Float32Array) => {
  let dot = 0;
  for (let i = 0; i < N; i += 1) dot += a[i]! * b[i]!;
  return dot;
};

/** Glyphs kept for the fine shift search after the coarse one. */
const FINE_GLYPHS = 8;
const COARSE_SHIFTS = [-1, 1];

/**
 * Best score of every glyph over the shift search at cell `c` of the fine strip; returns the best
 * glyph's shift. Coarse to fine: every glyph at the coarse shifts, then the best few at every
 * shift. The templates are zero-mean, so a patch needs no mean subtraction: its dot product with a
 * template over its centred norm is the correlation, and the norm comes from running sums.
 */
function cellScores(ink: Float32Array, fw: number, pad: number, c: number, glyphs: readonly Template[], _patch: Float32Array, scores: Float32Array): { dx: number; dy: number } {
  scores.fill(-1);
  let bestScore = -Infinity;
  let bestDx = 0;
  let bestDy = 0;
  const order = new Int32Array(glyphs.length);
  for (let g = 0; g < glyphs.length; g += 1) order[g] = g;
  const tryShift = (dx: number, dy: number, count: number) => {
    const x0 = pad + c * CW + dx;
    const y0 = pad + dy;
    let sum = 0;
    let sq = 0;
    for (let y = 0; y < CH; y += 1) {
      const row = (y0 + y) * fw + x0;
      for (let x = 0; x < CW; x += 1) {
        const v = ink[row + x]!;
        sum += v;
        sq += v * v;
      }
    }
    const centred = sq - (sum * sum) / N;
    if (centred < 1e-9) return;
    const inv = 1 / Math.sqrt(centred);
    for (let k = 0; k < count; k += 1) {
      const g = order[k]!;
      const t = glyphs[g]!.v;
      let dot = 0;
      for (let y = 0, i = 0; y < CH; y += 1) {
        const row = (y0 + y) * fw + x0;
        for (let x = 0; x < CW; x += 1, i += 1) dot += t[i]! * ink[row + x]!;
      }
      dot *= inv;
      if (dot > scores[g]!) scores[g] = dot;
      if (dot > bestScore) {
        bestScore = dot;
        bestDx = dx;
        bestDy = dy;
      }
    }
  };
  for (const dy of COARSE_SHIFTS) for (const dx of COARSE_SHIFTS) tryShift(dx, dy, glyphs.length);
  order.sort((a, b) => scores[b]! - scores[a]!);
  for (let dy = -SHIFT; dy <= SHIFT; dy += 1) {
    for (let dx = -SHIFT; dx <= SHIFT; dx += 1) if (!COARSE_SHIFTS.includes(dx) || !COARSE_SHIFTS.includes(dy)) tryShift(dx, dy, FINE_GLYPHS);
  }
  return { dx: bestDx, dy: bestDy };
}

/** A cell's best candidates as MRZ characters: a national letter counts as its transliteration, once, at its better score. */
const rank = (scores: Float32Array): GlyphCandidate[] => {
  const out: GlyphCandidate[] = [];
  for (const g of Array.from(scores.keys()).sort((p, q) => scores[q]! - scores[p]!)) {
    const char = TRANSLITERATION[GLYPH_CHARS[g]!] ?? GLYPH_CHARS[g]!;
    if (!out.some((c) => c.char === char)) out.push({ char, score: scores[g]! });
    if (out.length === KEEP) break;
  }
  return out;
};

const GLYPH_CHARS = Object.keys(OCRB_GLYPHS);
/** ICAO 9303 Part 3's one-letter transliterations of the national letters the templates include. */
const TRANSLITERATION: Readonly<Record<string, string>> = { Ñ: 'N' };

/** Every how many cells the blur level is tried on. */
const LEVEL_SAMPLE_STEP = 5;

interface Strip {
  width: number;
  height: number;
  /** Ink, 0 (paper) … 1. */
  ink: Float32Array;
}

/** Grey of an oriented strip of the image: origin, unit axes, sx and sy output px per source px. */
function sampleGrey(
  luma: Float32Array,
  w: number,
  h: number,
  origin: { x: number; y: number },
  along: { x: number; y: number },
  down: { x: number; y: number },
  sx: number,
  sy: number,
  width: number,
  height: number,
  wanted: Uint8Array | null = null,
): Float32Array {
  const out = new Float32Array(width * height);
  // Supersample when shrinking so thin strokes are not skipped.
  const taps = Math.max(1, Math.min(3, Math.ceil(1 / Math.min(sx, sy))));
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      if (wanted && !wanted[x]) continue;
      let sum = 0;
      for (let j = 0; j < taps; j += 1) {
        const v = (y + (j + 0.5) / taps) / sy;
        for (let i = 0; i < taps; i += 1) {
          const u = (x + (i + 0.5) / taps) / sx;
          sum += bilinear(luma, w, h, origin.x + along.x * u + down.x * v - 0.5, origin.y + along.y * u + down.y * v - 0.5);
        }
      }
      out[y * width + x] = sum / (taps * taps);
    }
  }
  return out;
}

/** Ink (0 paper … 1) of a grey strip. */
function inkOf(grey: Float32Array, width: number, height: number, paperByColumn: boolean, wanted: Uint8Array | null = null): Strip {
  const out = new Float32Array(grey);
  const counted = wanted ? wanted.reduce((sum, v) => sum + v, 0) * height : out.length;
  // Paper is the bright end and ink the dark end of the strip (robust percentiles: glare, specks).
  // For finding the cells, paper is each column's brightest pixel instead: the strip is taller
  // than the glyphs, and a tinted or patterned background changes along the line.
  const paper = new Float32Array(width);
  const hist = new Uint32Array(256);
  for (let i = 0; i < out.length; i += 1) if (!wanted || wanted[i % width]) hist[Math.max(0, Math.min(255, Math.round(out[i]!)))]! += 1;
  const level = (p: number) => {
    let seen = 0;
    for (let i = 0; i < 256; i += 1) if ((seen += hist[i]!) >= counted * p) return i;
    return 255;
  };
  const bright = level(0.9);
  const dark = level(0.03);
  if (paperByColumn) for (let y = 0; y < height; y += 1) for (let x = 0; x < width; x += 1) paper[x] = Math.max(paper[x]!, out[y * width + x]!);
  else paper.fill(bright);
  const range = Math.max(8, bright - dark);
  for (let i = 0; i < out.length; i += 1) out[i] = wanted && !wanted[i % width] ? 0 : Math.max(0, Math.min(1, (paper[i % width]! - out[i]!) / range));
  return { width, height, ink: out };
}

const rowSums = (s: Strip) => {
  const rows = new Float32Array(s.height);
  for (let y = 0; y < s.height; y += 1) for (let x = 0; x < s.width; x += 1) rows[y]! += s.ink[y * s.width + x]!;
  return rows;
};

/** First row of the `size`-row window holding the most ink. */
function densestRows(rows: Float32Array, size: number): number {
  let best = 0;
  let bestSum = -1;
  for (let y = 0; y + size <= rows.length; y += 1) {
    let sum = 0;
    for (let k = 0; k < size; k += 1) sum += rows[y + k]!;
    if (sum > bestSum) {
      bestSum = sum;
      best = y;
    }
  }
  return best;
}

const interp = (a: Float32Array, x: number) => {
  if (x <= 0) return a[0]!;
  if (x >= a.length - 1) return a[a.length - 1]!;
  const i = Math.floor(x);
  return a[i]! * (1 - (x - i)) + a[i + 1]! * (x - i);
};

/** Pitch and offset (strip px) whose n+1 cell boundaries fall in the gaps and whose n cells hold the ink. */
function fitCells(cols: Float32Array, n: number, pitch: number): { pitch: number; offset: number } {
  const prefix = new Float32Array(cols.length + 1);
  for (let i = 0; i < cols.length; i += 1) prefix[i + 1] = prefix[i]! + cols[i]!;
  const total = prefix[cols.length]!;
  const inside = (a: number, b: number) => interp(prefix, Math.max(0, Math.min(cols.length, b))) - interp(prefix, Math.max(0, Math.min(cols.length, a)));
  let best = { pitch, offset: 0, cost: Infinity };
  for (let p = pitch * (1 - PITCH_RANGE); p <= pitch * (1 + PITCH_RANGE); p += 0.04) {
    for (let o = 0; o + n * p <= cols.length + p; o += 0.25) {
      let cost = total - inside(o, o + n * p);
      for (let i = 0; i <= n && cost < best.cost; i += 1) cost += interp(cols, o + i * p);
      if (cost < best.cost) best = { pitch: p, offset: o, cost };
    }
  }
  return best;
}

/** Reads one line of `n` cells. `pitch0` is the source px per cell the band suggests. */
function readLine(luma: Float32Array, w: number, h: number, band: MrzBand, line: MrzBandLine, n: number, pitch0: number, level: number | null): OcrbLine {
  const { along, down } = band;
  // 1. A coarse strip at CW px per estimated pitch: two pitches of margin, a pitch and a half up and down.
  const s0 = CW / pitch0;
  const margin = 2 * pitch0;
  const half = 1.5 * pitch0;
  const cx = (line.start.x + line.end.x) / 2;
  const cy = (line.start.y + line.end.y) / 2;
  const length = Math.hypot(line.end.x - line.start.x, line.end.y - line.start.y);
  const origin0 = { x: cx - along.x * (length / 2 + margin) - down.x * half, y: cy - along.y * (length / 2 + margin) - down.y * half };
  const coarseWidth = Math.round((length + 2 * margin) * s0);
  const coarseHeight = Math.round(2 * half * s0);
  // Cap rows and cell grid, measured against the strip's paper and against each column's paper (a
  // tinted or patterned background): where the two disagree, both are read and the better kept.
  const grey = sampleGrey(luma, w, h, origin0, along, down, s0, s0, coarseWidth, coarseHeight);
  const grids = [false, true].map((byColumn) => cellGrid(inkOf(grey, coarseWidth, coarseHeight, byColumn), n));
  const [g0, g1] = grids as [Grid, Grid];
  const agree = Math.abs(g0.top - g1.top) <= 1 && Math.abs(g0.cap - g1.cap) <= 1 && Math.abs(g0.pitch - g1.pitch) * n <= 1 && Math.abs(g0.offset - g1.offset) <= 1;
  const measured = agree ? [g0] : grids;
  // Candidates are compared on strips cut only where sampleFit looks; the winner's whole line is then cut and read.
  const fitted = measured.map((grid) => ({ grid, ...sampleFit(fineStrip(luma, w, h, along, down, origin0, s0, grid, n, true), n, level) }));
  // The rescaled caps are tried at the blur level the measured cap chose (the print's blur does not depend on it).
  const sampled = Math.ceil((n - 1) / LEVEL_SAMPLE_STEP);
  const rescaled = fitted.flatMap(({ grid, level: chosen }) =>
    CAP_SCALES.map((k) => {
      const scaled = { ...grid, top: grid.top + (grid.cap * (1 - k)) / 2, cap: grid.cap * k };
      const { fit } = sampleFit(fineStrip(luma, w, h, along, down, origin0, s0, scaled, n, true), n, chosen);
      // A rescaled cap must fit clearly better: the lines of a band are calibrated together, on each other's glyphs.
      return { grid: scaled, level: chosen, fit: fit - CAP_RESCALE_MARGIN * sampled };
    }),
  );
  const best = [...fitted, ...rescaled].reduce((x, y) => (y.fit > x.fit ? y : x));
  return readStrip(fineStrip(luma, w, h, along, down, origin0, s0, best.grid, n), n, best.level);
}

/**
 * The cap height from the row profile can take in a shadow under the line or a rule above it (a
 * phone photo, an app's frame): the glyph grid is also tried with the cap that much shorter or
 * taller, and the one the glyphs fit best is read.
 */
const CAP_SCALES = [0.85, 1.15] as const;
/** How much better, per sampled cell, a rescaled cap's fit must be than the measured cap's. */
const CAP_RESCALE_MARGIN = 0.015;

interface Grid {
  /** First cap row, cap height (rows) and cell pitch and offset (columns) in the coarse strip. */
  top: number;
  cap: number;
  pitch: number;
  offset: number;
}

function cellGrid(coarse: Strip, n: number): Grid {
  const rows = rowSums(coarse);
  // Cap height: rows with at least a third of the peak row's ink, contiguous around the densest window.
  const top0 = densestRows(rows, OCRB_CELL.capHeight);
  let peak = 0;
  for (let k = 0; k < OCRB_CELL.capHeight; k += 1) peak = Math.max(peak, rows[top0 + k]!);
  let a = top0 + (OCRB_CELL.capHeight >> 1);
  let b = a;
  while (a > 0 && rows[a - 1]! >= peak / 3) a -= 1;
  while (b < rows.length - 1 && rows[b + 1]! >= peak / 3) b += 1;
  const cols = new Float32Array(coarse.width);
  for (let y = a; y <= b; y += 1) for (let x = 0; x < coarse.width; x += 1) cols[x]! += coarse.ink[y * coarse.width + x]!;
  const fit = fitCells(cols, n, CW);
  return { top: a, cap: b - a + 1, pitch: fit.pitch, offset: fit.offset };
}

/** The fine strip of a grid (exactly CW px per cell, cap height per glyph) matched cell by cell. */
interface FineStrip {
  ink: Float32Array;
  width: number;
  pad: number;
}

/** The fine strip of a grid: exactly CW px per cell and cap height per glyph, blurred once. */
function fineStrip(
  luma: Float32Array,
  w: number,
  h: number,
  along: { x: number; y: number },
  down: { x: number; y: number },
  origin0: { x: number; y: number },
  s0: number,
  grid: Grid,
  n: number,
  sampledOnly = false,
): FineStrip {
  const sx = s0 * (CW / grid.pitch);
  const capRatio = Math.max(0.8, Math.min(1.25, OCRB_CELL.capHeight / grid.cap));
  const sy = s0 * capRatio;
  const pad = SHIFT + 1;
  const u0 = grid.offset / s0 - pad / sx;
  const v0 = grid.top / s0 - (OCRB_CELL.capTop + pad) / sy;
  const origin = { x: origin0.x + along.x * u0 + down.x * v0, y: origin0.y + along.y * u0 + down.y * v0 };
  const fw = n * CW + 2 * pad;
  const fh = CH + 2 * pad;
  const wanted = sampledOnly ? sampledColumns(n, fw, pad) : null;
  const fine = inkOf(sampleGrey(luma, w, h, origin, along, down, sx, sy, fw, fh, wanted), fw, fh, false, wanted);
  return { ink: blur(fine.ink, fw, fh), width: fw, pad };
}

/** The columns sampleFit reads (its cells, the shift search and the blur around them), for a strip cut only to be compared. */
function sampledColumns(n: number, fw: number, pad: number): Uint8Array {
  const wanted = new Uint8Array(fw);
  for (let c = 1; c < n; c += LEVEL_SAMPLE_STEP) for (let x = Math.max(0, c * CW - 1); x < Math.min(fw, c * CW + CW + 2 * pad + 1); x += 1) wanted[x] = 1;
  return wanted;
}

/**
 * How well a sample of the strip's cells fits its best glyphs, at the given blur level or (null)
 * at the level that fits best (lines of one band share it).
 */
function sampleFit(strip: FineStrip, n: number, level: number | null): { level: number; fit: number } {
  const sets = glyphTemplateSets();
  const patch = new Float32Array(N);
  const scores = new Float32Array(sets[0]!.length);
  let best = { level: level ?? 0, fit: -Infinity };
  for (const [k, set] of sets.entries()) {
    if (level !== null && k !== level) continue;
    let fit = 0;
    for (let c = 1; c < n; c += LEVEL_SAMPLE_STEP) {
      cellScores(strip.ink, strip.width, strip.pad, c, set, patch, scores);
      fit += Math.max(...scores);
    }
    if (fit > best.fit) best = { level: k, fit };
  }
  return best;
}

function readStrip(strip: FineStrip, n: number, chosen: number): OcrbLine {
  const { ink, width: fw, pad } = strip;
  const sets = glyphTemplateSets();
  const patch = new Float32Array(N);
  const scores = new Float32Array(sets[0]!.length);
  const glyphs = sets[chosen]!;
  const cells: GlyphCandidate[][] = [];
  const allScores: Float32Array[] = [];
  const shifts: Array<{ dx: number; dy: number }> = [];
  let scoreSum = 0;
  for (let c = 0; c < n; c += 1) {
    const { dx, dy } = cellScores(ink, fw, pad, c, glyphs, patch, scores);
    const ranked = rank(scores);
    scoreSum += ranked[0]!.score;
    cells.push(ranked);
    allScores.push(Float32Array.from(scores));
    shifts.push({ dx, dy });
  }
  return { cells, meanScore: scoreSum / n, strip: { ink, width: fw, pad, scores: allScores, shifts, level: chosen } };
}

/** Reads every line of the band as `chars` OCR-B cells. */
export function readOcrbBand(luma: Float32Array, width: number, height: number, band: MrzBand, chars: number): OcrbLine[] {
  // The line ends are the ink ends: about n − 0.2 pitches apart.
  const pitch0 = band.length / (chars - 0.2);
  const out: OcrbLine[] = [];
  for (const line of band.lines) out.push(readLine(luma, width, height, band, line, chars, pitch0, out[0]?.strip.level ?? null));
  return out;
}

/**
 * Repair cost per unit of score loss (NCC). Measured on the eval-dev specimens: a true glyph that
 * loses to a look-alike (0/O, 8/B, 5/S) loses by 0.01–0.08; 10 read the most documents exactly
 * (7/20, against 5/20 at 4 and 6: cheaper look-alikes make rival repairs tie).
 */
const COST_PER_SCORE = 10;

/** The template read as OCR lines for readMrzText: the best glyph, the rest as costed alternatives. */
export function ocrbOcrLines(lines: readonly OcrbLine[]): MrzOcrLine[] {
  return lines.map((line) =>
    line.cells.map((cands) => {
      const top = cands[0]!;
      return { char: top.char, digitness: null, alternatives: cands.map((c) => ({ char: c.char, cost: (top.score - c.score) * COST_PER_SCORE })) };
    }),
  );
}

/** Position classes: 'D' digit or filler, 'L' letter or filler, anything else unconstrained. */
export type PositionClasses = readonly string[];

/** Least score, and least lead over the next glyph of its class, for a cell to serve as an instance of its glyph. */
const INSTANCE_SCORE = 0.75;
const INSTANCE_MARGIN = 0.03;
const DIGIT_CHARS = /^[0-9<]$/;
const LETTER_CHARS = /^[A-Z<]$/;

/**
 * Re-scores every cell against templates cut from this very document: the cells whose position
 * admits only digits (dates, check digits) or only letters (names, codes) and whose glyph is clear
 * within that class are instances of the print's own 0, 8, O, B…; a glyph with instances is scored
 * against their mean, one without keeps its font score plus the gain the print's own templates show
 * over the font's. OCR-B's O and 0 (and 8/B, 5/S) differ by less than print and blur change them,
 * but within one document the print's own 0 and O still differ.
 */
export function calibrateOcrb(lines: readonly OcrbLine[], classes: PositionClasses): OcrbLine[] {
  const sums = new Map<number, Float32Array>();
  const counts = new Map<number, number>();
  const patch = new Float32Array(N);
  const instanceOf = lines.map(() => new Map<number, number>());
  lines.forEach((line, l) => {
    const cls = classes[l] ?? '';
    line.strip.scores.forEach((scores, c) => {
      const test = cls[c] === 'D' ? DIGIT_CHARS : cls[c] === 'L' ? LETTER_CHARS : null;
      if (!test) return;
      let b1 = -1;
      let b2 = -1;
      for (let g = 0; g < scores.length; g += 1) {
        if (!test.test(GLYPH_CHARS[g]!)) continue;
        if (b1 < 0 || scores[g]! > scores[b1]!) {
          b2 = b1;
          b1 = g;
        } else if (b2 < 0 || scores[g]! > scores[b2]!) b2 = g;
      }
      if (b1 < 0 || scores[b1]! < INSTANCE_SCORE || (b2 >= 0 && scores[b1]! - scores[b2]! < INSTANCE_MARGIN)) return;
      const { dx, dy } = line.strip.shifts[c]!;
      if (!extract(line.strip.ink, line.strip.width, line.strip.pad, c, dx, dy, patch)) return;
      const sum = sums.get(b1) ?? new Float32Array(N);
      for (let i = 0; i < N; i += 1) sum[i]! += patch[i]!;
      sums.set(b1, sum);
      counts.set(b1, (counts.get(b1) ?? 0) + 1);
      instanceOf[l]!.set(c, b1);
    });
  });
  // The print's own template of a glyph, leaving out one instance (so an instance is not matched with itself).
  const template = (g: number, without: Float32Array | null): Float32Array | null => {
    const sum = sums.get(g);
    if (!sum || (without && counts.get(g)! < 2)) return null;
    const t = Float32Array.from(sum);
    if (without) for (let i = 0; i < N; i += 1) t[i]! -= without[i]!;
    return normalise(t);
  };
  const docScore = (line: OcrbLine, c: number, t: Float32Array) => {
    const { dx, dy } = line.strip.shifts[c]!;
    let best = -1;
    for (let sy = -1; sy <= 1; sy += 1) {
      for (let sx = -1; sx <= 1; sx += 1) {
        if (Math.abs(dx + sx) > SHIFT || Math.abs(dy + sy) > SHIFT) continue;
        if (extract(line.strip.ink, line.strip.width, line.strip.pad, c, dx + sx, dy + sy, patch)) best = Math.max(best, dotN(t, patch));
      }
    }
    return best;
  };
  // How well each glyph's instances match the rest of them (some glyphs print more consistently
  // than others), and the gain of the print's templates over the font's, on glyphs seen twice or more.
  let gain = 0;
  let gains = 0;
  let typicalAll = 0;
  const typicalSum = new Map<number, number>();
  const typicalCount = new Map<number, number>();
  const own = new Float32Array(N);
  lines.forEach((line, l) => {
    for (const [c, g] of instanceOf[l]!) {
      const { dx, dy } = line.strip.shifts[c]!;
      extract(line.strip.ink, line.strip.width, line.strip.pad, c, dx, dy, own);
      const t = template(g, own);
      if (!t) continue;
      const score = docScore(line, c, t);
      gain += score - line.strip.scores[c]![g]!;
      typicalAll += score;
      gains += 1;
      typicalSum.set(g, (typicalSum.get(g) ?? 0) + score);
      typicalCount.set(g, (typicalCount.get(g) ?? 0) + 1);
    }
  });
  if (gains === 0) return [...lines];
  gain /= gains;
  typicalAll /= gains;
  const typical = (g: number) => (typicalCount.get(g) ? typicalSum.get(g)! / typicalCount.get(g)! : typicalAll);
  const shared = new Map<number, Float32Array>();
  for (const g of sums.keys()) shared.set(g, template(g, null)!);
  return lines.map((line, l) => {
    let scoreSum = 0;
    const cells = line.strip.scores.map((scores, c) => {
      const mine = instanceOf[l]!.get(c);
      // Only the font's best few can come out on top.
      const next = new Float32Array(scores.length).fill(-1);
      for (const g of Array.from(scores.keys())
        .sort((a, b) => scores[b]! - scores[a]!)
        .slice(0, FINE_GLYPHS)) {
        let t = shared.get(g) ?? null;
        if (t && g === mine) {
          const { dx, dy } = line.strip.shifts[c]!;
          extract(line.strip.ink, line.strip.width, line.strip.pad, c, dx, dy, own);
          t = template(g, own);
        }
        next[g] = t ? docScore(line, c, t) - typical(g) + typicalAll : scores[g]! + gain;
      }
      const ranked = rank(next);
      scoreSum += ranked[0]!.score;
      return ranked;
    });
    return { ...line, cells, meanScore: scoreSum / cells.length };
  });
}

/** Below this mean best score the band may be upside down (the locator's direction is a guess). */
const UPRIGHT_SCORE = 0.85;

/**
 * The whole template read of a band as `format`: read, calibrate on the document's own glyphs,
 * repair with the check digits. When the read looks poor, the band is also read the other way
 * round, and the read with more valid check digits (then the better score) wins.
 */
export function readMrzByTemplates(luma: Float32Array, width: number, height: number, band: MrzBand, format: MrzFormat, today: Date): MrzTextRead {
  const chars = MRZ_SHAPE[format].length;
  const classes = mrzPositionClasses(format);
  const readSide = (b: MrzBand) => {
    const raw = readOcrbBand(luma, width, height, b, chars);
    const lines = calibrateOcrb(raw, classes);
    return { raw: meanOf(raw), read: readMrzText(ocrbOcrLines(lines), format, today) };
  };
  const first = readSide(band);
  if (first.read.valid || first.raw >= UPRIGHT_SCORE) return first.read;
  const second = readSide(flipBand(band));
  const validCount = (r: MrzTextRead) => r.checkDigits.filter((c) => c.valid).length;
  const better = validCount(second.read) > validCount(first.read) || (validCount(second.read) === validCount(first.read) && second.raw > first.raw);
  return better ? second.read : first.read;
}

const meanOf = (lines: readonly OcrbLine[]) => lines.reduce((sum, l) => sum + l.meanScore, 0) / Math.max(1, lines.length);

/**
 * A TD1 card's MRZ has three lines; the locator can miss one (a printed arrow or accent touching
 * it, a stain). For a band of two short lines, the same step once more below (or above) is
 * read as a line of 30 OCR-B cells: when it looks as much like OCR-B as the two found, it is the
 * third line. null when there is none.
 */
export function withThirdLine(luma: Float32Array, width: number, height: number, band: MrzBand, foundScore: number): MrzBand | null {
  if (band.lines.length !== 2) return null;
  const [a, b] = band.lines as [MrzBandLine, MrzBandLine];
  const step = { x: b.start.x - a.start.x, y: b.start.y - a.start.y };
  const shift = (l: MrzBandLine, k: number): MrzBandLine => ({
    start: { x: l.start.x + step.x * k, y: l.start.y + step.y * k },
    end: { x: l.end.x + step.x * k, y: l.end.y + step.y * k },
    thickness: l.thickness,
  });
  const inside = (l: MrzBandLine) => [l.start, l.end].every((p) => p.x >= 0 && p.y >= 0 && p.x < width && p.y < height);
  const TD1_CHARS = MRZ_SHAPE.TD1.length;
  const floor = foundScore - THIRD_LINE_SLACK;
  let best: { band: MrzBand; score: number } | null = null;
  for (const lines of [
    [a, b, shift(b, 1)],
    [shift(a, -1), a, b],
  ]) {
    const extra = lines[0] === a ? lines[2]! : lines[0]!;
    if (!inside(extra)) continue;
    const candidate = { ...bandOf(lines, band.turns) };
    const [read] = readOcrbBand(luma, width, height, { ...candidate, lines: [extra] }, TD1_CHARS);
    if (read && read.meanScore >= Math.max(floor, INSTANCE_SCORE) && (!best || read.meanScore > best.score)) best = { band: candidate, score: read.meanScore };
  }
  return best?.band ?? null;
}

/** How much less like OCR-B a probed third line may look than the two the locator found. */
const THIRD_LINE_SLACK = 0.05;

/**
 * The line length (30, 36 or 44 characters) at which the band's first line looks most like OCR-B,
 * with that score: a line cut into the wrong number of cells matches no glyph well (0.65–0.7 on
 * the eval-dev specimens against 0.9 and more at the right length), which tells a TD1 line from a
 * TD2 one where the line's aspect, a guess from its ink thickness, cannot.
 */
export function lineLengthByGlyphs(luma: Float32Array, width: number, height: number, band: MrzBand): { chars: number; score: number } {
  let best = { chars: MRZ_SHAPE.TD3.length, score: -Infinity };
  const first = { ...band, lines: band.lines.slice(0, 1) };
  for (const chars of LINE_LENGTHS) {
    const score = readOcrbBand(luma, width, height, { ...first, length: lengthOf(first.lines[0]!) }, chars)[0]!.meanScore;
    if (score > best.score) best = { chars, score };
  }
  return best;
}

const LINE_LENGTHS = [MRZ_SHAPE.TD3.length, MRZ_SHAPE.TD2.length, MRZ_SHAPE.TD1.length];
const lengthOf = (l: MrzBandLine) => Math.hypot(l.end.x - l.start.x, l.end.y - l.start.y);
