import type { HistoryDetail, VerificationResult } from '../../../common/contract';

export const RECORD_ID = '6f1c2b8e-3d4a-4f5b-9c6d-7e8f9a0b1c2d';
export const T0 = Date.UTC(2025, 2, 14, 9, 30);

/** A JPEG's first bytes: enough for a Blob round trip through base64. */
export const JPEG_BYTES = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 250, 251]);
export const JPEG_BASE64 = btoa(String.fromCharCode(...JPEG_BYTES));

const ocrFields = {
  firstName: 'VALERIA',
  lastName: 'PERFILOVA',
  documentNumber: 'XX008080',
  nationality: 'UKR',
  sex: 'F',
  dateOfBirth: '1991-09-24',
  dateOfIssue: null,
  dateOfExpiry: '2031-09-25',
  age: 33,
};

export function kycResult(patch: Partial<VerificationResult> = {}): VerificationResult {
  return {
    service: 'kyc_passport',
    taskState: 'SUCCESS',
    resultStatus: 200,
    verdict: 'verified',
    checks: { document: true, liveness: true, compare: true },
    liveness: { passed: true, score: 2.594, quality: 0.818, probability: 0.93 },
    authentication: null,
    registration: null,
    document: { valid: true, expired: false, fields: ocrFields, portraitUrl: null },
    compare: true,
    backgroundCheck: null,
    issues: [],
    unrecognised: false,
    ...patch,
  };
}

/** What the New verification screen keeps of the pre-check: the passport page's MRZ read on this station. */
export function passportPrechecks(mrz: Partial<Record<string, string | null>> = {}) {
  return {
    slots: {
      selfie_image: { role: 'selfie', verdict: 'pass', blocked: false, checks: [], mrz: null, autoFixed: false },
      passport_image: {
        role: 'passport',
        verdict: 'warn',
        blocked: false,
        checks: [],
        mrz: {
          valid: true,
          fields: {
            documentCode: 'P',
            issuingState: 'UKR',
            lastName: 'PERFILOVA',
            firstName: 'VALERIA',
            documentNumber: 'XX008080',
            nationality: 'UKR',
            birthDate: '1991-09-24',
            sex: 'F',
            expiryDate: '2031-09-25',
            personalNumber: null,
            ...mrz,
          },
        },
        autoFixed: false,
      },
    },
    overridden: [],
  };
}

export function kycDetail(patch: Partial<HistoryDetail> = {}): HistoryDetail {
  return {
    id: RECORD_ID,
    createdAt: T0,
    finishedAt: T0 + 20_000,
    service: 'kyc_passport',
    mode: 'live',
    state: 'done',
    verdict: 'verified',
    operator: 'desk-1',
    subject: { name: 'VALERIA PERFILOVA', documentNumber: 'XX008080', dateOfBirth: '1991-09-24' },
    unreadable: false,
    updatedAt: T0 + 20_000,
    submittedAt: T0 + 1_000,
    taskId: '2188',
    sendCount: 1,
    attentionReason: null,
    error: null,
    fields: {},
    prechecks: passportPrechecks(),
    overrideReason: null,
    result: kycResult(),
    attempts: [],
    images: [
      { blobId: 'blob-selfie', field: 'selfie_image', kind: 'image', filename: 'selfie.jpg', contentType: 'image/jpeg', bytes: 10, available: true },
      { blobId: 'blob-selfie-thumb', field: 'selfie_image', kind: 'thumbnail', filename: null, contentType: 'image/jpeg', bytes: 4, available: true },
      { blobId: 'blob-passport', field: 'passport_image', kind: 'image', filename: 'passport.jpg', contentType: 'image/jpeg', bytes: 10, available: true },
    ],
    unreadableColumns: [],
    ...patch,
  };
}

export function livenessDetail(passed: boolean): HistoryDetail {
  return kycDetail({
    service: 'face_liveness',
    verdict: passed ? 'verified' : 'not-verified',
    subject: { name: null, documentNumber: null, dateOfBirth: null },
    prechecks: null,
    result: kycResult({
      service: 'face_liveness',
      verdict: passed ? 'verified' : 'not-verified',
      checks: { liveness: passed },
      liveness: { passed, score: 2.5, quality: 0.8, probability: passed ? 0.93 : 0.2 },
      document: null,
      compare: null,
    }),
    images: [{ blobId: 'blob-selfie', field: 'image', kind: 'image', filename: 'selfie.jpg', contentType: 'image/jpeg', bytes: 10, available: true }],
  });
}
