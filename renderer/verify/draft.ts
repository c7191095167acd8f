/** What the operator has filled in so far for one customer. */
import type { ConsentRecord } from '../../common/customer-consent';
import type { ServiceId } from '../../common/services/catalog';
import type { SlotImage } from '../capture/slot-types';
import { workflowOf } from './workflows';

export interface OverrideDraft {
  /** "Send anyway" is ticked. */
  accepted: boolean;
  reason: string;
}

export interface VerificationDraft {
  service: ServiceId;
  /** By Progeny file field name; absent until the slot has an image. */
  images: Partial<Record<string, SlotImage>>;
  /** By Progeny text field name. */
  fields: Record<string, string>;
  override: OverrideDraft;
  /** Who it is for, as typed (or filled in from the document read on device). */
  customer: CustomerDraft;
  /** The customer's answer to the biometric consent text; null until asked. */
  consent: ConsentRecord | null;
}

export interface CustomerDraft {
  reference: string;
  name: string;
  /** The name was filled in from a document's MRZ (and not typed over since). */
  nameFromDocument: boolean;
}

export const emptyDraft = (service: ServiceId): VerificationDraft => ({
  service,
  images: {},
  fields: {},
  override: { accepted: false, reason: '' },
  customer: { reference: '', name: '', nameFromDocument: false },
  consent: null,
});

/**
 * Another workflow for the same customer: images and text already given carry over where the new
 * service has the same input (same field name and role, so the pre-check report still applies);
 * the rest is dropped, and so is the override, which was about the old set of failing checks.
 */
export function switchWorkflow(draft: VerificationDraft, service: ServiceId): { draft: VerificationDraft; dropped: SlotImage[] } {
  const workflow = workflowOf(service);
  const images: VerificationDraft['images'] = {};
  for (const slot of workflow.slots) {
    const image = draft.images[slot.name];
    if (image && (image.report === null || image.report.role === slot.role)) images[slot.name] = image;
  }
  const fields: Record<string, string> = {};
  for (const field of workflow.fields) {
    const value = draft.fields[field.name];
    if (value !== undefined) fields[field.name] = value;
  }
  const kept = new Set(Object.values(images));
  const dropped = Object.values(draft.images).filter((image): image is SlotImage => image !== undefined && !kept.has(image));
  // Same customer, so the same customer fields and the same consent answer.
  return { draft: { service, images, fields, override: { accepted: false, reason: '' }, customer: draft.customer, consent: draft.consent }, dropped };
}
