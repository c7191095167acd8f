/**
 * One source for the pre-check's words: every check id the engine can produce has its name, rule
 * and advice in English, French and Arabic; the English rule is the engine's own template (not a
 * retyped copy), and the engine records that same rule, its numbers filled in.
 */
import { describe, expect, it } from 'vitest';
import { CHECK_IDS, ruleTemplate, type CheckId } from '../../../common/analysis/check-rules';
import { catalogues } from '../../../renderer/i18n/i18n';

const LANGUAGES = ['en', 'fr', 'ar'] as const;
const text = (language: (typeof LANGUAGES)[number], id: CheckId, part: 'name' | 'threshold' | 'guidance'): unknown => {
  const [group, name] = id.split('.') as [string, string];
  return (catalogues[language].capture.checks as Record<string, Record<string, Record<string, unknown>>>)[group]?.[name]?.[part];
};
const placeholders = (value: unknown) => [...String(value).matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();

/** The ids the engine's sources can name, whatever helper builds the check. */
function idsInEngineSources(): string[] {
  const sources = import.meta.glob<string>('../../../common/analysis/*.ts', { query: '?raw', import: 'default', eager: true });
  const source = Object.entries(sources)
    .filter(([path]) => !path.endsWith('/check-rules.ts'))
    .map(([, body]) => body)
    .join('\n');
  return [...new Set([...source.matchAll(/'((?:file|face|document)\.[a-z-]+)'/g)].map((match) => match[1]!))].sort();
}

describe('check words: one source, every language', () => {
  it('lists exactly the ids the engine names, each with a name, a rule and advice in en, fr and ar', () => {
    expect(idsInEngineSources()).toEqual([...CHECK_IDS].sort());
    for (const id of CHECK_IDS) {
      for (const language of LANGUAGES) {
        for (const part of ['name', 'threshold', 'guidance'] as const) expect(text(language, id, part), `${language} ${id}.${part}`).toEqual(expect.stringMatching(/\S/));
        // A translation that dropped {{min}} or {{max}} would hide the number the image is judged by.
        expect(placeholders(text(language, id, 'threshold')), `${language} ${id}.threshold placeholders`).toEqual(placeholders(ruleTemplate(id)));
      }
      expect(text('fr', id, 'guidance'), `fr ${id}.guidance is English`).not.toBe(text('en', id, 'guidance'));
      expect(text('ar', id, 'guidance'), `ar ${id}.guidance is English`).not.toBe(text('en', id, 'guidance'));
    }
  });

  it('takes the English rules from the engine’s table rather than retyping them', () => {
    for (const id of CHECK_IDS) expect(text('en', id, 'threshold'), id).toBe(ruleTemplate(id));
  });
});
