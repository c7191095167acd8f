import { describe, expect, it } from 'vitest';
import { createI18n } from '../../../renderer/i18n/i18n';
import { issueGuidance } from '../../../renderer/results/reason-text';

describe('guidance for the training sandbox’s own issue codes', () => {
  it('has its own advice in en, fr and ar, not the general one', async () => {
    const expected = {
      en: { FACE_EYES_COVERED: /dark glasses/, FACE_EYES_CLOSED: /eyes open/, FACE_LOWER_COVERED: /mask/, FACE_REGISTRATION_OUTDATED: /register the customer’s face again/ },
      fr: { FACE_EYES_COVERED: /lunettes sombres/, FACE_EYES_CLOSED: /yeux ouverts/, FACE_LOWER_COVERED: /masque/, FACE_REGISTRATION_OUTDATED: /enregistrez à nouveau/ },
      ar: { FACE_EYES_COVERED: /نظارات داكنة/, FACE_EYES_CLOSED: /مغمضتان/, FACE_LOWER_COVERED: /الكمامة/, FACE_REGISTRATION_OUTDATED: /من جديد/ },
    };
    for (const language of ['en', 'fr', 'ar'] as const) {
      const i18n = await createI18n(language);
      const general = issueGuidance('SOMETHING_ELSE', i18n.t);
      for (const [code, pattern] of Object.entries(expected[language])) {
        const text = issueGuidance(code, i18n.t);
        expect(text, `${language} ${code}`).not.toBe(general);
        expect(text, `${language} ${code}`).toMatch(pattern);
      }
    }
  });
});
