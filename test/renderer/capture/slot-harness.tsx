import { faceObservation } from '../../support/face-observation';
import { render } from '@testing-library/react';
import { useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { vi } from 'vitest';
import type { ImageRole } from '../../../common/analysis/check';
import type { FaceObservation } from '../../../common/analysis/face';
import type { AnalysisEnvironment } from '../../../common/analysis/precheck';
import { AnalysisEngineProvider } from '../../../renderer/capture/analysis-engine';
import { ImageSlot } from '../../../renderer/capture/image-slot';
import type { SlotImage } from '../../../renderer/capture/slot-types';
import { createI18n } from '../../../renderer/i18n/i18n';

/** The smallest PNG whose header the pre-check reads as complete: signature, IHDR, IEND. */
export function fakePng(width: number, height: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(8 + 25 + 12);
  const view = new DataView(bytes.buffer);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  view.setUint32(8, 13);
  bytes.set([0x49, 0x48, 0x44, 0x52], 12); // IHDR
  view.setUint32(16, width);
  view.setUint32(20, height);
  bytes.set([8, 6, 0, 0, 0], 24);
  view.setUint32(33, 0);
  bytes.set([0x49, 0x45, 0x4e, 0x44], 37); // IEND
  return bytes;
}

export const pngFile = (name: string, width = 800, height = 1000) => new File([fakePng(width, height)], name, { type: 'image/png' });

/** A face in the middle of a 640x360 guidance frame, big enough for a 1080 px capture. */
export const centredFace: FaceObservation = faceObservation({ box: { x: 270, y: 130, width: 100, height: 100 }, leftEye: { x: 340, y: 165 }, rightEye: { x: 300, y: 165 } });

/** Answers at once with one face and a mid-grey decoded image. */
export function fakeEngine(faces: FaceObservation[] = [centredFace]): AnalysisEnvironment {
  return {
    decode: vi.fn(() => Promise.resolve({ width: 800, height: 1000, channels: 4 as const, data: new Uint8ClampedArray(800 * 1000 * 4).fill(128) })),
    faces: { detect: vi.fn(() => Promise.resolve(faces)), similarity: () => 0.9 },
    mrz: null,
  };
}

/** jsdom's Blob cannot read itself back; the slot reads files with blob.arrayBuffer(). */
export function polyfillBlobReading() {
  if (typeof Blob.prototype.arrayBuffer === 'function') return;
  Blob.prototype.arrayBuffer = function (this: Blob) {
    return new Promise<ArrayBuffer>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as ArrayBuffer);
      reader.onerror = () => reject(reader.error ?? new Error('read failed'));
      reader.readAsArrayBuffer(this);
    });
  };
}

let urls = 0;
/** jsdom has no object URLs: hand out distinct fake ones and record revocations. */
export function stubObjectUrls() {
  const revoked: string[] = [];
  URL.createObjectURL = vi.fn(() => `blob:test/${(urls += 1)}`);
  URL.revokeObjectURL = vi.fn((url: string) => void revoked.push(url));
  return revoked;
}

export interface SlotOptions {
  role?: ImageRole;
  engine?: AnalysisEnvironment;
  autoCapture?: boolean;
  preferredCamera?: string;
  onCameraChosen?: (deviceId: string) => void;
  /** Overrides how the engine loads (default: at once, `engine`). */
  load?: () => Promise<AnalysisEnvironment>;
  /** What the form holds before the slot does anything ("Re-run as new" hands over originals). */
  initial?: SlotImage | null;
}

/** Renders one slot holding its own value, as the form will; `values` records every onChange. */
export async function renderSlot({ role = 'selfie', engine = fakeEngine(), autoCapture = false, preferredCamera = '', onCameraChosen, load, initial = null }: SlotOptions = {}) {
  const i18n = await createI18n('en');
  const values: (SlotImage | null)[] = [];
  function Form() {
    const [value, setValue] = useState<SlotImage | null>(initial);
    return (
      <ImageSlot
        field={`${role}_image`}
        role={role}
        value={value}
        onChange={(next) => {
          values.push(next);
          setValue(next);
        }}
        autoCapture={autoCapture}
        preferredCamera={preferredCamera}
        onCameraChosen={onCameraChosen}
      />
    );
  }
  const view = render(
    <I18nextProvider i18n={i18n}>
      <AnalysisEngineProvider load={load ?? (() => Promise.resolve(engine))}>
        <Form />
      </AnalysisEngineProvider>
    </I18nextProvider>,
  );
  return { ...view, values, engine, last: () => values.at(-1) ?? null };
}
