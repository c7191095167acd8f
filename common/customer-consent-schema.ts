/** The zod schemas of common/customer-consent.ts (kept apart so the renderer's bundle leaves zod out). */
import { z } from 'zod';
import { LANGUAGES } from './contract-names';
import { CONTROL_CHARACTERS, MAX_CONSENT_TEXT_LENGTH, MAX_CUSTOMER_NAME_LENGTH, MAX_REFERENCE_LENGTH, type ConsentRecord, type ConsentSettings, type Customer } from './customer-consent';
import { ConsentAnswerSchema, ConsentModeSchema } from './vocabulary';

const customerText = (what: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `the ${what} is empty: leave it out instead`)
    .max(max, `the ${what} is too long: ${max} characters at most`)
    .refine((value) => !CONTROL_CHARACTERS.test(value), `the ${what} contains control or text-direction characters: type it again without them`);

export const CustomerSchema = z
  .object({
    /** The organisation's customer or account number (optional, encouraged). */
    reference: customerText('customer reference', MAX_REFERENCE_LENGTH).optional(),
    name: customerText('customer name', MAX_CUSTOMER_NAME_LENGTH).optional(),
  })
  .strict();

/** What the operator recorded: the answer, which text (language and version) and when. */
export const ConsentRecordSchema = z
  .object({
    answer: ConsentAnswerSchema,
    language: z.enum(LANGUAGES),
    version: z.number().int().min(1).max(1_000_000),
    /** When the customer answered (ms since the epoch). */
    at: z.number().int().positive(),
  })
  .strict();

const ConsentTextSchema = z
  .object({
    text: z.string().trim().min(20, 'a consent text of at least 20 characters').max(MAX_CONSENT_TEXT_LENGTH),
    /** Raised by main each time the text changes: records keep the version they were shown. */
    version: z.number().int().min(1).max(1_000_000),
  })
  .strict();

export const ConsentSettingsSchema = z
  .object({
    mode: ConsentModeSchema,
    texts: z.object({ en: ConsentTextSchema, fr: ConsentTextSchema, ar: ConsentTextSchema }).strict(),
  })
  .strict();

// The schemas and the plain types must describe the same thing.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agree: [Same<z.infer<typeof CustomerSchema>, Customer>, Same<z.infer<typeof ConsentRecordSchema>, ConsentRecord>, Same<z.infer<typeof ConsentSettingsSchema>, ConsentSettings>] = [
  true,
  true,
  true,
];
void agree;
