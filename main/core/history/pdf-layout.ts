/**
 * A small flowing layout on pdf-lib for the evidence report: headings, paragraphs, label/value
 * rows and tables that wrap and break across A4 pages, images scaled into a row, and a footer on
 * every page. The font is DejaVu Sans from the `dejavu-fonts-ttf` package (Latin with French
 * accents, Arabic, Greek, Cyrillic), embedded as a subset, so a customer's name prints as written
 * whatever the machine has installed. pdf-lib does no bidirectional reordering: Arabic letters are
 * shaped by the font's tables, but a right-to-left run keeps the order it was typed in.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { degrees, PDFDocument, rgb, type PDFFont, type PDFImage, type PDFPage, type RGB } from 'pdf-lib';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 48;
const FOOTER = 28;

const resolveFromHere = createRequire(import.meta.url);
const fontBytes = (file: string): Uint8Array => readFileSync(resolveFromHere.resolve(`dejavu-fonts-ttf/ttf/${file}`));

export const COLOURS = { text: rgb(0.07, 0.07, 0.07), muted: rgb(0.33, 0.33, 0.33), rule: rgb(0.6, 0.6, 0.6), ok: rgb(0.04, 0.42, 0.18), bad: rgb(0.63, 0.07, 0.07), warn: rgb(0.54, 0.35, 0) };

export interface Cell {
  text: string;
  colour?: RGB;
  bold?: boolean;
}
type CellLike = string | Cell;
const cell = (value: CellLike): Cell => (typeof value === 'string' ? { text: value } : value);

export class PdfWriter {
  private page!: PDFPage;
  private y = 0;
  private constructor(
    readonly doc: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.newPage();
  }

  static async create(title: string): Promise<PdfWriter> {
    const doc = await PDFDocument.create();
    doc.registerFontkit(fontkit);
    doc.setTitle(title);
    doc.setProducer('Progeny Station');
    doc.setCreator('Progeny Station');
    const regular = await doc.embedFont(fontBytes('DejaVuSans.ttf'), { subset: true });
    const bold = await doc.embedFont(fontBytes('DejaVuSans-Bold.ttf'), { subset: true });
    return new PdfWriter(doc, regular, bold);
  }

  private get width(): number {
    return A4[0] - 2 * MARGIN;
  }

  private newPage(): void {
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  private ensure(height: number): void {
    if (this.y - height < MARGIN + FOOTER) this.newPage();
  }

  /** Lines of `text` that fit `width` at `size` (words broken only when one is wider than a line). */
  wrap(text: string, width: number, size: number, font: PDFFont = this.regular): string[] {
    const lines: string[] = [];
    for (const paragraph of sanitise(text).split('\n')) {
      let line = '';
      for (const word of paragraph.split(' ')) {
        const candidate = line ? `${line} ${word}` : word;
        if (font.widthOfTextAtSize(candidate, size) <= width) {
          line = candidate;
          continue;
        }
        if (line) lines.push(line);
        line = word;
        while (font.widthOfTextAtSize(line, size) > width && line.length > 1) {
          let cut = line.length - 1;
          while (cut > 1 && font.widthOfTextAtSize(line.slice(0, cut), size) > width) cut -= 1;
          lines.push(line.slice(0, cut));
          line = line.slice(cut);
        }
      }
      lines.push(line);
    }
    return lines;
  }

  private line(text: string, x: number, size: number, font: PDFFont, colour: RGB): void {
    this.page.drawText(text, { x, y: this.y - size, size, font, color: colour });
  }

  heading(text: string, size = 13): void {
    this.ensure(size * 3);
    this.y -= size * 0.8;
    this.line(sanitise(text), MARGIN, size, this.bold, COLOURS.text);
    this.y -= size * 1.35;
    this.page.drawLine({ start: { x: MARGIN, y: this.y + 2 }, end: { x: MARGIN + this.width, y: this.y + 2 }, thickness: 0.6, color: COLOURS.rule });
    this.y -= 4;
  }

  paragraph(text: string, options: { size?: number; bold?: boolean; colour?: RGB; boxed?: boolean } = {}): void {
    const size = options.size ?? 9.5;
    const font = options.bold ? this.bold : this.regular;
    const lines = this.wrap(text, this.width - (options.boxed ? 12 : 0), size, font);
    const height = lines.length * size * 1.35 + (options.boxed ? 10 : 0);
    this.ensure(Math.min(height, 200));
    const top = this.y;
    if (options.boxed) this.y -= 5;
    for (const text of lines) {
      this.ensure(size * 1.4);
      this.line(text, MARGIN + (options.boxed ? 6 : 0), size, font, options.colour ?? COLOURS.text);
      this.y -= size * 1.35;
    }
    if (options.boxed) {
      this.y -= 5;
      if (top - this.y < 300) this.page.drawRectangle({ x: MARGIN, y: this.y, width: this.width, height: top - this.y, borderColor: options.colour ?? COLOURS.text, borderWidth: 1.5 });
    }
    this.y -= 3;
  }

  /** Label → value rows; rows without a value are left out. */
  facts(rows: ReadonlyArray<readonly [string, CellLike | null | undefined]>, size = 9): void {
    const shown = rows.filter((row): row is readonly [string, CellLike] => row[1] !== null && row[1] !== undefined && cell(row[1]).text !== '');
    if (shown.length === 0) return this.paragraph('Nothing recorded.', { colour: COLOURS.muted });
    this.table(
      ['', ''],
      shown.map(([label, value]) => [{ text: label, bold: true }, cell(value)]),
      [0.32, 0.68],
      { header: false, size },
    );
  }

  /** A table whose cells wrap; a row never splits across pages (unless it is taller than one). */
  table(headers: readonly string[], rows: ReadonlyArray<readonly CellLike[]>, widths: readonly number[], options: { header?: boolean; size?: number } = {}): void {
    const size = options.size ?? 9;
    const lead = size * 1.3;
    if (rows.length === 0) return this.paragraph('None.', { colour: COLOURS.muted });
    const columns = widths.map((share) => share * this.width);
    const drawRow = (cells: readonly Cell[], header: boolean) => {
      const wrapped = cells.map((c, i) => this.wrap(c.text, columns[i]! - 6, size, header || c.bold ? this.bold : this.regular));
      const height = Math.max(...wrapped.map((lines) => lines.length)) * lead + 4;
      this.ensure(Math.min(height, A4[1] / 2));
      let x = MARGIN;
      const top = this.y;
      wrapped.forEach((lines, i) => {
        const c = cells[i]!;
        let y = top - 2;
        for (const text of lines) {
          if (y - size < MARGIN + FOOTER) break; // a single row taller than a page is cut, not overprinted
          this.page.drawText(text, { x: x + 3, y: y - size, size, font: header || c.bold ? this.bold : this.regular, color: header ? COLOURS.muted : (c.colour ?? COLOURS.text) });
          y -= lead;
        }
        x += columns[i]!;
      });
      this.y = top - height;
      this.page.drawLine({ start: { x: MARGIN, y: this.y + 1 }, end: { x: MARGIN + this.width, y: this.y + 1 }, thickness: header ? 0.9 : 0.3, color: COLOURS.rule });
    };
    if (options.header !== false)
      drawRow(
        headers.map((text) => ({ text })),
        true,
      );
    for (const row of rows) drawRow(row.map(cell), false);
    this.y -= 6;
  }

  /** Images side by side, each at most 160 pt high, with its caption under it. */
  images(items: ReadonlyArray<{ image: PDFImage; caption: string }>): void {
    const gap = 12;
    const maxHeight = 170;
    let x = MARGIN;
    let rowHeight = 0;
    for (const { image, caption } of items) {
      const scale = Math.min(maxHeight / image.height, (this.width / 2 - gap) / image.width);
      const width = image.width * scale;
      const height = image.height * scale;
      if (x + width > MARGIN + this.width) {
        this.y -= rowHeight + gap;
        x = MARGIN;
        rowHeight = 0;
      }
      this.ensure(height + 30);
      this.page.drawImage(image, { x, y: this.y - height, width, height });
      this.page.drawRectangle({ x, y: this.y - height, width, height, borderColor: COLOURS.rule, borderWidth: 0.5 });
      const lines = this.wrap(caption, Math.max(width, 120), 8);
      lines.forEach((text, i) => this.page.drawText(text, { x, y: this.y - height - 10 - i * 10, size: 8, font: this.regular, color: COLOURS.muted }));
      rowHeight = Math.max(rowHeight, height + 12 + lines.length * 10);
      x += Math.max(width, 120) + gap;
    }
    this.y -= rowHeight + gap;
  }

  /** Page numbers and one line on every page; then the file's bytes. */
  async finish(footer: string, watermark: string | null): Promise<Uint8Array> {
    const pages = this.doc.getPages();
    pages.forEach((page, index) => {
      const text = `${sanitise(footer)} · page ${index + 1} of ${pages.length}`;
      for (const [i, line] of this.wrap(text, this.width, 7.5).entries()) page.drawText(line, { x: MARGIN, y: MARGIN - 2 - i * 9, size: 7.5, font: this.regular, color: COLOURS.muted });
      if (watermark) page.drawText(watermark, { x: 110, y: 300, size: 72, font: this.bold, color: COLOURS.bad, opacity: 0.1, rotate: degrees(35) });
    });
    // No dates in the file's metadata beyond what the body says: the same record exported twice at
    // the same moment gives the same bytes, and the hash is of the whole file.
    return this.doc.save({ useObjectStreams: true });
  }
}

/** pdf-lib draws no control characters; tabs become spaces, other controls disappear. */
function sanitise(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      .replace(/\t/g, '  ')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '')
  );
}
