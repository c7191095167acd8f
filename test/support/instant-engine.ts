import { MRZ_FIELD_NAMES } from '../../common/analysis/mrz';
import type { SandboxEngine } from '../../main/sandbox/sandbox-types';

/**
 * A stand-in analysis engine that answers at once: one frontal face everywhere, no MRZ. For tests
 * and benches that measure the queue, the poller or crash recovery, not image analysis.
 */
export const instantEngine: SandboxEngine = {
  decode: () => Promise.resolve({ width: 800, height: 1000, channels: 3, data: new Uint8Array(800 * 1000 * 3).fill(128) }),
  faces: {
    detect: () =>
      Promise.resolve([
        {
          box: { x: 250, y: 300, width: 300, height: 340 },
          score: 1,
          leftEye: { x: 460, y: 420 },
          rightEye: { x: 340, y: 420 },
          eyeOpenness: { left: 0.3, right: 0.3 },
          yaw: 0,
          pitch: 0,
          roll: 0,
          real: 0.8,
          live: 0.9,
          embedding: Array.from({ length: 8 }, () => 0.5),
        },
      ]),
    similarity: () => 0.9,
  },
  mrz: { read: () => Promise.resolve({ format: null, rawLines: [], lines: [], valid: false, checkDigits: [], fields: null, expired: null, repairedCharacters: 0, unconfirmed: [...MRZ_FIELD_NAMES] }) },
};
