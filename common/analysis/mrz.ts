/**
 * Machine-readable zone (ICAO 9303) text handling, shared by every host: pick the MRZ out of raw
 * OCR text, repair the usual OCR confusions position by position, then parse and check it with the
 * `mrz` package. Pure and isomorphic: no Node, no DOM.
 *
 * Repair policy. Characters whose class the layout fixes (digits in dates and check digits,
 * letters in names, codes and sex) are mapped deterministically (O→0, 0→O, …). Where a check
 * digit still fails, a bounded look-alike search runs: letter↔digit swaps in document and
 * personal numbers, digit confusions in dates (which must stay possible dates), and for TD3 the
 * composite digit itself. A result is taken only when it makes every check digit valid within a
 * small total cost and no other result comes close. Check digits are weak evidence (one in ten
 * random changes passes; S/8, G/6, Z/5 even carry the same value), so when the OCR reports glyph
 * heights (`MrzOcrChar.digitness`: OCR-B digits stand taller than capitals) swaps against that
 * evidence are not tried, and readers are told how many characters were guessed. State codes,
 * which have no check digit, are matched against the ICAO list instead.
 */
import { parse, states, type Details, type FieldRecords, type ParseResult } from 'mrz';
import type { MrzFields, MrzFormat, MrzRead } from './mrz-types';

export const MRZ_FORMATS: readonly MrzFormat[] = ['TD3', 'TD1', 'TD2'];

/** Lines and characters per line of each layout. */
export const MRZ_SHAPE: Readonly<Record<MrzFormat, { readonly lines: number; readonly length: number }>> = {
  TD1: { lines: 3, length: 30 },
  TD2: { lines: 2, length: 36 },
  TD3: { lines: 2, length: 44 },
};

/** Every character an MRZ may hold. Useful as an OCR whitelist. */
export const MRZ_CHARSET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<';

const MRZ_LINE = /^[A-Z0-9<]+$/;
const DIGIT = /^[0-9]$/;
const LETTER = /^[A-Z]$/;

// ---------------------------------------------------------------------------------------------
// Check digits
// ---------------------------------------------------------------------------------------------

/** ICAO 9303 value of one MRZ character: digits 0–9, A–Z 10–35, filler `<` 0. */
export function mrzCharValue(char: string): number {
  if (char === '<') return 0;
  const code = char.charCodeAt(0);
  if (char.length === 1 && code >= 48 && code <= 57) return code - 48;
  if (char.length === 1 && code >= 65 && code <= 90) return code - 55;
  throw new RangeError(`not an MRZ character: ${JSON.stringify(char)}`);
}

/** ICAO 9303 check digit (weights 7, 3, 1 repeating; sum modulo 10) of `value`, as a character. */
export function mrzCheckDigit(value: string): string {
  const weights = [7, 3, 1] as const;
  let sum = 0;
  for (let i = 0; i < value.length; i += 1) sum += mrzCharValue(value[i]!) * weights[i % 3]!;
  return String(sum % 10);
}

// ---------------------------------------------------------------------------------------------
// Layouts
// ---------------------------------------------------------------------------------------------

type Kind = 'code' | 'state' | 'name' | 'alnum' | 'optional' | 'date' | 'digit' | 'sex';

interface Span {
  line: number;
  start: number;
  end: number;
}

interface FieldSpan extends Span {
  kind: Kind;
  /** Ends in `<` filler that OCR may speckle with K's (names, optional data, personal number). */
  fillerTail?: boolean;
}

interface CheckSpec {
  field: string;
  digit: Span;
  over: Span[];
  /** The composite check digit, over several fields. */
  composite: boolean;
  /** The personal number's check digit may be `<` (or 0) when the field is empty. */
  emptyAllowed?: boolean;
  /** The value is a YYMMDD date: repairs must leave a possible month and day. */
  date?: boolean;
}

interface Layout {
  fields: FieldSpan[];
  checks: CheckSpec[];
  /** Per line: how many characters at the end are check digits (anchor the line's tail). */
  tailDigits: number[];
}

const span = (line: number, start: number, end: number): Span => ({ line, start, end });
const field = (kind: Kind, line: number, start: number, end: number): FieldSpan => ({ kind, line, start, end, fillerTail: kind === 'name' || kind === 'optional' });
const check = (name: string, digit: Span, over: Span[], extra: Partial<CheckSpec> = {}): CheckSpec => ({ field: name, digit, over, composite: false, ...extra });

/** Line 2 of TD2 and TD3: identical up to the optional data, whose length differs. */
function passportLine2(optionalEnd: number, personalCheck: boolean): { fields: FieldSpan[]; checks: CheckSpec[] } {
  const fields = [
    field('alnum', 1, 0, 9),
    field('digit', 1, 9, 10),
    field('state', 1, 10, 13),
    field('date', 1, 13, 19),
    field('digit', 1, 19, 20),
    field('sex', 1, 20, 21),
    field('date', 1, 21, 27),
    field('digit', 1, 27, 28),
    { ...field(personalCheck ? 'alnum' : 'optional', 1, 28, optionalEnd), fillerTail: true },
    ...(personalCheck ? [field('digit', 1, optionalEnd, optionalEnd + 1)] : []),
    field('digit', 1, optionalEnd + (personalCheck ? 1 : 0), optionalEnd + (personalCheck ? 2 : 1)),
  ];
  const compositeAt = optionalEnd + (personalCheck ? 1 : 0);
  const checks = [
    check('documentNumberCheckDigit', span(1, 9, 10), [span(1, 0, 9)]),
    check('birthDateCheckDigit', span(1, 19, 20), [span(1, 13, 19)], { date: true }),
    check('expirationDateCheckDigit', span(1, 27, 28), [span(1, 21, 27)], { date: true }),
    ...(personalCheck ? [check('personalNumberCheckDigit', span(1, optionalEnd, optionalEnd + 1), [span(1, 28, optionalEnd)], { emptyAllowed: true })] : []),
    check('compositeCheckDigit', span(1, compositeAt, compositeAt + 1), [span(1, 0, 10), span(1, 13, 20), span(1, 21, compositeAt)], { composite: true }),
  ];
  return { fields, checks };
}

const TD3_LINE2 = passportLine2(42, true);
const TD2_LINE2 = passportLine2(35, false);

const LAYOUTS: Readonly<Record<MrzFormat, Layout>> = {
  TD3: {
    fields: [field('code', 0, 0, 2), field('state', 0, 2, 5), field('name', 0, 5, 44), ...TD3_LINE2.fields],
    checks: TD3_LINE2.checks,
    tailDigits: [0, 2],
  },
  TD2: {
    fields: [field('code', 0, 0, 2), field('state', 0, 2, 5), field('name', 0, 5, 36), ...TD2_LINE2.fields],
    checks: TD2_LINE2.checks,
    tailDigits: [0, 1],
  },
  TD1: {
    fields: [
      field('code', 0, 0, 2),
      field('state', 0, 2, 5),
      field('alnum', 0, 5, 14),
      field('digit', 0, 14, 15),
      field('optional', 0, 15, 30),
      field('date', 1, 0, 6),
      field('digit', 1, 6, 7),
      field('sex', 1, 7, 8),
      field('date', 1, 8, 14),
      field('digit', 1, 14, 15),
      field('state', 1, 15, 18),
      field('optional', 1, 18, 29),
      field('digit', 1, 29, 30),
      field('name', 2, 0, 30),
    ],
    checks: [
      check('documentNumberCheckDigit', span(0, 14, 15), [span(0, 5, 14)]),
      check('birthDateCheckDigit', span(1, 6, 7), [span(1, 0, 6)], { date: true }),
      check('expirationDateCheckDigit', span(1, 14, 15), [span(1, 8, 14)], { date: true }),
      check('compositeCheckDigit', span(1, 29, 30), [span(0, 5, 30), span(1, 0, 7), span(1, 8, 15), span(1, 18, 29)], { composite: true }),
    ],
    tailDigits: [0, 1, 0],
  },
};

// ---------------------------------------------------------------------------------------------
// Character confusions
// ---------------------------------------------------------------------------------------------

/** Letters OCR returns where the layout demands a digit. */
const TO_DIGIT: Readonly<Record<string, string>> = { O: '0', Q: '0', D: '0', U: '0', I: '1', L: '1', T: '1', J: '1', Z: '2', A: '4', S: '5', G: '6', B: '8' };
/** Digits OCR returns where the layout demands a letter. */
const TO_LETTER: Readonly<Record<string, string>> = { '0': 'O', '1': 'I', '2': 'Z', '4': 'A', '5': 'S', '6': 'G', '8': 'B' };
/** What OCR makes of M, F and `<` in the sex position. */
const TO_SEX: Readonly<Record<string, string>> = { H: 'M', N: 'M', W: 'M', P: 'F', E: 'F', K: '<' };

/**
 * Look-alike pairs in OCR-B with a cost (1 = the usual suspects). Symmetric. Measured on the legacy
 * Tesseract engine: O/0, D/0, I/1, S/5, B/8, Z/2 dominate; C/6, C/0, S/8, B/3, E/5, W/N/H occur.
 */
const CONFUSION_PAIRS: ReadonlyArray<readonly [string, string, number]> = [
  ['0', 'O', 1],
  ['0', 'D', 1],
  ['0', 'Q', 2],
  ['O', 'Q', 1.5],
  ['O', 'D', 1.5],
  ['0', 'U', 2],
  ['O', 'U', 2],
  ['0', 'C', 2],
  ['O', 'C', 1.5],
  ['6', 'C', 2],
  ['G', 'C', 1.5],
  ['1', 'I', 1],
  ['1', 'L', 1.5],
  ['1', 'T', 1.5],
  ['I', 'L', 1.5],
  ['1', '7', 2.5],
  ['7', 'T', 2],
  ['2', 'Z', 1],
  ['5', 'S', 1],
  ['8', 'S', 1.5],
  ['5', '6', 2.5],
  ['6', 'G', 1],
  ['6', '8', 2.5],
  ['8', 'B', 1],
  ['3', 'B', 1.5],
  ['3', '8', 2.5],
  ['8', '0', 2.5],
  ['8', '9', 2.5],
  ['B', 'E', 1.5],
  ['E', 'F', 2],
  ['4', 'A', 1.5],
  ['M', 'H', 1.5],
  ['N', 'W', 1.5],
  ['H', 'W', 1.5],
  ['H', 'N', 1.5],
  ['M', 'N', 2],
  ['5', 'E', 2],
  ['1', 'Z', 2],
  ['K', '<', 1.5],
];

const CONFUSIONS: ReadonlyMap<string, ReadonlyArray<{ char: string; cost: number }>> = (() => {
  const map = new Map<string, Array<{ char: string; cost: number }>>();
  const add = (from: string, to: string, cost: number) => {
    const list = map.get(from) ?? [];
    list.push({ char: to, cost });
    map.set(from, list);
  };
  for (const [a, b, cost] of CONFUSION_PAIRS) {
    add(a, b, cost);
    add(b, a, cost);
  }
  return map;
})();

const isDigitOrFiller = (c: string) => DIGIT.test(c) || c === '<';
const isLetterOrFiller = (c: string) => LETTER.test(c) || c === '<';
const isMrzChar = (c: string) => c.length === 1 && MRZ_CHARSET.includes(c);

function classOf(kind: Kind): (c: string) => boolean {
  switch (kind) {
    case 'date':
    case 'digit':
      return isDigitOrFiller;
    case 'code':
    case 'state':
    case 'name':
    case 'sex':
      return isLetterOrFiller;
    case 'alnum':
    case 'optional':
      return isMrzChar;
  }
}

/** Deterministic repair of one character at a position of known kind. */
function fixChar(kind: Kind, char: string): string {
  switch (kind) {
    case 'date':
    case 'digit':
      return TO_DIGIT[char] ?? char;
    case 'code':
    case 'state':
    case 'name':
      return TO_LETTER[char] ?? char;
    case 'sex':
      return TO_SEX[char] ?? TO_LETTER[char] ?? char;
    case 'alnum':
    case 'optional':
      return char;
  }
}

const KNOWN_STATES: ReadonlySet<string> = new Set([...Object.keys(states), 'UTO']);
/** ICAO state code, `<` fillers dropped: `D<<` → `D`. */
const stateCode = (raw: string) => raw.replace(/<+$/, '');
const isKnownState = (raw: string) => /^[A-Z]{1,3}<*$/.test(raw) && KNOWN_STATES.has(stateCode(raw));

/**
 * Each position's character class, line by line: 'D' where only digits or `<` may stand (dates,
 * check digits), 'L' where only letters or `<` (names, codes, states, sex), 'A' anywhere else.
 */
export function mrzPositionClasses(format: MrzFormat): string[] {
  const { lines, length } = MRZ_SHAPE[format];
  const layout = LAYOUTS[format];
  return Array.from({ length: lines }, (_, line) =>
    Array.from({ length }, (_, index) => {
      const kind = kindAt(layout, line, index);
      return kind === 'date' || kind === 'digit' ? 'D' : kind === 'code' || kind === 'state' || kind === 'name' || kind === 'sex' ? 'L' : 'A';
    }).join(''),
  );
}

// ---------------------------------------------------------------------------------------------
// OCR evidence
// ---------------------------------------------------------------------------------------------

/** One character as OCR returned it, with optional evidence about its glyph. */
export interface MrzOcrChar {
  char: string;
  /**
   * 0–1: how much the glyph looks like a digit rather than a capital letter (in OCR-B, digits stand
   * about 10 % taller than flat capitals), null when unknown. Steers the repair between look-alikes
   * such as 0/D, 8/B, 2/Z, 1/I.
   */
  digitness?: number | null;
  /**
   * Other glyphs this one may be, each with the cost of reading it so instead (a template reader's
   * score loss, on the scale of the look-alike costs: 1 = a usual look-alike). When present, the
   * repair searches these instead of the fixed look-alike lists.
   */
  alternatives?: readonly MrzAlternative[];
}

export interface MrzAlternative {
  char: string;
  cost: number;
}

export type MrzOcrLine = readonly MrzOcrChar[];

/** Capitals without overshoot: their height is the cap height. */
const FLAT_CAPITALS = /^[BDEFHIKLMNPRTXZ]$/;
/** OCR-B figure height over cap height, measured on fonts-ocr-b (0.78 em vs 0.71 em). */
const DIGIT_HEIGHT_RATIO = 1.1;

const median = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[(sorted.length - 1) >> 1]!;
};

/**
 * Digitness of each glyph of one OCR line from its height: the line's cap height is the median
 * height of flat capitals (or of digits / 1.1 when it has none), and a glyph 10 % taller counts
 * as a digit. Heights in any unit; fillers and unknowns get null.
 */
export function digitnessFromHeights(glyphs: ReadonlyArray<{ char: string; height: number }>): MrzOcrChar[] {
  const capitals = median(glyphs.filter((g) => FLAT_CAPITALS.test(g.char)).map((g) => g.height));
  const digits = median(glyphs.filter((g) => DIGIT.test(g.char)).map((g) => g.height));
  const cap = capitals ?? (digits === null ? null : digits / DIGIT_HEIGHT_RATIO);
  return glyphs.map(({ char, height }) => {
    if (cap === null || cap <= 0 || char === '<' || !(height > 0)) return { char, digitness: null };
    const d = (height / cap - 1) / (DIGIT_HEIGHT_RATIO - 1);
    return { char, digitness: Math.min(1, Math.max(0, d)) };
  });
}

// ---------------------------------------------------------------------------------------------
// Picking the MRZ lines out of OCR text
// ---------------------------------------------------------------------------------------------

export interface NormalisedMrz {
  /** null when no run of lines looks like an MRZ. */
  format: MrzFormat | null;
  /** The OCR text, line by line (trimmed, empty lines dropped). */
  rawLines: string[];
  /** The chosen lines, cleaned and fitted to the exact length of `format` (empty when format is null). */
  lines: string[];
  /** Digitness of every character of `lines` (null where unknown or inserted). */
  digitness: Array<Array<number | null>>;
  /** Alternatives of every character of `lines` (null where the OCR gave none). */
  alternatives: Array<Array<readonly MrzAlternative[] | null>>;
  /** Characters inserted, removed or replaced while fitting lines and fillers. */
  repairedCharacters: number;
}

interface Token {
  c: string;
  d: number | null;
  a?: readonly MrzAlternative[];
}

/** Shortest OCR line considered a possible MRZ line. */
const MIN_LINE = 20;

const charsOf = (tokens: readonly Token[]) => tokens.map((t) => t.c).join('');
const fillers = (n: number): Token[] => Array.from({ length: n }, () => ({ c: '<', d: null }));

/** Uppercases, maps chevron look-alikes to `<`, and drops everything outside the MRZ alphabet. */
function cleanLine(line: MrzOcrLine): Token[] {
  const out: Token[] = [];
  for (const { char, digitness, alternatives } of line) {
    for (const raw of char.toUpperCase()) {
      if (raw === '«' || raw === '≪') out.push(...fillers(2));
      else if ('‹〈＜'.includes(raw)) out.push({ c: '<', d: null });
      else if (isMrzChar(raw)) out.push(alternatives ? { c: raw, d: digitness ?? null, a: alternatives } : { c: raw, d: digitness ?? null });
    }
  }
  return out;
}

interface Window {
  format: MrzFormat;
  first: number;
  cost: number;
}

/**
 * The run of candidate lines that best fits a layout's line lengths. Each line must be within a
 * quarter of the length, and the run must hold fillers like an MRZ does: a `<<` somewhere and at
 * least one `<` per line on average, which OCR noise and printed text rarely have.
 */
function bestWindow(candidates: ReadonlyArray<readonly Token[]>, format: MrzFormat): Window | null {
  const { lines: count, length } = MRZ_SHAPE[format];
  const tolerance = Math.ceil(length * 0.25);
  let best: Window | null = null;
  for (let first = 0; first + count <= candidates.length; first += 1) {
    const run = candidates.slice(first, first + count).map(charsOf);
    if (run.some((l) => Math.abs(l.length - length) > tolerance)) continue;
    const text = run.join('\n');
    if (!text.includes('<<') || (text.match(/</g) ?? []).length < count) continue;
    const cost = run.reduce((sum, l) => sum + Math.abs(l.length - length), 0);
    // Ties go to the later window: the MRZ sits at the bottom of the document.
    if (best === null || cost <= best.cost) best = { format, first, cost };
  }
  return best;
}

/** Candidate ways to bring a line to `length` characters, most plausible first. */
function fitCandidates(line: readonly Token[], length: number, tailDigits: number): Token[][] {
  const k = Math.abs(line.length - length);
  if (k === 0) return [[...line]];
  const text = charsOf(line);
  const runs: Array<{ start: number; end: number }> = [];
  for (const match of text.slice(0, text.length - tailDigits).matchAll(/<+/g)) runs.push({ start: match.index, end: match.index + match[0].length });
  const longest = [...runs].sort((a, b) => b.end - b.start - (a.end - a.start) || b.start - a.start);
  const ordered = [...runs.slice(-1), ...longest];
  const out: Token[][] = [];
  if (line.length < length) {
    const inRuns = ordered.map((run) => [...line.slice(0, run.end), ...fillers(k), ...line.slice(run.end)]);
    const atEnd = [...line, ...fillers(k)];
    out.push(...(tailDigits > 0 ? [...inRuns, atEnd] : [atEnd, ...inRuns]), [...fillers(k), ...line]);
  } else {
    const fromRuns = ordered.filter((run) => run.end - run.start > k).map((run) => [...line.slice(0, run.end - k), ...line.slice(run.end)]);
    const trimEnd = line.slice(0, length);
    const trimStart = line.slice(k);
    const endIsFiller = /^<+$/.test(text.slice(length));
    out.push(...(tailDigits > 0 || !endIsFiller ? [...fromRuns, trimEnd] : [trimEnd, ...fromRuns]), trimStart);
  }
  const seen = new Set<string>();
  return out.filter((tokens) => !seen.has(charsOf(tokens)) && Boolean(seen.add(charsOf(tokens))));
}

/**
 * Replaces the filler tail of a name or optional field with `<`: OCR reads long `<` runs as `K`s
 * here and there. The tail is the longest suffix of `<` and `K` that starts with `<` (or with three
 * K's), so a name that merely ends in K (ERIK<<<) keeps it. A one-letter K between fillers is read
 * as filler.
 */
function fixFillerTail(text: string): string {
  const match = /(?:<|KKK)[<K]*$/.exec(text);
  if (!match) return text;
  return text.slice(0, match.index) + '<'.repeat(match[0].length);
}

function countDifferences(a: readonly string[], b: readonly string[]): number {
  let n = 0;
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    for (let j = 0; j < Math.max(x.length, y.length); j += 1) if (x[j] !== y[j]) n += 1;
  }
  return n;
}

/** How many of the checks that live on `lineIndex` alone pass once the line is deterministically repaired. */
function lineScore(layout: Layout, lines: string[], lineIndex: number): number {
  const fixed = applyPositional(layout, lines);
  return layout.checks.filter((c) => c.digit.line === lineIndex && c.over.every((s) => s.line === lineIndex) && checkPasses(fixed, c)).length;
}

function toOcrLines(text: string | readonly MrzOcrLine[]): MrzOcrLine[] {
  if (typeof text !== 'string') return [...text];
  return text.split(/\r?\n|\r/).map((line) => [...line].map((char) => ({ char })));
}

/**
 * Picks the MRZ lines out of raw OCR text (or OCR lines with glyph evidence): strips spaces and
 * foreign characters, chooses the run of lines whose lengths best fit a layout (`expected` wins
 * ties), fits each line to its exact length with `<` (where the check digits say it fits best), and
 * turns K-speckled filler tails back into `<`.
 */
export function normaliseMrzText(text: string | readonly MrzOcrLine[], expected?: MrzFormat): NormalisedMrz {
  const ocrLines = toOcrLines(text)
    .map((line) => ({
      raw: line
        .map((c) => c.char)
        .join('')
        .trim(),
      line,
    }))
    .filter(({ raw }) => raw.length > 0);
  const rawLines = ocrLines.map(({ raw }) => raw);
  const candidates = ocrLines.map(({ line }) => cleanLine(line)).filter((tokens) => tokens.length >= MIN_LINE);
  const formats = expected ? [expected, ...MRZ_FORMATS.filter((f) => f !== expected)] : MRZ_FORMATS;
  let chosen: Window | null = null;
  for (const format of formats) {
    const window = bestWindow(candidates, format);
    if (window && (chosen === null || window.cost / MRZ_SHAPE[format].lines < chosen.cost / MRZ_SHAPE[chosen.format].lines)) chosen = window;
  }
  if (chosen === null) return { format: null, rawLines, lines: [], digitness: [], alternatives: [], repairedCharacters: 0 };

  const { format } = chosen;
  const layout = LAYOUTS[format];
  const { lines: count, length } = MRZ_SHAPE[format];
  const picked = candidates.slice(chosen.first, chosen.first + count);
  const padded = picked.map((tokens) => charsOf(tokens).padEnd(length, '<').slice(0, length));
  let repaired = 0;
  const fitted = picked.map((tokens, i) => {
    repaired += Math.abs(tokens.length - length);
    const options = fitCandidates(tokens, length, layout.tailDigits[i]!);
    let best = options[0]!;
    let bestScore = -1;
    for (const option of options.length > 1 ? options : []) {
      const score = lineScore(
        layout,
        padded.map((l, j) => (j === i ? charsOf(option) : l)),
        i,
      );
      if (score > bestScore) {
        best = option;
        bestScore = score;
      }
    }
    return best;
  });

  const fittedText = fitted.map(charsOf);
  const lines = fittedText.map((line, i) => {
    let out = line;
    for (const f of layout.fields) {
      if (f.line !== i || !f.fillerTail) continue;
      out = out.slice(0, f.start) + fixFillerTail(out.slice(f.start, f.end)) + out.slice(f.end);
    }
    return out;
  });
  repaired += countDifferences(fittedText, lines);
  return { format, rawLines, lines, digitness: fitted.map((tokens) => tokens.map((t) => t.d)), alternatives: fitted.map((tokens) => tokens.map((t) => t.a ?? null)), repairedCharacters: repaired };
}

// ---------------------------------------------------------------------------------------------
// Repair
// ---------------------------------------------------------------------------------------------

function textOf(lines: readonly string[], s: Span): string {
  return (lines[s.line] ?? '').slice(s.start, s.end);
}

/** YYMMDD with a possible month and day; `<<` stands for an unknown month or day. */
function plausibleDate(value: string): boolean {
  const match = /^(\d\d)(\d\d|<<)(\d\d|<<)$/.exec(value);
  if (!match) return false;
  const month = match[2] === '<<' ? 1 : Number(match[2]);
  const day = match[3] === '<<' ? 1 : Number(match[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

function checkPasses(lines: readonly string[], c: CheckSpec): boolean {
  const digit = textOf(lines, c.digit);
  const value = c.over.map((s) => textOf(lines, s)).join('');
  if (c.date && !plausibleDate(value)) return false;
  if (c.emptyAllowed && /^<*$/.test(value)) return digit === '<' || digit === '0';
  if (!DIGIT.test(digit) || !MRZ_LINE.test(value)) return false;
  return mrzCheckDigit(value) === digit;
}

type Alternatives = ReadonlyArray<ReadonlyArray<readonly MrzAlternative[] | null>>;

/**
 * ICAO 9303 document codes start with P (passports, TD3), V (visas), or A, C or I (TD1 and TD2
 * cards and official travel documents).
 */
const DOCUMENT_CODE_FIRST = /^[ACIPV]$/;
const SEX_CHAR = /^[MFX<]$/;

/** Which characters a template alternative may put at `index` of field `f`. */
function glyphAllowed(f: FieldSpan, index: number): (c: string) => boolean {
  if (f.kind === 'code' && index === f.start) return (c) => DOCUMENT_CODE_FIRST.test(c);
  if (f.kind === 'sex') return (c) => SEX_CHAR.test(c);
  return classOf(f.kind);
}

/**
 * Each character made to fit its position's class: the cheapest alternative of that class where
 * the OCR gave alternatives, else the fixed letter/digit mapping.
 */
function applyPositional(layout: Layout, lines: readonly string[], alternatives: Alternatives = []): string[] {
  const chars = lines.map((l) => [...l]);
  for (const f of layout.fields) {
    const row = chars[f.line];
    if (!row) continue;
    if (f.kind === 'optional') {
      settleByNeighbours(row, f, alternatives[f.line] ?? []);
      continue;
    }
    const asRead = row.slice(f.start, f.end);
    for (let i = f.start; i < f.end && i < row.length; i += 1) {
      const alts = alternatives[f.line]?.[i];
      if (!alts) {
        row[i] = fixChar(f.kind, row[i]!);
        continue;
      }
      const allowed = glyphAllowed(f, i);
      if (allowed(row[i]!)) continue;
      // A glyph that clearly is what the layout forbids stays as read (a non-standard layout, or
      // a misplaced line): forcing it would hide the problem behind a plausible character.
      const fitting = alts.find((a) => allowed(a.char));
      if (fitting && fitting.cost <= MAX_COST) row[i] = fitting.char;
    }
    // A state code that still holds a digit after the look-alike mapping was printed with digits
    // (some specimens do): half-mapped ("I3Z" for "132") would be a code nobody printed.
    if (f.kind === 'state' && row.slice(f.start, f.end).some((c) => DIGIT.test(c))) row.splice(f.start, asRead.length, ...asRead);
  }
  return chars.map((row) => row.join(''));
}

/** Below this lead, a glyph's best reading and a look-alike of the other class are a toss-up. */
const TOSS_UP_COST = 0.3;

/**
 * Optional data admits letters and digits alike, so nothing but the glyph decides, and OCR-B's O/0,
 * I/1, B/8 differ by less than print and blur change them. Where the glyph is a toss-up between a
 * letter and a digit, the class of both neighbours decides: a lone letter inside a run of digits (or
 * the reverse) is far more often a misread than a print.
 */
function settleByNeighbours(row: string[], f: FieldSpan, alternatives: ReadonlyArray<readonly MrzAlternative[] | null>): void {
  const isDigit = (c: string | undefined) => c !== undefined && DIGIT.test(c);
  const isLetter = (c: string | undefined) => c !== undefined && LETTER.test(c);
  for (let i = f.start + 1; i < f.end - 1 && i < row.length - 1; i += 1) {
    const here = row[i]!;
    const want = isDigit(row[i - 1]) && isDigit(row[i + 1]) ? isDigit : isLetter(row[i - 1]) && isLetter(row[i + 1]) ? isLetter : null;
    if (!want || want(here) || here === '<') continue;
    const rival = alternatives[i]?.find((a) => want(a.char));
    if (rival && rival.cost <= TOSS_UP_COST) row[i] = rival.char;
  }
}

interface Substitution {
  line: number;
  index: number;
  char: string;
}

interface Candidate {
  subs: Substitution[];
  cost: number;
}

interface Slot {
  line: number;
  index: number;
  options: ReadonlyArray<{ char: string; cost: number }>;
}

const MAX_SUBSTITUTIONS = 3;
/** Most a single check digit's repair may cost: two or three usual look-alikes. */
const MAX_COST = 3;
/**
 * Most the repairs of all check digits together may cost. Every candidate tried is a 1-in-10 chance
 * hit on a check digit, so a wide search turns badly misread lines into valid-looking wrong ones.
 */
const MAX_TOTAL_COST = 3;
const MAX_CANDIDATES_PER_CHECK = 12;
/** Cheapest substitution of a template alternative: even a near-tie costs something. */
const MIN_ALTERNATIVE_COST = 0.2;
/** Two repairs closer in cost than this are a toss-up: neither is taken. */
const AMBIGUITY_MARGIN = 0.25;

/**
 * Glyph evidence (see digitnessFromHeights) scales a letter↔digit substitution between half and one
 * and a half its cost, and rules it out when the glyph's height argues against it. Measured through
 * this pipeline: flat capitals score 0 three times in four, digits 0.8 or more three times in four,
 * round capitals (O, S, G, C) anywhere from 0 to 0.9. A check digit alone cannot tell look-alikes
 * apart (S/8, G/6 and Z/5 even carry the same check-digit value), so repairs against the evidence
 * would mostly be chance hits.
 */
function evidenceFactor(from: string, to: string, digitness: number | null): number {
  if (digitness === null) return 1;
  if (DIGIT.test(to) && LETTER.test(from)) return digitness < 0.5 ? Infinity : 1.5 - digitness;
  if (LETTER.test(to) && DIGIT.test(from)) return digitness > 0.6 ? Infinity : 0.5 + digitness;
  return 1;
}

interface RepairContext {
  layout: Layout;
  /** The lines as they came in. */
  original: readonly string[];
  digitness: ReadonlyArray<ReadonlyArray<number | null>>;
  alternatives: Alternatives;
}

/** Look-alikes of what OCR saw and of what the positional repair made of it, within the position's class. */
function slotOptions(ctx: RepairContext, line: number, index: number, current: string): Array<{ char: string; cost: number }> {
  const kind = kindAt(ctx.layout, line, index);
  const allowed = classOf(kind);
  const original = ctx.original[line]?.[index] ?? '';
  const digitness = ctx.digitness[line]?.[index] ?? null;
  const alts = ctx.alternatives[line]?.[index];
  const f = ctx.layout.fields.find((s) => s.line === line && index >= s.start && index < s.end);
  if (alts && f) {
    const fits = glyphAllowed(f, index);
    // Costs are relative to what OCR saw; the current character may already be an alternative.
    const base = alts.find((a) => a.char === current)?.cost ?? 0;
    return alts
      .filter((a) => a.char !== current && fits(a.char))
      .map((a) => ({ char: a.char, cost: Math.max(MIN_ALTERNATIVE_COST, a.cost - base) }))
      .filter((a) => a.cost <= MAX_COST)
      .sort((a, b) => a.cost - b.cost || a.char.localeCompare(b.char));
  }
  const best = new Map<string, number>();
  for (const source of [original, current]) {
    for (const { char, cost } of CONFUSIONS.get(source) ?? []) {
      const weighted = cost * evidenceFactor(current, char, digitness);
      if (char === current || !allowed(char) || weighted === Infinity) continue;
      // In alphanumeric fields only letter↔digit swaps (and K→<) are tried: the check digit is all
      // the evidence there (the composite weighs these characters alike), and the other look-alikes
      // add more chance hits than real repairs.
      if (kind === 'alnum' && char !== '<' && DIGIT.test(char) === DIGIT.test(current)) continue;
      best.set(char, Math.min(weighted, best.get(char) ?? Infinity));
    }
  }
  return [...best].map(([char, cost]) => ({ char, cost })).sort((a, b) => a.cost - b.cost || a.char.localeCompare(b.char));
}

function kindAt(layout: Layout, line: number, index: number): Kind {
  return layout.fields.find((f) => f.line === line && index >= f.start && index < f.end)?.kind ?? 'alnum';
}

function slotsFor(ctx: RepairContext, spans: Span[], current: readonly string[]): Slot[] {
  const slots: Slot[] = [];
  for (const s of spans) {
    for (let index = s.start; index < s.end; index += 1) {
      const options = slotOptions(ctx, s.line, index, current[s.line]?.[index] ?? '');
      if (options.length > 0) slots.push({ line: s.line, index, options });
    }
  }
  return slots;
}

/** Visits every combination of at most MAX_SUBSTITUTIONS look-alike substitutions within MAX_COST. */
function enumerate(slots: Slot[], visit: (candidate: Candidate) => void): void {
  const subs: Substitution[] = [];
  const walk = (from: number, cost: number) => {
    visit({ subs: [...subs], cost });
    if (subs.length >= MAX_SUBSTITUTIONS) return;
    for (let i = from; i < slots.length; i += 1) {
      const slot = slots[i]!;
      for (const option of slot.options) {
        if (cost + option.cost > MAX_COST) continue;
        subs.push({ line: slot.line, index: slot.index, char: option.char });
        walk(i + 1, cost + option.cost);
        subs.pop();
      }
    }
  };
  walk(0, 0);
}

function applySubs(lines: readonly string[], subs: readonly Substitution[]): string[] {
  if (subs.length === 0) return [...lines];
  const chars = lines.map((l) => [...l]);
  for (const s of subs) chars[s.line]![s.index] = s.char;
  return chars.map((row) => row.join(''));
}

const byCost = (a: Candidate, b: Candidate) => a.cost - b.cost || a.subs.length - b.subs.length;

/** Substitution sets (cheapest first) under which check `c` passes. */
function checkCandidates(ctx: RepairContext, c: CheckSpec, current: readonly string[]): Candidate[] {
  const found: Candidate[] = [];
  enumerate(slotsFor(ctx, [...c.over, c.digit], current), (candidate) => {
    if (checkPasses(applySubs(current, candidate.subs), c)) found.push(candidate);
  });
  return found.sort(byCost).slice(0, MAX_CANDIDATES_PER_CHECK);
}

export interface RepairedMrz {
  lines: string[];
  /** Characters changed by the repair. */
  repairedCharacters: number;
  /**
   * Of those, characters the look-alike search chose (as opposed to the positional letter/digit
   * mapping, which the layout dictates). A check digit cannot tell S from 8, G from 6 or Z from 5,
   * so a read that needed guesses deserves less trust than one that did not.
   */
  guessedCharacters: number;
  /**
   * The checked fields (number, dates) in which the look-alike search chose a character, or
   * their check digit. Their check digit picked that character from a few candidates, any of
   * which it accepts one time in ten, so it no longer confirms them: on eval-dev copies turned by
   * 7° a card's document number read T22B1S07 (for 12281507) passed its check digit that way.
   */
  guessedFields: Array<keyof MrzFields>;
  /** Whether every check digit is valid after the repair. */
  checksPass: boolean;
}

/**
 * MRZ-aware character repair of lines already fitted to `format` (see normaliseMrzText):
 * positional letter/digit mapping, then a bounded look-alike search wherever a check digit fails,
 * accepted only when it makes every check digit valid with a clear cheapest answer. `digitness`
 * (aligned with `lines`) breaks ties between look-alikes. Lines of the wrong shape come back as is.
 */
export function repairMrzLines(lines: readonly string[], format: MrzFormat, digitness: ReadonlyArray<ReadonlyArray<number | null>> = [], alternatives: Alternatives = []): RepairedMrz {
  const { lines: count, length } = MRZ_SHAPE[format];
  if (lines.length !== count || lines.some((l) => l.length !== length || !MRZ_LINE.test(l))) {
    return { lines: [...lines], repairedCharacters: 0, guessedCharacters: 0, guessedFields: [], checksPass: false };
  }
  const ctx: RepairContext = { layout: LAYOUTS[format], original: lines, digitness, alternatives };
  const { layout } = ctx;
  const positional = applyPositional(layout, lines, alternatives);
  const finish = (out: string[]): RepairedMrz => {
    const final = repairStates(ctx, out);
    return {
      lines: final,
      repairedCharacters: countDifferences(lines, final),
      guessedCharacters: countDifferences(positional, out),
      guessedFields: fieldsChanged(layout, positional, out),
      checksPass: layout.checks.every((c) => checkPasses(final, c)),
    };
  };
  if (layout.checks.every((c) => checkPasses(positional, c))) return finish(positional);

  // Each failing check digit proposes its cheapest ways to pass; the composite decides between them.
  const own = layout.checks.filter((c) => !c.composite);
  const composite = layout.checks.find((c) => c.composite)!;
  const lists = own.map((c) => {
    if (checkPasses(positional, c)) return [{ subs: [], cost: 0 }];
    // A TD1 document number longer than 9 characters continues in the optional data (check digit `<`); not searched.
    if (textOf(positional, c.digit) === '<' && !c.emptyAllowed) return [{ subs: [], cost: 0 }];
    return checkCandidates(ctx, c, positional);
  });
  if (lists.some((l) => l.length === 0)) return finish(positional);
  // The composite digit itself may be misread, but only TD3 lets us tell: its composite covers
  // nothing but fields with their own check digits, whereas TD1/TD2 optional data is unchecked.
  const compositeSlot = format === 'TD3' ? slotsFor(ctx, [composite.digit], positional)[0] : undefined;
  const compositeOptions: Candidate[] = [
    { subs: [], cost: 0 },
    ...(compositeSlot?.options.map((o) => ({ subs: [{ line: compositeSlot.line, index: compositeSlot.index, char: o.char }], cost: o.cost })) ?? []),
  ];

  const solutions: Array<{ cost: number; lines: string[] }> = [];
  const pick: Candidate[] = [];
  const walk = (i: number, cost: number) => {
    if (cost > MAX_TOTAL_COST) return;
    if (i === lists.length) {
      const base = applySubs(
        positional,
        pick.flatMap((p) => p.subs),
      );
      for (const option of compositeOptions) {
        const trial = applySubs(base, option.subs);
        if (cost + option.cost <= MAX_TOTAL_COST && checkPasses(trial, composite)) solutions.push({ cost: cost + option.cost, lines: trial });
      }
      return;
    }
    for (const candidate of lists[i]!) {
      pick.push(candidate);
      walk(i + 1, cost + candidate.cost);
      pick.pop();
    }
  };
  walk(0, 0);
  solutions.sort((a, b) => a.cost - b.cost);
  const [best] = solutions;
  if (!best) return finish(positional);
  const key = best.lines.join('\n');
  const rival = solutions.find((s) => s.lines.join('\n') !== key);
  if (rival && rival.cost - best.cost < AMBIGUITY_MARGIN) return finish(positional);
  return finish(best.lines);
}

/** The checked fields whose characters or check digit differ between two versions of the lines. */
function fieldsChanged(layout: Layout, before: readonly string[], after: readonly string[]): Array<keyof MrzFields> {
  const changed = (span: Span) => before[span.line]?.slice(span.start, span.end) !== after[span.line]?.slice(span.start, span.end);
  return layout.checks.flatMap((c) => {
    const field = CHECKED_FIELD[c.field];
    return field && !c.composite && [...c.over, c.digit].some(changed) ? [field] : [];
  });
}

/**
 * State codes carry no check digit: when a code is not a known ICAO code (or the UTO specimen
 * code), try look-alikes of what OCR saw and take the cheapest known one, if it is clearly cheapest.
 */
function repairStates(ctx: RepairContext, current: string[]): string[] {
  let out = current;
  for (const f of ctx.layout.fields) {
    if (f.kind !== 'state' || isKnownState(textOf(out, f))) continue;
    const matches: Candidate[] = [];
    enumerate(slotsFor(ctx, [f], out), (candidate) => {
      if (candidate.subs.length <= 2 && isKnownState(textOf(applySubs(out, candidate.subs), f))) matches.push(candidate);
    });
    matches.sort(byCost);
    const [first, second] = matches;
    if (first && (!second || second.cost - first.cost >= AMBIGUITY_MARGIN)) out = applySubs(out, first.subs);
    else out = likeIssuer(ctx, out, f);
  }
  return out;
}

/**
 * Most holders are nationals of the state that issued the document: an unknown nationality code
 * one or two characters away from a known issuing state is that state. It stays unconfirmed (no
 * state code has a check digit), so the operator still compares it with the document.
 */
function likeIssuer(ctx: RepairContext, current: string[], nationality: FieldSpan): string[] {
  const issuer = ctx.layout.fields.find((f) => f.kind === 'state');
  if (!issuer || issuer === nationality) return current;
  const want = textOf(current, issuer);
  const got = textOf(current, nationality);
  if (!isKnownState(want) || want.length !== got.length) return current;
  const subs = [...got].flatMap((char, i) => (char === want[i] ? [] : [{ line: nationality.line, index: nationality.start + i, char: want[i]! }]));
  return subs.length > 0 && subs.length <= 2 ? applySubs(current, subs) : current;
}

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

/** Today's date in the local calendar, as YYYY-MM-DD. */
function localIsoDate(date: Date): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * YYMMDD → YYYY-MM-DD. Birth dates: 19YY when YY is after this year's YY, else 20YY. Expiry dates
 * are always 20YY. null for unknown (`<`) or impossible dates.
 */
export function mrzDateToIso(yymmdd: string, kind: 'birth' | 'expiry', today: Date): string | null {
  if (!/^\d{6}$/.test(yymmdd)) return null;
  const yy = Number(yymmdd.slice(0, 2));
  const month = Number(yymmdd.slice(2, 4));
  const day = Number(yymmdd.slice(4, 6));
  const century = kind === 'expiry' || yy <= today.getFullYear() % 100 ? 2000 : 1900;
  const year = century + yy;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return `${year}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
}

const nonEmpty = (value: string | null | undefined): string | null => (value ? value : null);
const fillerless = (raw: string): string | null => nonEmpty(raw.replace(/<+$/, '').replace(/</g, ' ').trim());

function toSex(char: string | undefined): MrzFields['sex'] {
  if (char === 'M' || char === 'F') return char;
  if (char === '<' || char === 'X') return 'X';
  return null;
}

/** Every field an MRZ yields; none is confirmed until a check digit says so. */
export const MRZ_FIELD_NAMES: ReadonlyArray<keyof MrzFields> = [
  'documentCode',
  'issuingState',
  'lastName',
  'firstName',
  'documentNumber',
  'nationality',
  'birthDate',
  'sex',
  'expiryDate',
  'personalNumber',
];

/** Which field each check digit vouches for (the composite adds nothing a field's own digit does not). */
const CHECKED_FIELD: Readonly<Record<string, keyof MrzFields>> = {
  documentNumberCheckDigit: 'documentNumber',
  birthDateCheckDigit: 'birthDate',
  expirationDateCheckDigit: 'expiryDate',
  personalNumberCheckDigit: 'personalNumber',
};

/** Fields without a valid check digit of their own (see MrzRead.unconfirmed). */
export function unconfirmedFields(checkDigits: ReadonlyArray<{ field: string; valid: boolean }>): Array<keyof MrzFields> {
  const confirmed = new Set(checkDigits.filter((c) => c.valid && CHECKED_FIELD[c.field]).map((c) => CHECKED_FIELD[c.field]!));
  return MRZ_FIELD_NAMES.filter((f) => !confirmed.has(f));
}

function emptyRead(format: MrzFormat | null, lines: readonly string[]): MrzRead {
  return { format, rawLines: [...lines], lines: [...lines], valid: false, checkDigits: [], fields: null, expired: null, repairedCharacters: 0, unconfirmed: [...MRZ_FIELD_NAMES] };
}

function safeParse(lines: readonly string[]): ParseResult | null {
  try {
    return parse(lines);
  } catch {
    return null;
  }
}

function extractFields(result: ParseResult, format: MrzFormat, lines: readonly string[], today: Date): MrzFields {
  const f: FieldRecords = result.fields;
  const standard = result.format === format;
  const td1 = format === 'TD1';
  const stateAt = (line: number, start: number) => fillerless((lines[line] ?? '').slice(start, start + 3));
  const sexChar = td1 ? lines[1]?.[7] : lines[1]?.[20];
  const personal = td1 ? (nonEmpty(f.optional1) ?? nonEmpty(f.optional2)) : format === 'TD3' ? nonEmpty(f.personalNumber) : nonEmpty(f.optional);
  return {
    documentCode: nonEmpty(f.documentCode) ?? fillerless((lines[0] ?? '').slice(0, 2)),
    issuingState: standard ? stateAt(0, 2) : nonEmpty(f.issuingState),
    lastName: nonEmpty(f.lastName),
    firstName: nonEmpty(f.firstName),
    documentNumber: nonEmpty(f.documentNumber) ?? nonEmpty(result.documentNumber),
    nationality: standard ? (td1 ? stateAt(1, 15) : stateAt(1, 10)) : nonEmpty(f.nationality),
    birthDate: f.birthDate ? mrzDateToIso(f.birthDate, 'birth', today) : null,
    sex: standard ? toSex(sexChar) : f.sex === 'male' ? 'M' : f.sex === 'female' ? 'F' : null,
    expiryDate: f.expirationDate ? mrzDateToIso(f.expirationDate, 'expiry', today) : null,
    personalNumber: personal,
  };
}

/** Sex is M, F, X or `<`, and dates have a possible month and day (or `<<` for unknown ones). */
function plausibleFields(format: MrzFormat, lines: readonly string[]): boolean {
  return LAYOUTS[format].fields.every((f) => {
    if (f.kind === 'sex') return /^[MFX<]$/.test(textOf(lines, f));
    if (f.kind === 'date') return plausibleDate(textOf(lines, f));
    return true;
  });
}

/**
 * Parses MRZ lines of `format` with the `mrz` package. `valid` means the lines have the layout's
 * shape (lengths, alphabet, a sex of M/F/X/<, possible dates) and every check digit the package
 * reports is correct; its other complaints (e.g. the UTO specimen state) do not count. Dates come
 * back as ISO dates. `rawLines` echoes `lines` and `repairedCharacters` is 0: readMrzText fills
 * both in.
 */
export function parseMrzLines(lines: readonly string[], format: MrzFormat | null, today: Date): MrzRead {
  if (format === null) return emptyRead(null, lines);
  const { lines: count, length } = MRZ_SHAPE[format];
  if (lines.length !== count || lines.some((l) => l.length !== length || !MRZ_LINE.test(l))) return emptyRead(format, lines);
  const result = safeParse(lines);
  if (result === null) return emptyRead(format, lines);
  const checkDigits = result.details.filter((d): d is Details & { field: string } => d.field !== null && d.field.endsWith('CheckDigit')).map((d) => ({ field: d.field, valid: d.valid }));
  const fields = extractFields(result, format, lines, today);
  return {
    format,
    rawLines: [...lines],
    lines: [...lines],
    valid: checkDigits.length > 0 && checkDigits.every((c) => c.valid) && (result.format !== format || plausibleFields(format, lines)),
    checkDigits,
    fields,
    expired: fields.expiryDate === null ? null : fields.expiryDate < localIsoDate(today),
    repairedCharacters: 0,
    unconfirmed: unconfirmedFields(checkDigits),
  };
}

export interface MrzTextRead extends MrzRead {
  /** Characters the look-alike search chose (see RepairedMrz.guessedCharacters). */
  guessedCharacters: number;
}

/** The whole text pipeline: pick the lines, repair them, parse them. */
export function readMrzText(text: string | readonly MrzOcrLine[], expected: MrzFormat | undefined, today: Date): MrzTextRead {
  const normalised = normaliseMrzText(text, expected);
  if (normalised.format === null) return { ...emptyRead(null, []), rawLines: normalised.rawLines, guessedCharacters: 0 };
  const repaired = repairMrzLines(normalised.lines, normalised.format, normalised.digitness, normalised.alternatives);
  const read = parseMrzLines(repaired.lines, normalised.format, today);
  const unconfirmed = new Set([...(read.unconfirmed ?? MRZ_FIELD_NAMES), ...repaired.guessedFields]);
  return {
    ...read,
    unconfirmed: MRZ_FIELD_NAMES.filter((f) => unconfirmed.has(f)),
    rawLines: normalised.rawLines,
    repairedCharacters: normalised.repairedCharacters + repaired.repairedCharacters,
    guessedCharacters: repaired.guessedCharacters,
  };
}

const validCheckDigits = (read: MrzRead) => read.checkDigits.filter((c) => c.valid).length;
const sameLines = (a: MrzRead, b: MrzRead) => a.lines.join('\n') === b.lines.join('\n');

/**
 * The read to report from several OCR passes over one MRZ: a valid one that needed no guessing,
 * else a valid one two passes agree on, else the valid one with the fewest guesses, else the one
 * with the most valid check digits; earlier passes win ties. null for no reads.
 */
export function pickMrzRead<T extends MrzTextRead>(reads: readonly T[]): T | null {
  const valid = reads.filter((r) => r.valid);
  const sure = valid.find((r) => r.guessedCharacters === 0) ?? valid.find((r, i) => valid.some((o, j) => j !== i && sameLines(o, r)));
  if (sure) return sure;
  let best: T | null = null;
  for (const r of valid.length > 0 ? valid : reads) {
    if (best === null || r.guessedCharacters < best.guessedCharacters || (r.guessedCharacters === best.guessedCharacters && validCheckDigits(r) > validCheckDigits(best))) best = r;
  }
  return best;
}

/** Whether further passes are pointless: a valid read needed no guesses, or two passes agree on one. */
export function mrzReadsSettled(reads: readonly MrzTextRead[]): boolean {
  const picked = pickMrzRead(reads);
  return picked !== null && picked.valid && (picked.guessedCharacters === 0 || reads.filter((r) => r.valid && sameLines(r, picked)).length > 1);
}
