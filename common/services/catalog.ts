/**
 * The Progeny API v3 service catalog: the one source of truth for paths, inputs and what each
 * result carries, used by the client, the forms, the queue, the sandbox and the tests.
 * Facts and their status (documented / inferred) are in docs/progeny-api.md.
 */
import type { ImageRole } from '../analysis/check';

export const SERVICE_IDS = ['face_liveness', 'register_face', 'authenticate_face', 'ocr_card', 'ocr_passport', 'kyc_card', 'kyc_passport', 'background_check'] as const;
export type ServiceId = (typeof SERVICE_IDS)[number];
export const isServiceId = (value: unknown): value is ServiceId => typeof value === 'string' && (SERVICE_IDS as readonly string[]).includes(value);

/** The checks a finished task can report; each has its own pass/fail in the result. */
export const RESULT_CHECKS = ['liveness', 'registration', 'authentication', 'document', 'compare', 'background_check'] as const;
export type ResultCheck = (typeof RESULT_CHECKS)[number];

export interface FileField {
  /** Multipart field name Progeny expects. */
  name: string;
  role: ImageRole;
}

export interface TextField {
  name: string;
  kind: 'uuid' | 'text' | 'date';
}

export interface ServiceDefinition {
  id: ServiceId;
  /** Path under the v3 base URL, always with its trailing slash (Django cannot redirect a POST). */
  path: string;
  /**
   * Other spellings the docs give for the same service, tried once when `path` answers 404
   * (docs/progeny-api.md §1.3, §4.1): the client remembers per server which one worked.
   */
  alternativePaths: readonly string[];
  files: readonly FileField[];
  fields: readonly TextField[];
  /** Whether the service takes `extend_data` at all (background_check does not). */
  takesExtendData: boolean;
  /** The docs' own 400 examples list `extend_data` as required for these, despite the field tables. */
  extendDataRequiredByServer: boolean;
  /** What the finished task reports, i.e. which checks decide the verdict. */
  checks: readonly ResultCheck[];
  /**
   * The service processes biometric data (a face: the selfie, or a document portrait compared with
   * it), so the customer's consent is asked first (common/customer-consent.ts). OCR reads and the
   * background check do not compare faces.
   */
  biometric: boolean;
}

const selfie: FileField = { name: 'image', role: 'selfie' };
const kycSelfie: FileField = { name: 'selfie_image', role: 'selfie' };
const front: FileField = { name: 'front_id', role: 'id_front' };
const back: FileField = { name: 'back_id', role: 'id_back' };
const passport: FileField = { name: 'passport_image', role: 'passport' };

export const SERVICES: Readonly<Record<ServiceId, ServiceDefinition>> = {
  face_liveness: {
    id: 'face_liveness',
    path: '/services/face_liveness/',
    alternativePaths: ['/services/liveness/'],
    files: [selfie],
    fields: [],
    takesExtendData: true,
    extendDataRequiredByServer: false,
    checks: ['liveness'],
    biometric: true,
  },
  register_face: {
    id: 'register_face',
    path: '/services/register_face/',
    alternativePaths: ['/services/register_face'],
    files: [selfie],
    fields: [],
    takesExtendData: true,
    extendDataRequiredByServer: false,
    checks: ['registration'],
    biometric: true,
  },
  authenticate_face: {
    id: 'authenticate_face',
    path: '/services/authenticate_face/',
    alternativePaths: [],
    files: [selfie],
    fields: [{ name: 'uuid', kind: 'uuid' }],
    takesExtendData: true,
    extendDataRequiredByServer: false,
    checks: ['authentication', 'liveness'],
    biometric: true,
  },
  ocr_card: {
    id: 'ocr_card',
    path: '/services/ocr_card/',
    alternativePaths: [],
    files: [front, back],
    fields: [],
    takesExtendData: true,
    extendDataRequiredByServer: true,
    checks: ['document'],
    biometric: false,
  },
  ocr_passport: {
    id: 'ocr_passport',
    path: '/services/ocr_passport/',
    alternativePaths: [],
    files: [passport],
    fields: [],
    takesExtendData: true,
    extendDataRequiredByServer: true,
    checks: ['document'],
    biometric: false,
  },
  kyc_card: {
    id: 'kyc_card',
    path: '/services/kyc_card/',
    alternativePaths: [],
    files: [kycSelfie, front, back],
    fields: [],
    takesExtendData: true,
    extendDataRequiredByServer: false,
    checks: ['document', 'liveness', 'compare'],
    biometric: true,
  },
  kyc_passport: {
    id: 'kyc_passport',
    path: '/services/kyc_passport/',
    alternativePaths: [],
    files: [kycSelfie, passport],
    fields: [],
    takesExtendData: true,
    extendDataRequiredByServer: true,
    checks: ['document', 'liveness', 'compare'],
    biometric: true,
  },
  background_check: {
    id: 'background_check',
    path: '/services/background_check/',
    alternativePaths: [],
    files: [],
    fields: [
      { name: 'fullname', kind: 'text' },
      { name: 'birth_date', kind: 'date' },
    ],
    takesExtendData: false,
    extendDataRequiredByServer: false,
    checks: ['background_check'],
    biometric: false,
  },
};

export const API_PATHS = {
  obtainToken: '/accounts/token/obtain/',
  refreshToken: '/accounts/token/refresh/',
  /** GET with `?id=<task uuid>`. */
  task: '/services/task/',
} as const;

export const DEFAULT_BASE_URL = 'https://be.progeny.tech/api/v3';

/** Task states: SUCCESS is documented; the rest are Celery's, inferred (docs/progeny-api.md §3). */
export const FINAL_TASK_STATES = ['SUCCESS', 'FAILURE', 'REVOKED'] as const;
export const RUNNING_TASK_STATES = ['PENDING', 'RECEIVED', 'STARTED', 'RETRY'] as const;
export type TaskState = (typeof FINAL_TASK_STATES)[number] | (typeof RUNNING_TASK_STATES)[number];

/**
 * What a task's `status` says, in any letter case: a final or running Celery state, or something
 * this station does not know (`unfamiliar`, with the text as received) or no state at all (`missing`).
 */
export type TaskStateReading = { kind: 'final' | 'running'; state: TaskState } | { kind: 'unfamiliar'; state: string } | { kind: 'missing' };

export function readTaskState(value: unknown): TaskStateReading {
  if (typeof value !== 'string' || value.trim() === '') return { kind: 'missing' };
  const upper = value.trim().toUpperCase();
  if ((FINAL_TASK_STATES as readonly string[]).includes(upper)) return { kind: 'final', state: upper as TaskState };
  if ((RUNNING_TASK_STATES as readonly string[]).includes(upper)) return { kind: 'running', state: upper as TaskState };
  return { kind: 'unfamiliar', state: value.trim().slice(0, 40) };
}
export const isFinalTaskState = (state: unknown): boolean => readTaskState(state).kind === 'final';
