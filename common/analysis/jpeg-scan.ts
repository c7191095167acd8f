/**
 * Whether a JPEG that has lost its end marker still holds every block of its image. Scanners and
 * copy tools that cut a file at a disk-block boundary may drop only the EOI marker and a few padding
 * bytes: decoders show the whole image and auto-fix can save it again complete. A file cut in the
 * middle of its picture data must stay refused, because decoders silently paint the missing part
 * grey. Telling the two apart needs walking the entropy-coded data (Huffman codes, no pixel
 * decoding): for baseline and extended sequential JPEGs with one interleaved scan, which is what
 * scanners and cameras write. Anything else (progressive, arithmetic, several scans) is "unknown".
 * Pure TypeScript, so Node and the browser judge alike.
 */

interface Component {
  id: number;
  h: number;
  v: number;
}

interface Huffman {
  maxCode: Int32Array;
  valPtr: Int32Array;
  minCode: Int32Array;
  values: Uint8Array;
}

function buildHuffman(counts: Uint8Array, values: Uint8Array): Huffman {
  const maxCode = new Int32Array(18).fill(-1);
  const valPtr = new Int32Array(17);
  const minCode = new Int32Array(17);
  let code = 0;
  let k = 0;
  for (let length = 1; length <= 16; length += 1) {
    const n = counts[length - 1]!;
    if (n > 0) {
      valPtr[length] = k;
      minCode[length] = code;
      code += n;
      k += n;
      maxCode[length] = code - 1;
    }
    code <<= 1;
  }
  return { maxCode, valPtr, minCode, values };
}

class OutOfData extends Error {}

/** Reads entropy-coded bits, un-stuffing FF00 and stopping at any marker. */
class BitReader {
  private bits = 0;
  private count = 0;
  /** Set when a marker (other than a restart) or the end of the bytes was reached. */
  private ended = false;
  constructor(
    private readonly b: Uint8Array,
    public at: number,
  ) {}

  bit(): number {
    if (this.count === 0) {
      if (this.ended || this.at >= this.b.length) throw new OutOfData();
      const byte = this.b[this.at]!;
      if (byte === 0xff) {
        const next = this.b[this.at + 1];
        if (next === undefined) throw new OutOfData();
        if (next !== 0x00) {
          this.ended = true;
          throw new OutOfData();
        }
        this.at += 2;
      } else this.at += 1;
      this.bits = byte;
      this.count = 8;
    }
    this.count -= 1;
    return (this.bits >> this.count) & 1;
  }

  skip(n: number): void {
    for (let i = 0; i < n; i += 1) this.bit();
  }

  decode(table: Huffman): number {
    let code = 0;
    for (let length = 1; length <= 16; length += 1) {
      code = (code << 1) | this.bit();
      if (code <= table.maxCode[length]!) return table.values[table.valPtr[length]! + code - table.minCode[length]!]!;
    }
    throw new OutOfData(); // an invalid code: the data is damaged
  }

  /** At a restart interval's end: drop the padding bits and step over the RSTn marker. */
  restart(): void {
    this.count = 0;
    if (this.b[this.at] === 0xff && this.b[this.at + 1]! >= 0xd0 && this.b[this.at + 1]! <= 0xd7) this.at += 2;
    else throw new OutOfData();
  }
}

/**
 * True when every block of the image is in the file, false when the data stops before the last
 * one, null when this reader cannot tell (the caller treats that as incomplete).
 */
export function jpegScanComplete(b: Uint8Array): boolean | null {
  const u16 = (at: number) => (b[at]! << 8) | b[at + 1]!;
  const dc = new Map<number, Huffman>();
  const ac = new Map<number, Huffman>();
  let components: Component[] = [];
  let width = 0;
  let height = 0;
  let restartInterval = 0;
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    const length = u16(at + 2);
    const start = at + 4;
    const end = at + 2 + length;
    if (end > b.length) return false;
    if (marker === 0xc0 || marker === 0xc1) {
      height = u16(start + 1);
      width = u16(start + 3);
      const n = b[start + 5]!;
      components = Array.from({ length: n }, (_, i) => ({ id: b[start + 6 + i * 3]!, h: b[start + 7 + i * 3]! >> 4, v: b[start + 7 + i * 3]! & 15 }));
    } else if (marker >= 0xc2 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return null; // progressive, lossless or arithmetic-coded
    } else if (marker === 0xc4) {
      let p = start;
      while (p + 17 <= end) {
        const kind = b[p]! >> 4;
        const id = b[p]! & 15;
        const counts = b.subarray(p + 1, p + 17);
        const total = counts.reduce((s, c) => s + c, 0);
        (kind === 0 ? dc : ac).set(id, buildHuffman(counts, b.subarray(p + 17, p + 17 + total)));
        p += 17 + total;
      }
    } else if (marker === 0xdd) {
      restartInterval = u16(start);
    } else if (marker === 0xda) {
      return walkScan(b, start, end, { components, width, height, restartInterval, dc, ac });
    }
    at = end;
  }
  return false;
}

function walkScan(
  b: Uint8Array,
  start: number,
  end: number,
  frame: { components: Component[]; width: number; height: number; restartInterval: number; dc: Map<number, Huffman>; ac: Map<number, Huffman> },
): boolean | null {
  const n = b[start]!;
  if (frame.width === 0 || frame.height === 0 || n !== frame.components.length) return null; // several scans: not handled
  const plan: Array<{ blocks: number; dc: Huffman; ac: Huffman }> = [];
  for (let i = 0; i < n; i += 1) {
    const id = b[start + 1 + i * 2]!;
    const tables = b[start + 2 + i * 2]!;
    const component = frame.components.find((c) => c.id === id);
    const dcTable = frame.dc.get(tables >> 4);
    const acTable = frame.ac.get(tables & 15);
    if (!component || !dcTable || !acTable) return null;
    plan.push({ blocks: n === 1 ? 1 : component.h * component.v, dc: dcTable, ac: acTable });
  }
  let mcus: number;
  if (n === 1) {
    const c = frame.components[0]!;
    const hMax = Math.max(...frame.components.map((x) => x.h));
    const vMax = Math.max(...frame.components.map((x) => x.v));
    mcus = Math.ceil(Math.ceil((frame.width * c.h) / hMax) / 8) * Math.ceil(Math.ceil((frame.height * c.v) / vMax) / 8);
  } else {
    const hMax = Math.max(...frame.components.map((x) => x.h));
    const vMax = Math.max(...frame.components.map((x) => x.v));
    mcus = Math.ceil(frame.width / (8 * hMax)) * Math.ceil(frame.height / (8 * vMax));
  }
  const reader = new BitReader(b, end);
  try {
    for (let m = 0; m < mcus; m += 1) {
      if (frame.restartInterval > 0 && m > 0 && m % frame.restartInterval === 0) reader.restart();
      for (const part of plan) {
        for (let k = 0; k < part.blocks; k += 1) {
          reader.skip(reader.decode(part.dc));
          for (let i = 1; i < 64; i += 1) {
            const rs = reader.decode(part.ac);
            const run = rs >> 4;
            const size = rs & 15;
            if (size === 0) {
              if (run !== 15) break;
              i += 15;
            } else {
              i += run;
              reader.skip(size);
            }
          }
        }
      }
    }
  } catch (error) {
    if (error instanceof OutOfData) return false;
    throw error;
  }
  return true;
}
