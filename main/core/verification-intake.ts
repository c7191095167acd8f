import type { SubmitRequest } from '../../common/contract';
import { inspectFile } from '../../common/analysis/file-checks';
import { fail, ok, type Result } from '../../common/result';
import { SERVICES } from '../../common/services/catalog';
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

/**
 * Main's own check of what the renderer submits: exactly the service's inputs, well-formed text
 * fields, and images that really are the JPEG/PNG they claim with no hard pre-check failure. The
 * renderer's full pre-check (and any override) is advisory to main; these rules are not.
 */
export async function prepareSubmission(request: SubmitRequest, context: { mode: 'training' | 'live'; operator: string }): Promise<Result<NewVerification>> {
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

  const files: NewVerification['files'] = {};
  for (const [name, upload] of Object.entries(request.files)) {
    const bytes = Buffer.from(upload.data, 'base64');
    const inspection = inspectFile(bytes);
    const blocking = inspection.checks.find((check) => check.verdict === 'fail' && (check.hard || check.id === 'file.format'));
    if (blocking) return rejected(name, `${name}: ${blocking.message} ${blocking.guidance}`.trim());
    const format = inspection.header.format === 'png' ? 'image/png' : 'image/jpeg';
    if (format !== upload.contentType) return rejected(name, `${name}: the file is ${inspection.header.format.toUpperCase()} but was labelled ${upload.contentType}.`);
    files[name] = { bytes, filename: upload.filename, contentType: upload.contentType };
  }
  return ok(
    await withThumbnails({
      service: request.service,
      mode: context.mode,
      operator: context.operator,
      files,
      fields: request.fields,
      ...(request.prechecks === undefined ? {} : { prechecks: request.prechecks }),
      ...(request.override ? { overrideReason: request.override.reason, overrideChecks: request.override.checks } : {}),
    }),
  );
}

/** People whose face this station registered (verified register_face results), newest first. */
export function registeredPersons(history: History): { verificationId: string; uuid: string; registeredAt: number; name: string | null }[] {
  const people = [];
  for (const summary of history.search({ services: ['register_face'], outcomes: ['verified'], limit: 500 })) {
    const uuid = history.detail(summary.id)?.result?.registration?.uuid;
    if (uuid) people.push({ verificationId: summary.id, uuid, registeredAt: summary.finishedAt ?? summary.createdAt, name: summary.subject.name });
  }
  return people;
}
