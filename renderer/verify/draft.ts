/** What the operator has filled in so far for one customer. */
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
}

export const emptyDraft = (service: ServiceId): VerificationDraft => ({ service, images: {}, fields: {}, override: { accepted: false, reason: '' } });

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
  return { draft: { service, images, fields, override: { accepted: false, reason: '' } }, dropped };
}
