import type { Settings } from './contract';
import { DEFAULT_BASE_URL } from './services/catalog';

/** A new station's settings (zod-free, so the renderer can use them without the validator). */
export const DEFAULT_SETTINGS: Settings = {
  language: 'system',
  mode: 'training',
  serverUrl: DEFAULT_BASE_URL,
  cameras: { selfie: '', document: '' },
  autoCapture: true,
  retention: { imagesDays: 30, recordsDays: 365 },
  idleLockMinutes: 5,
};
