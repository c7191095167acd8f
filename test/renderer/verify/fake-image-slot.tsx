/**
 * Stand-in for the capture helper's ImageSlot (same props): a labelled file input whose file name
 * chooses the pre-check report the slot hands over, so tests decide what the engine "found":
 *   pass.jpg · checking.jpg (report null) · fail-face.size.jpg · hard-file.integrity.jpg ·
 *   warn-face.eyes-open.jpg · fix-file.bytes.jpg (failing, fixable by auto-fix) · a measured value
 *   after "=", e.g. fail-face.count=0.jpg · combinations such as fail-face.size+warn-face.exposure.jpg
 */
import { summarise, type Check, type ImageRole, type Verdict } from '../../../common/analysis/check';
import type { PrecheckResult } from '../../../common/analysis/precheck';
import type { ImageSlotProps, SlotImage } from '../../../renderer/capture/slot-types';

const header: PrecheckResult['file'] = { format: 'jpeg', width: 1200, height: 1600, orientation: 1, displayWidth: 1200, displayHeight: 1600, hasExif: false, hasGps: false, truncated: false };

export function reportFor(role: ImageRole, filename: string): PrecheckResult | null {
  const spec = filename.replace(/\.(jpe?g|png)$/, '');
  if (spec === 'checking') return null;
  const checks: Check[] = [{ id: 'file.format', value: 'jpeg', threshold: 'JPEG or PNG', verdict: 'pass', message: 'ok', guidance: '' }];
  if (spec !== 'pass') {
    for (const part of spec.split('+')) {
      const [, kind, id, value] = /^(fail|hard|warn|fix)-([^=]+)(?:=(\d+))?$/.exec(part) ?? [];
      if (!kind || !id) throw new Error(`fake slot: cannot read "${part}"`);
      const verdict: Verdict = kind === 'warn' ? 'warn' : 'fail';
      const flags = kind === 'hard' ? { hard: true } : kind === 'fix' ? { fixable: true } : {};
      checks.push({ id, value: value === undefined ? 1 : Number(value), threshold: '≥ 2', verdict, message: `${id} ${verdict}`, guidance: 'do better', ...flags });
    }
  }
  return { ...summarise(role, checks), file: header, faces: [], document: null, mrz: null, elapsedMs: 5 };
}

export function ImageSlot({ field, role, value, onChange, autoCapture, preferredCamera, onCameraChosen }: ImageSlotProps) {
  const id = `fake-slot-${field}`;
  return (
    <div>
      <label htmlFor={id}>{`Image: ${role}`}</label>
      <input
        id={id}
        type="file"
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (!file) return;
          const image: SlotImage = {
            blob: file,
            filename: file.name,
            contentType: file.type === 'image/png' ? 'image/png' : 'image/jpeg',
            previewUrl: '',
            report: reportFor(role, file.name),
            autoFixed: false,
            source: 'file',
          };
          onChange(image);
        }}
      />
      <p>{`${field} camera "${preferredCamera}", auto-capture ${autoCapture ? 'on' : 'off'}`}</p>
      <button type="button" onClick={() => onCameraChosen?.(`${role}-camera-2`)}>{`Switch camera: ${role}`}</button>
      {value && <p>{`${field} holds ${value.filename} (${value.source}, ${value.report ? value.report.verdict : 'checking'})`}</p>}
    </div>
  );
}
