import { renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { Check } from '../../../common/analysis/check';
import { KNOWN_CHECKS, useCheckText } from '../../../renderer/capture/check-text';
import { catalogues, createI18n } from '../../../renderer/i18n/i18n';

const LANGUAGES = ['en', 'fr', 'ar'] as const;

/** The live prompts, read from the engine's own union type so a new prompt cannot be missed. */
function enginePrompts(): string[] {
  const sources = import.meta.glob<string>('../../../common/analysis/live-guidance.ts', { query: '?raw', import: 'default', eager: true });
  const source = Object.values(sources)[0]!;
  const union = /export type Prompt =([^;]+);/.exec(source)![1]!;
  return [...union.matchAll(/'([a-z-]+)'/g)].map((match) => match[1]!);
}

const lookup = (language: (typeof LANGUAGES)[number], path: string): unknown =>
  path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], catalogues[language]);

describe('texts on screen in every language', () => {
  it('has a name and guidance for every check id in en, fr and ar, the translations not left in English', () => {
    for (const id of KNOWN_CHECKS) {
      for (const part of ['name', 'guidance']) {
        const english = lookup('en', `capture.checks.${id}.${part}`);
        expect(english, `en ${id}.${part}`).toEqual(expect.stringMatching(/\S/));
        for (const language of ['fr', 'ar'] as const) {
          const text = lookup(language, `capture.checks.${id}.${part}`);
          expect(text, `${language} ${id}.${part}`).toEqual(expect.stringMatching(/\S/));
          if (part === 'guidance') expect(text, `${language} ${id}.guidance is English`).not.toBe(english);
        }
      }
    }
    // The checks this engine release added are among them (the source scan ties KNOWN_CHECKS to the engine).
    expect(KNOWN_CHECKS).toEqual(expect.arrayContaining(['face.eyewear', 'face.mask', 'file.quality']));
  });

  it('has every live prompt of the engine in en, fr and ar', () => {
    const prompts = enginePrompts();
    expect(prompts).toEqual(expect.arrayContaining(['remove-sunglasses', 'lower-mask', 'open-eyes', 'ready']));
    for (const prompt of prompts) {
      const english = lookup('en', `capture.prompt.${prompt}`);
      for (const language of LANGUAGES) {
        const text = lookup(language, `capture.prompt.${prompt}`);
        expect(text, `${language} prompt ${prompt}`).toEqual(expect.stringMatching(/\S/));
        if (language !== 'en') expect(text, `${language} prompt ${prompt} is English`).not.toBe(english);
      }
    }
  });

  it('says how far auto-fix enlarges a small image, and what to do when it cannot, in each language', async () => {
    const check: Check = { id: 'file.dimensions', value: '400x300', threshold: '', verdict: 'fail', message: '', guidance: '' };
    const expected = { en: /at most 2\.5 times.*too small to enlarge: take it again/, fr: /au plus 2,5 fois.*trop petite pour être agrandie/, ar: /بحد أقصى 2[.,٫]5 مرة.*أصغر من أن تُكبَّر/ };
    for (const language of LANGUAGES) {
      const i18n = await createI18n(language);
      const wrapper = ({ children }: { children: ReactNode }) => <I18nextProvider i18n={i18n}>{children}</I18nextProvider>;
      const { result } = renderHook(() => useCheckText(), { wrapper });
      const text = result.current.guidance(check);
      expect(text).not.toMatch(/\{\{|adds no detail|n’ajoute aucun détail|لا يضيف تفاصيل/);
      expect(text).toMatch(expected[language]);
    }
  });
});
