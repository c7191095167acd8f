import type { SubmitRequest } from '../../common/contract';
import { unmetRequirementsOf, type FaceEngine } from '../../common/analysis/conformance';
import { readImageHeader } from '../../common/analysis/image-header';
import { neverOverridable, requiredBy } from '../../common/analysis/requirement-rules';
import { fail, ok, type Result } from '../../common/result';
import { consentProblem, NAME_REQUIRED_SERVICES, type ConsentRecord, type ConsentSettings, type Customer } from '../../common/customer-consent';
import { SERVICES, type ServiceId } from '../../common/services/catalog';
import type { Mode } from '../../common/vocabulary';
import { intakeFaceEngine } from '../analysis/intake-face-engine';
import type { History } from './history/history';
import { withThumbnails, type NewVerification } from './queue/sqlite-queue';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function validDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) && date.getTime() <= Date.now();
}

const rejected = (field: string, message: string) => fail<never>('input-rejected', message, { field });

/** A submission with its images as bytes: the renderer's (base64 decoded) or the CLI's (read from disk). */
export interface IntakeRequest {
  service: ServiceId;
  files: Record<string, { bytes: Uint8Array; filename: string; contentType: string }>;
  fields: Record<string, string>;
  prechecks?: unknown;
  override?: { checks: string[]; reason: string };
  customer?: Customer;
  consent?: ConsentRecord;
}

export interface IntakeContext {
  mode: Mode;
  operator: string;
  /** Four-eyes: who approved the override (main checked their secret in the same call). */
  approvedBy?: string;
  /**
   * The desk's rules (the bridge's `verification:submit`): the station's consent settings (a face
   * service is refused without the customer's "agreed" when consent is required) and the customer
   * name register face needs. Absent (the CLI's `station submit`, run by IT staff from files): neither
   * applies. A "declined" consent is refused always.
   */
  consent?: ConsentSettings;
  now?: () => number;
  /** The face detector for the face requirement; the shared Node engine unless a test gives one. */
  faceEngine?: () => Promise<FaceEngine>;
}

/**
 * Main's own check of what the renderer submits: exactly the service's inputs, well-formed text
 * fields, and images that meet every Progeny requirement for their role (requirement-rules.ts),
 * judged again here from the bytes whatever the renderer's pre-check said. An override can only
 * accept advice: one that names a requirement is refused.
 */
export async function prepareSubmission(request: SubmitRequest, context: IntakeContext): Promise<Result<NewVerification>> {
  const files: IntakeRequest['files'] = {};
  for (const [name, upload] of Object.entries(request.files)) files[name] = { bytes: Buffer.from(upload.data, 'base64'), filename: upload.filename, contentType: upload.contentType };
  return prepareVerification({ ...request, files }, context);
}

/** The one intake of every host: the renderer's `verification:submit` and `station submit`. */
export async function prepareVerification(request: IntakeRequest, context: IntakeContext): Promise<Result<NewVerification>> {
  const definition = SERVICES[request.service];
  for (const file of definition.files) if (!(file.name in request.files)) return rejected(file.name, `${request.service} needs the image "${file.name}".`);
  for (const name of Object.keys(request.files)) if (!definition.files.some((file) => file.name === name)) return rejected(name, `${request.service} takes no image "${name}".`);
  for (const field of definition.fields) {
    const value = request.fields[field.name];
    if (value === undefined) return rejected(field.name, `${request.service} needs "${field.name}".`);
    if (field.kind === 'uuid' && !UUID.test(value)) return rejected(field.name, `"${field.name}" must be a registered person's id (a UUID such as 0b6c…-…).`);
    if (field.kind === 'date' && !validDate(value)) return rejected(field.name, `"${field.name}" must be a real date in the past, written YYYY-MM-DD.`);
  }
  for (const name of Object.keys(request.fields)) if (!definition.fields.some((field) => field.name === name)) return rejected(name, `${request.service} takes no field "${name}".`);

  const roles = definition.files.map((file) => file.role);
  const forbidden = request.override?.checks.filter((id) => roles.some((role) => neverOverridable(role, id))) ?? [];
  if (forbidden.length > 0) return rejected('override', `Progeny's image requirements cannot be overridden (${forbidden.join(', ')}): fix the image automatically or take a new picture.`);

  const faceEngine = context.faceEngine ?? intakeFaceEngine;
  const files: NewVerification['files'] = {};
  for (const file of definition.files) {
    const upload = request.files[file.name]!;
    // Before any decoding: a JPEG or PNG must be labelled as what it is (other formats are refused below).
    const format = readImageHeader(upload.bytes).format;
    if ((format === 'jpeg' || format === 'png') && `image/${format}` !== upload.contentType)
      return rejected(file.name, `${file.name}: the file is ${format.toUpperCase()} but was labelled ${upload.contentType}.`);
    let unmet;
    try {
      unmet = await unmetRequirementsOf(file.role, upload.bytes, faceEngine);
    } catch (error) {
      // Fail closed: a requirement that cannot be checked is not met.
      return fail('internal', `${file.name}: the station could not check that a face is present (${error instanceof Error ? error.message : String(error)}); nothing was queued.`, {
        field: file.name,
      });
    }
    const broken = unmet[0];
    if (broken) return rejected(file.name, `${file.name}: ${broken.message} ${broken.guidance}`.trim() + ` Progeny requires ${requiredBy(file.role, broken.id) ?? 'a conforming image'}.`);
    files[file.name] = upload;
  }
  // After the images' own refusals (the operator fixes those first); before anything is queued. A
  // declined consent is refused in every mode: the renderer never sends one, so this is a forgery.
  if (context.consent) {
    const problem = consentProblem(request.service, request.consent, context.consent, (context.now ?? Date.now)());
    if (problem) return fail('consent-required', problem, { field: 'consent' });
    if (NAME_REQUIRED_SERVICES.includes(request.service) && !request.customer?.name)
      return rejected('customer.name', `${request.service} needs the customer's name: nothing else on the record would say whose face this is.`);
  }
  if (request.consent?.answer === 'declined') return fail('consent-required', 'The customer declined biometric consent: nothing may be sent for this verification.', { field: 'consent' });
  return ok(
    await withThumbnails({
      service: request.service,
      mode: context.mode,
      operator: context.operator,
      files,
      fields: request.fields,
      ...(request.prechecks === undefined ? {} : { prechecks: request.prechecks }),
      ...(request.override ? { overrideReason: request.override.reason, overrideChecks: request.override.checks, ...(context.approvedBy ? { overrideApprovedBy: context.approvedBy } : {}) } : {}),
      ...(request.customer && (request.customer.name || request.customer.reference) ? { customer: request.customer } : {}),
      // Recorded only where it was asked for (a face service); an OCR read carries none.
      ...(request.consent && definition.biometric ? { consent: request.consent } : {}),
    }),
  );
}

/** People whose face this station registered (verified register_face results), newest first. */
export function registeredPersons(history: History): { verificationId: string; uuid: string; registeredAt: number; name: string | null; reference: string | null }[] {
  const people = [];
  for (const summary of history.search({ services: ['register_face'], outcomes: ['verified'], limit: 500 })) {
    const uuid = history.detail(summary.id)?.result?.registration?.uuid;
    if (uuid)
      people.push({
        verificationId: summary.id,
        uuid,
        registeredAt: summary.finishedAt ?? summary.createdAt,
        name: summary.customer?.name ?? summary.subject.name,
        reference: summary.customer?.reference ?? null,
      });
  }
  return people;
}
