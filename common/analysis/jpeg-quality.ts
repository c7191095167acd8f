/**
 * Estimates the IJG quality factor a JPEG was saved at from its quantisation tables (DQT), the way
 * ImageMagick and libjpeg-based tools do: the IJG encoder (libjpeg, libjpeg-turbo, most cameras and
 * scanners) scales the tables of JPEG Annex K by `scale = q < 50 ? 5000 / q : 200 − 2q` percent, so
 * the file's tables measured against Annex K give the scale back, and the scale the quality.
 * Encoders with their own tables (mozjpeg, some phones) get the quality whose scaled Annex K table
 * quantises as coarsely on average: the same "sum" method ImageMagick falls back to.
 * Pure: it works on bytes the header reader already has.
 */

/** Natural (row-major) index of each zigzag position, the order DQT stores tables in. */
const ZIGZAG = [
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45,
  38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
];

/** JPEG Annex K, table K.1 (luminance) and K.2 (chrominance), natural order. */
const ANNEX_K: readonly (readonly number[])[] = [
  [
    16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
    49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
  ],
  [17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99, 99, 99, 99, 99, 99, ...new Array<number>(32).fill(99)],
];

/** One DQT table: its slot (0 = luminance by convention, 1 = chrominance) and 64 values in natural order. */
export interface QuantTable {
  slot: number;
  values: number[];
}

/** The tables of one DQT segment payload (after its length field). */
export function readDqtSegment(bytes: Uint8Array, start: number, end: number): QuantTable[] {
  const tables: QuantTable[] = [];
  let at = start;
  while (at < end) {
    const precision = bytes[at]! >> 4;
    const slot = bytes[at]! & 0x0f;
    const size = precision === 0 ? 1 : 2;
    if (at + 1 + 64 * size > end) break;
    const values = new Array<number>(64);
    for (let k = 0; k < 64; k += 1) {
      const p = at + 1 + k * size;
      values[ZIGZAG[k]!] = size === 1 ? bytes[p]! : (bytes[p]! << 8) | bytes[p + 1]!;
    }
    tables.push({ slot, values });
    at += 1 + 64 * size;
  }
  return tables;
}

/** The table libjpeg's jpeg_set_quality(q, force_baseline) writes for Annex K table `base`. */
export function ijgTable(base: readonly number[], quality: number): number[] {
  const q = Math.min(100, Math.max(1, Math.round(quality)));
  const scale = q < 50 ? Math.floor(5000 / q) : 200 - q * 2;
  return base.map((v) => Math.min(255, Math.max(1, Math.floor((v * scale + 50) / 100))));
}

export interface QualityEstimate {
  /** Estimated IJG quality 1–100. */
  quality: number;
  /** True when the tables are exactly libjpeg's at that quality (an IJG encoder wrote them). */
  standardTables: boolean;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** Quality from the file's tables; null when it has no table for slot 0. */
export function estimateJpegQuality(tables: QuantTable[]): QualityEstimate | null {
  const used = [0, 1].map((slot) => tables.filter((t) => t.slot === slot).at(-1)).filter((t): t is QuantTable => !!t);
  if (!used.some((t) => t.slot === 0)) return null;
  // Exact IJG tables first: the quality whose scaled tables are exactly the file's.
  for (let q = 100; q >= 1; q -= 1) {
    if (used.every((t) => ijgTable(ANNEX_K[t.slot]!, q).every((v, i) => v === t.values[i]))) return { quality: q, standardTables: true };
  }
  // Otherwise the sum method: the quality whose scaled Annex K tables have the same total step.
  const actual = sum(used.map((t) => sum(t.values)));
  let best = { quality: 1, error: Infinity };
  for (let q = 1; q <= 100; q += 1) {
    const error = Math.abs(sum(used.map((t) => sum(ijgTable(ANNEX_K[t.slot]!, q)))) - actual);
    if (error < best.error) best = { quality: q, error };
  }
  return { quality: best.quality, standardTables: false };
}
