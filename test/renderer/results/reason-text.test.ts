import { describe, expect, it } from 'vitest';
import { CAUSES, ISSUE_CODES } from '../../../common/services/issue-causes';
import { createI18n } from '../../../renderer/i18n/i18n';
import { adviceText, fieldMessage, issueMessage, reasonText } from '../../../renderer/results/reason-text';

const LANGUAGES = ['en', 'fr', 'ar'] as const;

describe('Progeny’s messages, translated by code', () => {
  it.each(LANGUAGES)('%s: every known code has its own message, not Progeny’s English text', async (language) => {
    const i18n = await createI18n(language);
    const texts = new Set<string>();
    for (const code of Object.keys(ISSUE_CODES)) {
      const text = issueMessage(code, 'PROGENY ENGLISH TEXT', i18n.t);
      expect(text, `${language} ${code}`).not.toMatch(/PROGENY ENGLISH TEXT|results\.issue/);
      texts.add(text);
    }
    expect(texts.size).toBe(Object.keys(ISSUE_CODES).length);
  });

  it.each([
    ['en', 'FACE_EYES_COVERED', /dark glasses/],
    ['en', 'FACE_TOO_SMALL', /224 px/],
    ['en', 'DOCUMENT_EXPIRED', /expired/],
    ['fr', 'FACE_EYES_COVERED', /lunettes sombres/],
    ['fr', 'FACE_NOT_FOUND', /Aucun visage/],
    ['fr', 'MRZ_INVALID', /chiffres de contrôle/],
    ['ar', 'FACE_EYES_COVERED', /نظارات داكنة/],
    ['ar', 'FACE_EYES_CLOSED', /مغمضتان/],
    ['ar', 'FACE_TOO_SMALL', /224/],
  ] as const)('%s %s', async (language, code, pattern) => {
    const i18n = await createI18n(language);
    expect(issueMessage(code, 'raw', i18n.t)).toMatch(pattern);
  });

  it('quotes a code it does not know as Progeny wrote it, in every language', async () => {
    for (const language of LANGUAGES) {
      const i18n = await createI18n(language);
      const text = issueMessage('GLARE', 'Glare on the page', i18n.t);
      expect(text, language).toContain('Glare on the page');
      expect(text, language).toContain('GLARE');
    }
  });

  it.each([
    ['en', 'No file was submitted.', 'No file was sent.'],
    ['fr', 'This field is required.', 'Ce champ est obligatoire.'],
    ['ar', 'No file was submitted.', 'لم يُرسل أي ملف.'],
    ['fr', 'Something else.', 'Something else.'],
  ] as const)('%s: the refused-field message “%s”', async (language, message, expected) => {
    const i18n = await createI18n(language);
    expect(fieldMessage(message, i18n.t)).toBe(expected);
  });
});

describe('advice by cause', () => {
  it.each(LANGUAGES)('%s: each cause has its own advice', async (language) => {
    const i18n = await createI18n(language);
    const texts = CAUSES.map((cause) => adviceText(cause, i18n.t));
    for (const text of texts) expect(text).not.toMatch(/^results\./);
    expect(new Set(texts).size).toBe(CAUSES.length);
  });

  it.each([
    ['en', 'document-expired', /Ask for a valid document/],
    ['en', 'face-mismatch', /Check the person in front of you/],
    ['en', 'new-selfie', /Take a new picture/],
    ['en', 'new-document-picture', /Take a new picture/],
    ['en', 'retry', /Send the verification again/],
    ['fr', 'document-expired', /Demandez un document valide/],
    ['fr', 'face-mismatch', /Vérifiez la personne en face de vous/],
    ['fr', 'new-selfie', /Prenez une nouvelle photo/],
    ['ar', 'document-expired', /اطلب وثيقة سارية/],
    ['ar', 'face-mismatch', /تحقّق من الشخص الذي أمامك/],
  ] as const)('%s %s', async (language, cause, pattern) => {
    const i18n = await createI18n(language);
    expect(adviceText(cause, i18n.t)).toMatch(pattern);
  });
});

describe('the document reason', () => {
  it.each([
    ['en', '2023-09-25', 'The document expired on Sep 25, 2023, so this verification fails.'],
    ['en', null, 'The document has expired, so this verification fails.'],
    ['fr', '2023-09-25', 'Le document a expiré le 25 sept. 2023 : cette vérification échoue pour cette raison.'],
  ] as const)('%s, expiry %s', async (language, expiry, text) => {
    const i18n = await createI18n(language);
    expect(reasonText({ kind: 'document', standing: 'expired', expiry }, i18n.t, language)).toBe(text);
  });
});
