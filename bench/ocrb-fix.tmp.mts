import { readFileSync } from 'node:fs';
import { decodeWithSharp } from '../main/analysis/node-image';
import { locateMrz } from '../common/analysis/mrz-locate';
const img = await decodeWithSharp(readFileSync(process.argv[2]!));
const band = locateMrz(img)!;
console.log(img.width, band.length, band.length / 44, band.lines.map((l) => [l.start, l.end, l.thickness]));
