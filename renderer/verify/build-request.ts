/** Turns a draft that may be sent into the `verification:submit` request. */
import type { SubmitRequest } from '../../common/contract';
import { toSlotRecord, type PrecheckRecord } from '../../common/precheck-record';
import { SERVICES } from '../../common/services/catalog';
import { blobToBase64 } from './base64';
import type { VerificationDraft } from './draft';
import type { Readiness } from './submission-rules';
import { workflowOf } from './workflows';

/** An image whose bytes could not be read back (the file went away, the browser refused). */
export class UnreadableImageError extends Error {
  constructor(
    readonly field: string,
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
  }
}

/** The contract's filename limit; a camera capture may come without a name at all. */
const uploadName = (filename: string, field: string, contentType: 'image/jpeg' | 'image/png') => filename.trim().slice(-255) || `${field}.${contentType === 'image/png' ? 'png' : 'jpg'}`;

/** The record is plain data by construction; as an interface it just lacks the index signature the JSON type wants. */
const asJson = (record: PrecheckRecord) => record as unknown as NonNullable<SubmitRequest['prechecks']>;

export async function buildSubmitRequest(draft: VerificationDraft, ready: Readiness): Promise<SubmitRequest> {
  if (!ready.canSend) throw new Error('buildSubmitRequest called for a draft that may not be sent');
  const workflow = workflowOf(draft.service);
  const files: SubmitRequest['files'] = {};
  const slots: PrecheckRecord['slots'] = {};
  for (const slot of workflow.slots) {
    const image = draft.images[slot.name];
    if (!image?.report || image.contentType === 'other') throw new Error(`slot ${slot.name} is not ready although the draft may be sent`);
    const data = await blobToBase64(image.blob).catch((error: unknown) => {
      throw new UnreadableImageError(slot.name, error);
    });
    files[slot.name] = { filename: uploadName(image.filename, slot.name, image.contentType), contentType: image.contentType, data };
    slots[slot.name] = toSlotRecord(image.report, image.autoFixed);
  }
  const fields = Object.fromEntries(workflow.fields.map((field) => [field.name, (draft.fields[field.name] ?? '').trim()]));
  const override = ready.overrideChecks.length > 0 ? { checks: ready.overrideChecks, reason: draft.override.reason.trim() } : null;
  const prechecks: PrecheckRecord = { slots, overridden: override?.checks ?? [] };
  const reference = draft.customer.reference.trim();
  const name = draft.customer.name.trim();
  const customer = { ...(reference ? { reference } : {}), ...(name ? { name } : {}) };
  // A consent answer goes only with a face workflow (an OCR read never asked).
  const consent = draft.consent && SERVICES[draft.service].biometric ? draft.consent : null;
  return { service: draft.service, files, fields, prechecks: asJson(prechecks), ...(override ? { override } : {}), ...(reference || name ? { customer } : {}), ...(consent ? { consent } : {}) };
}
