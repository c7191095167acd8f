import { describe, expect, it } from 'vitest';
import type { ImageRole } from '../../../common/analysis/check';
import { SERVICE_IDS, SERVICES } from '../../../common/services/catalog';
import type { SlotImage } from '../../../renderer/capture/slot-types';
import { blobToBase64 } from '../../../renderer/verify/base64';
import { emptyDraft, switchWorkflow, type VerificationDraft } from '../../../renderer/verify/draft';
import { fieldProblem } from '../../../renderer/verify/field-rules';
import { readiness as readinessUnder } from '../../../renderer/verify/submission-rules';

/** The image and text rules here; the consent and customer rules have their own tests below (consent off, as a station may set it). */
const readiness = (draft: VerificationDraft, now?: Date) => readinessUnder(draft, now, 'off');
import { WORKFLOWS } from '../../../renderer/verify/workflows';
import { reportFor } from './fake-image-slot';

const image = (role: ImageRole, filename: string, contentType: SlotImage['contentType'] = 'image/jpeg'): SlotImage => ({
  blob: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/jpeg' }),
  filename,
  contentType,
  previewUrl: '',
  report: reportFor(role, filename),
  autoFixed: false,
  source: 'file',
});

const passportDraft = (selfie: string, passport: string, override = { accepted: false, reason: '' }): VerificationDraft => ({
  ...emptyDraft('kyc_passport'),
  images: { selfie_image: image('selfie', selfie), passport_image: image('passport', passport) },
  override,
});

describe('workflows', () => {
  it('offers the eight services in counter order, each with exactly its catalog inputs', () => {
    expect(WORKFLOWS.map((workflow) => workflow.id)).toEqual(['kyc_card', 'kyc_passport', 'face_liveness', 'register_face', 'authenticate_face', 'ocr_card', 'ocr_passport', 'background_check']);
    expect([...WORKFLOWS.map((workflow) => workflow.id)].sort()).toEqual([...SERVICE_IDS].sort());
    for (const workflow of WORKFLOWS) {
      expect(workflow.slots).toEqual(SERVICES[workflow.id].files);
      expect(workflow.fields).toEqual(SERVICES[workflow.id].fields);
    }
    const byId = Object.fromEntries(WORKFLOWS.map((workflow) => [workflow.id, workflow.slots.map((slot) => slot.role)]));
    expect(byId.kyc_card).toEqual(['selfie', 'id_front', 'id_back']);
    expect(byId.kyc_passport).toEqual(['selfie', 'passport']);
    expect(byId.authenticate_face).toEqual(['selfie']);
    expect(byId.background_check).toEqual([]);
    expect(WORKFLOWS.filter((workflow) => workflow.prefillFromDocuments).map((workflow) => workflow.id)).toEqual(['background_check']);
  });

  it('keeps images of inputs the new workflow shares and drops the rest, with the override', () => {
    const draft: VerificationDraft = { ...emptyDraft('face_liveness'), images: { image: image('selfie', 'pass.jpg') }, override: { accepted: true, reason: 'looked at it' } };
    const toRegister = switchWorkflow(draft, 'register_face');
    expect(toRegister.draft.images.image).toBe(draft.images.image);
    expect(toRegister.dropped).toEqual([]);
    expect(toRegister.draft.override).toEqual({ accepted: false, reason: '' });
    const toKyc = switchWorkflow(draft, 'kyc_passport');
    expect(toKyc.draft.images).toEqual({});
    expect(toKyc.dropped).toEqual([draft.images.image]);
  });
});

describe('submission rules', () => {
  it('needs every slot filled and pre-checked', () => {
    expect(readiness(emptyDraft('kyc_passport')).blockers.map((b) => b.kind)).toEqual(['missing', 'missing']);
    const checking = readiness(passportDraft('pass.jpg', 'checking.jpg'));
    expect(checking.canSend).toBe(false);
    expect(checking.blockers).toEqual([{ kind: 'checking', field: 'passport_image', role: 'passport' }]);
    expect(readiness(passportDraft('pass.jpg', 'pass.jpg')).canSend).toBe(true);
  });

  it('never sends a hard failure, whatever the override', () => {
    const ready = readiness(passportDraft('hard-file.integrity.jpg', 'fail-document.glare.jpg', { accepted: true, reason: 'customer is in a hurry' }));
    expect(ready.blockers).toEqual([{ kind: 'hard', field: 'selfie_image', role: 'selfie', checks: ['file.integrity'] }]);
    expect(ready.canSend).toBe(false);
  });

  it('sends failing checks only when accepted with a reason of at least 5 characters; warnings never block', () => {
    const failing = (accepted: boolean, reason: string) => readiness(passportDraft('fail-face.size+warn-face.exposure.jpg', 'fail-document.glare+fail-face.size.jpg', { accepted, reason }));
    expect(failing(false, '').canSend).toBe(false);
    expect(failing(true, ' abc ').canSend).toBe(false);
    expect(failing(false, 'seen it myself').canSend).toBe(false);
    const accepted = failing(true, 'seen it');
    expect(accepted.canSend).toBe(true);
    expect(accepted.overrideChecks).toEqual(['face.size', 'document.glare']);
    expect(accepted.failing).toEqual([
      { field: 'selfie_image', role: 'selfie', checks: ['face.size'] },
      { field: 'passport_image', role: 'passport', checks: ['document.glare', 'face.size'] },
    ]);
    const warned = readiness(passportDraft('warn-face.exposure.jpg', 'pass.jpg'));
    expect(warned.canSend).toBe(true);
    expect(warned.warnings).toEqual([{ field: 'selfie_image', role: 'selfie', checks: ['face.exposure'] }]);
  });

  it('refuses an image that is not JPEG or PNG until it is converted', () => {
    const draft = passportDraft('pass.jpg', 'pass.jpg');
    draft.images.selfie_image = image('selfie', 'pass.jpg', 'other');
    expect(readiness(draft).blockers).toEqual([{ kind: 'unsupported-format', field: 'selfie_image', role: 'selfie' }]);
  });
});

describe("Progeny's requirements: fixed or retaken, never overridden", () => {
  const accepted = { accepted: true, reason: 'the customer cannot come back' };
  // One row per requirement failure: the blocker the send panel shows, whatever the override says.
  it.each([
    ['too many bytes, fixable', 'fix-file.bytes.jpg', 'fix', ['file.bytes']],
    ['too small, enlargeable', 'fix-file.dimensions.jpg', 'fix', ['file.dimensions']],
    ['too small to enlarge', 'fail-file.dimensions.jpg', 'retake', ['file.dimensions']],
    ['WebP, convertible', 'fix-file.format.jpg', 'fix', ['file.format']],
    ['JPEG quality below 70', 'fail-file.quality.jpg', 'retake', ['file.quality']],
    ['no face on the selfie', 'fail-face.count=0.jpg', 'retake', ['face.count']],
    ['quality and size together: only a new picture meets both', 'fail-file.quality+fix-file.bytes.jpg', 'retake', ['file.quality', 'file.bytes']],
  ] as const)('selfie %s → %s', (_name, selfie, remedy, checks) => {
    const ready = readiness(passportDraft(selfie, 'pass.jpg', accepted));
    expect(ready.blockers).toEqual([{ kind: 'requirement', field: 'selfie_image', role: 'selfie', checks, remedy }]);
    expect(ready.failing).toEqual([]);
    expect(ready.overrideChecks).toEqual([]);
    expect(ready.canSend).toBe(false);
  });

  it('keeps advice overridable beside the requirements: several faces, a small face, blur, glare', () => {
    const ready = readiness(passportDraft('fail-face.count=2+fail-face.size+fail-face.sharpness.jpg', 'fail-document.glare.jpg', accepted));
    expect(ready.blockers).toEqual([]);
    expect(ready.overrideChecks).toEqual(['face.count', 'face.size', 'face.sharpness', 'document.glare']);
    expect(ready.canSend).toBe(true);
  });

  it('asks for a face only on the selfie: a document without a detected face is advice there', () => {
    // face.count is not a document check today; the rule table decides by role, not by id alone.
    const ready = readiness(passportDraft('pass.jpg', 'fail-face.count=0.jpg', accepted));
    expect(ready.blockers).toEqual([]);
    expect(ready.overrideChecks).toEqual(['face.count']);
  });

  it('sends once the fixed image meets them', () => {
    expect(readiness(passportDraft('pass.jpg', 'warn-file.height.jpg')).canSend).toBe(true);
  });
});

describe('text field rules', () => {
  const now = new Date(2025, 5, 15, 12);
  const fields = Object.fromEntries([...SERVICES.authenticate_face.fields, ...SERVICES.background_check.fields].map((field) => [field.name, field]));
  it.each([
    ['uuid', '', 'missing'],
    ['uuid', '0b6c1f2a-9d3e-4c5b', 'not-uuid'],
    ['uuid', ' 0B6C1F2A-9D3E-4C5B-8A7F-1E2D3C4B5A69 ', null],
    ['fullname', '   ', 'missing'],
    ['fullname', 'x'.repeat(201), 'too-long'],
    ['fullname', 'Amina Haddad', null],
    ['birth_date', '1990-02-30', 'not-a-date'],
    ['birth_date', '15/06/1990', 'not-a-date'],
    ['birth_date', '2025-06-15', 'not-past'],
    ['birth_date', '2030-01-01', 'not-past'],
    ['birth_date', '2025-06-14', null],
  ] as const)('%s %j → %s', (name, value, problem) => {
    expect(fieldProblem(fields[name]!, value, now)).toBe(problem);
  });
});

describe('base64', () => {
  it('encodes a 10 MB image exactly, without building it byte by byte', async () => {
    const bytes = new Uint8Array(10 * 1024 * 1024);
    for (let i = 0; i < bytes.length; i += 1) bytes[i] = (i * 31 + (i >> 8)) & 0xff;
    const encoded = await blobToBase64(new Blob([bytes]));
    expect(encoded.length).toBe(Math.ceil(bytes.length / 3) * 4);
    const decoded = atob(encoded);
    for (const i of [0, 1, 2, 255, 65_537, bytes.length - 1]) expect(decoded.charCodeAt(i)).toBe(bytes[i]);
  });
});
