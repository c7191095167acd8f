/**
 * The customer on every record and the biometric consent rules: what the contract accepts for the
 * customer's reference and name, a consent answer's shape, which services ask, and how a changed
 * consent text gets its next version.
 */
import { describe, expect, it } from 'vitest';
import { SettingsSchema, SubmitRequestSchema } from '../../common/contract';
import { consentProblem, customerTextProblem, DEFAULT_CONSENT, withConsentVersions, type ConsentRecord, type ConsentSettings } from '../../common/customer-consent';
import { ConsentRecordSchema, CustomerSchema } from '../../common/customer-consent-schema';
import { DEFAULT_SETTINGS } from '../../common/default-settings';
import { SERVICE_IDS, SERVICES } from '../../common/services/catalog';

const issue = (result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) => result.error?.issues[0];

describe('the customer fields', () => {
  it('accepts a reference and a name, trimmed, in any script (ZWNJ kept for Persian and Arabic names)', () => {
    expect(CustomerSchema.parse({ reference: '  ACC-2291/7 ', name: ' Anna María Eriksson ' })).toEqual({ reference: 'ACC-2291/7', name: 'Anna María Eriksson' });
    expect(CustomerSchema.parse({ name: 'فاطمة الزهراء' })).toEqual({ name: 'فاطمة الزهراء' });
    expect(CustomerSchema.parse({ name: 'می\u200Cخواهم' }).name).toContain('\u200C');
    expect(CustomerSchema.parse({})).toEqual({});
  });

  it('refuses control and text-direction characters with a specific message', () => {
    for (const name of ['Anna\nEriksson', 'Anna\u0000', 'Anna \u202Emosnn', 'x\u2066y', 'tab\there']) {
      const result = CustomerSchema.safeParse({ name });
      expect(result.success, JSON.stringify(name)).toBe(false);
      expect(issue(result)?.path).toEqual(['name']);
      expect(issue(result)?.message).toMatch(/customer name contains control or text-direction characters/);
    }
    expect(issue(CustomerSchema.safeParse({ reference: 'REF\u0007' }))?.message).toMatch(/customer reference contains control/);
    expect(customerTextProblem('a\u202Eb', 200)).toBe('control');
  });

  it('refuses a reference over 64 and a name over 200 characters, and empty values', () => {
    expect(issue(CustomerSchema.safeParse({ reference: 'R'.repeat(65) }))?.message).toMatch(/customer reference is too long: 64 characters at most/);
    expect(CustomerSchema.safeParse({ reference: 'R'.repeat(64) }).success).toBe(true);
    expect(issue(CustomerSchema.safeParse({ name: 'N'.repeat(201) }))?.message).toMatch(/customer name is too long: 200/);
    expect(issue(CustomerSchema.safeParse({ name: '   ' }))?.message).toMatch(/customer name is empty/);
    expect(customerTextProblem('R'.repeat(65), 64)).toBe('too-long');
    expect(customerTextProblem('  fine  ', 64)).toBeNull();
  });

  it('the submit request carries them and refuses unknown keys in them', () => {
    const base = { service: 'background_check', files: {}, fields: { fullname: 'A B', birth_date: '1970-01-01' } };
    expect(SubmitRequestSchema.safeParse({ ...base, customer: { reference: 'C-1', name: 'A B' } }).success).toBe(true);
    expect(SubmitRequestSchema.safeParse({ ...base, customer: { name: 'A B', email: 'a@b.c' } }).success).toBe(false);
  });
});

describe('a consent answer', () => {
  const answer: ConsentRecord = { answer: 'agreed', language: 'fr', version: 3, at: 1_760_000_000_000 };
  it('names the answer, the text (language, version) and the time, nothing else', () => {
    expect(ConsentRecordSchema.parse(answer)).toEqual(answer);
    expect(ConsentRecordSchema.safeParse({ ...answer, answer: 'maybe' }).success).toBe(false);
    expect(ConsentRecordSchema.safeParse({ ...answer, language: 'de' }).success).toBe(false);
    expect(ConsentRecordSchema.safeParse({ ...answer, version: 0 }).success).toBe(false);
    expect(ConsentRecordSchema.safeParse({ ...answer, text: 'I agree' }).success).toBe(false);
  });

  const settings: ConsentSettings = { ...DEFAULT_CONSENT, texts: { ...DEFAULT_CONSENT.texts, fr: { text: DEFAULT_CONSENT.texts.fr.text, version: 3 } } };
  const now = 1_760_000_100_000;
  it('main refuses a face service without "agreed" when consent is required, and "declined" in every mode', () => {
    expect(consentProblem('face_liveness', undefined, settings, now)).toMatch(/record the customer’s answer/);
    expect(consentProblem('kyc_passport', { ...answer, answer: 'declined' }, settings, now)).toMatch(/declined/);
    expect(consentProblem('kyc_passport', { ...answer, answer: 'declined' }, { ...settings, mode: 'optional' }, now)).toMatch(/declined/);
    expect(consentProblem('face_liveness', undefined, { ...settings, mode: 'optional' }, now)).toBeNull();
    expect(consentProblem('register_face', answer, settings, now)).toBeNull();
  });

  it('main refuses an answer to a text version not in force, or from the future', () => {
    expect(consentProblem('face_liveness', { ...answer, version: 2 }, settings, now)).toMatch(/changed since the customer answered \(version 2, now 3\)/);
    expect(consentProblem('face_liveness', { ...answer, at: now + 3_600_000 }, settings, now)).toMatch(/in the future/);
  });

  it('OCR reads and background checks never ask', () => {
    for (const service of ['ocr_card', 'ocr_passport', 'background_check'] as const) expect(consentProblem(service, undefined, settings, now)).toBeNull();
  });
});

describe("the catalog's biometric fact", () => {
  it('is true exactly for the services that capture or compare a face', () => {
    const biometric = SERVICE_IDS.filter((id) => SERVICES[id].biometric);
    expect(biometric).toEqual(['face_liveness', 'register_face', 'authenticate_face', 'kyc_card', 'kyc_passport']);
    // Every service with a selfie slot is biometric: a new face service cannot forget to ask.
    for (const id of SERVICE_IDS) if (SERVICES[id].files.some((file) => file.role === 'selfie')) expect(SERVICES[id].biometric, id).toBe(true);
  });
});

describe('consent settings and their versions', () => {
  it('default: required, a text in each language at version 1, valid settings', () => {
    expect(DEFAULT_SETTINGS.consent.mode).toBe('required');
    expect(SettingsSchema.parse(DEFAULT_SETTINGS).consent.texts.ar.version).toBe(1);
    for (const text of Object.values(DEFAULT_CONSENT.texts)) expect(text.text).toMatch(/Progeny/);
  });

  it('a changed text gets the next version, an unchanged one keeps its own, whatever the request claims', () => {
    const before: ConsentSettings = {
      mode: 'required',
      texts: { en: { text: 'English text, long enough.', version: 4 }, fr: { text: 'Texte français assez long.', version: 1 }, ar: { text: 'نص عربي طويل بما يكفي هنا.', version: 2 } },
    };
    const next = withConsentVersions(before, {
      mode: 'optional',
      texts: { en: { text: 'English text, changed and long enough.', version: 99 }, fr: { text: before.texts.fr.text, version: 50 }, ar: before.texts.ar },
    });
    expect(next).toEqual({ mode: 'optional', texts: { en: { text: 'English text, changed and long enough.', version: 5 }, fr: { text: before.texts.fr.text, version: 1 }, ar: before.texts.ar } });
  });
});
