/**
 * When a verification may be sent, decided from the draft alone so the screen can say why not in
 * words: every slot needs a pre-checked JPEG or PNG that meets Progeny's requirements
 * (requirement-rules.ts: fixed automatically or taken again, never overridden); a hard failure can
 * never be sent; failing advice needs the operator's "send anyway" with a reason; warnings never
 * stop anything. Main's intake enforces the same requirements again.
 */
import type { Check, ImageRole } from '../../common/analysis/check';
import { failedAdvice, remedyFor, unmetRequirements } from '../../common/analysis/requirement-rules';
import { asksConsent, customerTextProblem, MAX_CUSTOMER_NAME_LENGTH, MAX_REFERENCE_LENGTH, NAME_REQUIRED_SERVICES, type CustomerTextProblem } from '../../common/customer-consent';
import type { TextField } from '../../common/services/catalog';
import type { ConsentMode } from '../../common/vocabulary';
import type { VerificationDraft } from './draft';
import { fieldProblem, type FieldProblem } from './field-rules';
import { workflowOf } from './workflows';

/** The contract's minimum (OverrideSchema), counted without surrounding spaces. */
export const MIN_REASON_LENGTH = 5;

export type Blocker =
  | { kind: 'missing' | 'checking' | 'unsupported-format'; field: string; role: ImageRole }
  /** A hard failure: no override can accept it, the image must be replaced. */
  | { kind: 'hard'; field: string; role: ImageRole; checks: string[] }
  /** Progeny's requirements are not met: "Fix automatically" repairs them (`fix`), or only a new picture (`retake`). */
  | { kind: 'requirement'; field: string; role: ImageRole; checks: string[]; remedy: 'fix' | 'retake' }
  | { kind: 'field'; field: TextField; problem: FieldProblem }
  /** The customer's reference or name is missing (name, register face only) or not acceptable. */
  | { kind: 'customer'; field: CustomerInput; problem: CustomerTextProblem | 'missing'; max: number }
  /** A face workflow without the customer's "agreed" (declined, or not asked while consent is required). */
  | { kind: 'consent'; field: 'consent'; answer: 'none' | 'declined' };

/** The customer inputs' names (as main's refusals name them). */
export type CustomerInput = 'customer.reference' | 'customer.name';

/** Checks of one slot with the same verdict. */
export interface SlotFindings {
  field: string;
  role: ImageRole;
  checks: string[];
}

export interface Readiness {
  blockers: Blocker[];
  /** Failing advice that "send anyway" can accept, by slot (never a requirement). */
  failing: SlotFindings[];
  warnings: SlotFindings[];
  /** The failing check ids, once each: what goes in `override.checks`. */
  overrideChecks: string[];
  /** Failing checks exist and the operator accepted them with a long enough reason. */
  overrideReady: boolean;
  canSend: boolean;
}

const idsOf = (checks: readonly Check[], keep: (check: Check) => boolean) => checks.filter(keep).map((check) => check.id);

/** What consent the station asks for (settings.consent.mode); the draft alone cannot say. */
export function readiness(draft: VerificationDraft, now = new Date(), consentMode: ConsentMode = 'required'): Readiness {
  const workflow = workflowOf(draft.service);
  const blockers: Blocker[] = [];
  if (asksConsent(draft.service, consentMode)) {
    if (draft.consent?.answer === 'declined') blockers.push({ kind: 'consent', field: 'consent', answer: 'declined' });
    else if (!draft.consent && consentMode === 'required') blockers.push({ kind: 'consent', field: 'consent', answer: 'none' });
  }
  const failing: SlotFindings[] = [];
  const warnings: SlotFindings[] = [];
  for (const { name: field, role } of workflow.slots) {
    const image = draft.images[field];
    const report = image?.report;
    if (!image) blockers.push({ kind: 'missing', field, role });
    else if (!report) blockers.push({ kind: 'checking', field, role });
    else if (report.blocked) blockers.push({ kind: 'hard', field, role, checks: idsOf(report.checks, (check) => check.verdict === 'fail' && check.hard === true) });
    else {
      const unmet = unmetRequirements(role, report.checks);
      if (unmet.length > 0) blockers.push({ kind: 'requirement', field, role, checks: unmet.map((check) => check.id), remedy: remedyFor(unmet) });
      // The format check is a requirement; this only guards a report that somehow lacks it.
      else if (image.contentType === 'other') blockers.push({ kind: 'unsupported-format', field, role });
      const failed = failedAdvice(role, report.checks).map((check) => check.id);
      const warned = idsOf(report.checks, (check) => check.verdict === 'warn');
      if (failed.length > 0) failing.push({ field, role, checks: failed });
      if (warned.length > 0) warnings.push({ field, role, checks: warned });
    }
  }
  for (const field of workflow.fields) {
    const problem = fieldProblem(field, draft.fields[field.name] ?? '', now);
    if (problem) blockers.push({ kind: 'field', field, problem });
  }
  const reference = customerTextProblem(draft.customer.reference, MAX_REFERENCE_LENGTH);
  if (reference) blockers.push({ kind: 'customer', field: 'customer.reference', problem: reference, max: MAX_REFERENCE_LENGTH });
  const name = draft.customer.name.trim() === '' && NAME_REQUIRED_SERVICES.includes(draft.service) ? 'missing' : customerTextProblem(draft.customer.name, MAX_CUSTOMER_NAME_LENGTH);
  if (name) blockers.push({ kind: 'customer', field: 'customer.name', problem: name, max: MAX_CUSTOMER_NAME_LENGTH });
  const overrideChecks = [...new Set(failing.flatMap((slot) => slot.checks))];
  const overrideReady = overrideChecks.length > 0 && draft.override.accepted && draft.override.reason.trim().length >= MIN_REASON_LENGTH;
  return {
    blockers,
    failing,
    warnings,
    overrideChecks,
    overrideReady,
    canSend: blockers.length === 0 && (overrideChecks.length === 0 || overrideReady),
  };
}
