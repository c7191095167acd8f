import sharp from 'sharp';
import { locateMrz, lumaOf } from '../common/analysis/mrz-locate';
import { readOcrbBand } from '../common/analysis/ocrb-reader';
import { decodeWithSharp } from '../main/analysis/node-image';
import { buildTd3, ICAO_TD3_SPECIMEN } from '../test/fixtures/mrz-specimens';
import { renderMrzDocument } from '../test/fixtures/render-mrz';
const want = buildTd3(ICAO_TD3_SPECIMEN);
const r = await renderMrzDocument(want, { width: 900 });
for (const [blur, w, q] of [[1.2, 520, 45], [0.8, 700, 80], [0.6, 900, 90], [1.5, 900, 90]] as const) {
  const img = await decodeWithSharp(await sharp(r.png).blur(blur).resize({ width: w }).jpeg({ quality: q }).toBuffer());
  const band = locateMrz(img)!;
  const lines = readOcrbBand(lumaOf(img), img.width, img.height, band, 44);
  console.log(blur, w, q, band.lines.map((l) => Math.hypot(l.end.x - l.start.x, l.end.y - l.start.y).toFixed(0)), (w / 125) * 2.54 * 43.8);
  for (const l of lines) console.log(l.cells.map((c) => c[0]!.char).join(''), l.meanScore.toFixed(2));
}
