/**
 * The workflows the operator picks from, in the order the counter uses them (KYC first). Each is
 * one Progeny service; its image slots and text fields come from the service catalog, so the form
 * always asks for exactly what the service takes.
 */
import { SERVICES, type FileField, type ServiceId, type TextField } from '../../common/services/catalog';

export interface Workflow {
  id: ServiceId;
  /** One image slot per file field, in catalog order. */
  slots: readonly FileField[];
  fields: readonly TextField[];
  /** Name and birth date can be copied from an earlier document read (background check). */
  prefillFromDocuments: boolean;
}

const ORDER: readonly ServiceId[] = ['kyc_card', 'kyc_passport', 'face_liveness', 'register_face', 'authenticate_face', 'ocr_card', 'ocr_passport', 'background_check'];

/** Services whose verified records carry a document holder's name and birth date. */
export const DOCUMENT_SERVICES: readonly ServiceId[] = ['ocr_card', 'ocr_passport', 'kyc_card', 'kyc_passport'];

export const WORKFLOWS: readonly Workflow[] = ORDER.map((id) => {
  const { files, fields } = SERVICES[id];
  const kinds = new Set(fields.map((field) => field.kind));
  return { id, slots: files, fields, prefillFromDocuments: kinds.has('text') && kinds.has('date') };
});

export const workflowOf = (id: ServiceId): Workflow => WORKFLOWS.find((workflow) => workflow.id === id) ?? WORKFLOWS[0]!;
