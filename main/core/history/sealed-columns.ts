import { z } from 'zod';
import { LANGUAGES } from '../../../common/contract-names';
import type { NormalisedResult } from '../../../common/services/result-model';
import { CONSENT_ANSWERS } from '../../../common/vocabulary';
import { TamperedCiphertextError, type Cipher } from '../store/cipher';
import { aad, type VerificationSealedColumn } from '../store/schema';
import { OUTCOMES, type HistorySubject } from './history-types';

/**
 * Opens the sealed columns of one verification row and checks their shape. A column that fails to
 * open or has an unexpected shape becomes null and is listed in `unreadable`: the history shows a
 * damaged record as damaged instead of failing the whole list.
 */

/** What the queue seals in `inputs` (sqlite-queue.ts StoredInputs). */
const storedInputs = z.object({
  files: z.record(z.string(), z.object({ blobId: z.string(), filename: z.string(), contentType: z.string() })),
  fields: z.record(z.string(), z.string()),
  // Records written before the customer and consent were kept lack them.
  customer: z.object({ reference: z.string().optional(), name: z.string().optional() }).optional(),
  consent: z.object({ answer: z.enum(CONSENT_ANSWERS), language: z.enum(LANGUAGES), version: z.number(), at: z.number() }).optional(),
});
export type StoredInputs = z.infer<typeof storedInputs>;

const nullableText = z.string().nullable().optional();
/** What the queue seals in `subject` (sqlite-queue.ts subjectOf). */
const storedSubject = z.object({ name: nullableText, documentNumber: nullableText, dateOfBirth: nullableText });

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
// The result model is deep and owned by result-model.ts; checking the verdict catches a wrong column or garbage.
const storedResult = z.custom<NormalisedResult>((value) => isRecord(value) && (OUTCOMES as readonly unknown[]).includes(value.verdict));
const errorFields = z.record(z.string(), z.array(z.string()));

export interface SealedColumnReader {
  readonly unreadable: VerificationSealedColumn[];
  inputs(sealed: Buffer | null): StoredInputs | null;
  subject(sealed: Buffer | null): HistorySubject | null;
  result(sealed: Buffer | null): NormalisedResult | null;
  errorFields(sealed: Buffer | null): Record<string, string[]> | null;
  prechecks(sealed: Buffer | null): unknown;
  overrideReason(sealed: Buffer | null): string | null;
}

// Only "cannot open" and "not JSON" are problems of the data; anything else is a bug and must surface.
const isDataProblem = (error: unknown) => error instanceof TamperedCiphertextError || error instanceof SyntaxError;

export function sealedColumnReader(cipher: Cipher, id: string): SealedColumnReader {
  const unreadable: VerificationSealedColumn[] = [];
  const failed = (column: VerificationSealedColumn) => {
    if (!unreadable.includes(column)) unreadable.push(column);
    return null;
  };
  function json<T>(column: VerificationSealedColumn, sealed: Buffer | null, schema: z.ZodType<T>): T | null {
    if (!sealed) return null;
    let value: unknown;
    try {
      value = cipher.openJson(sealed, aad.verification(id, column));
    } catch (error) {
      if (!isDataProblem(error)) throw error;
      return failed(column);
    }
    const parsed = schema.safeParse(value);
    return parsed.success ? parsed.data : failed(column);
  }

  return {
    unreadable,
    inputs: (sealed) => json('inputs', sealed, storedInputs),
    subject(sealed) {
      const subject = json('subject', sealed, storedSubject);
      return subject && { name: subject.name ?? null, documentNumber: subject.documentNumber ?? null, dateOfBirth: subject.dateOfBirth ?? null };
    },
    result: (sealed) => json('result', sealed, storedResult),
    errorFields: (sealed) => json('error_fields', sealed, errorFields),
    prechecks: (sealed) => json('prechecks', sealed, z.unknown()),
    overrideReason(sealed) {
      if (!sealed) return null;
      try {
        return cipher.openText(sealed, aad.verification(id, 'override_reason'));
      } catch (error) {
        if (!isDataProblem(error)) throw error;
        return failed('override_reason');
      }
    },
  };
}

const EMPTY_SUBJECT: HistorySubject = { name: null, documentNumber: null, dateOfBirth: null };

/**
 * Who the record is about. The queue seals a subject only when the result read a document; a
 * background check names its person in the inputs (fullname, birth_date), so fall back to those.
 */
export function subjectOf(subject: HistorySubject | null, inputs: StoredInputs | null): HistorySubject {
  // The name the operator entered stands in where no document named the person (register face, liveness).
  if (subject) return subject.name === null && inputs?.customer?.name ? { ...subject, name: inputs.customer.name } : subject;
  if (!inputs) return EMPTY_SUBJECT;
  return { name: inputs.fields.fullname ?? inputs.customer?.name ?? null, documentNumber: inputs.fields.document_number ?? null, dateOfBirth: inputs.fields.birth_date ?? null };
}
