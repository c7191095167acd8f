import { describe, expect, it } from 'vitest';
import { ar } from '../../renderer/i18n/ar';
import { en } from '../../renderer/i18n/en';
import { fr } from '../../renderer/i18n/fr';
import { resolveLanguage } from '../../renderer/i18n/i18n';

const keys = (tree: object, prefix = ''): string[] => Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [`${prefix}${key}`] : keys(value as object, `${prefix}${key}.`)));
const placeholders = (text: string) => [...text.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  it.each([
    ['fr', fr],
    ['ar', ar],
  ] as const)('%s has every English key and the same placeholders', (_name, catalogue) => {
    expect(keys(catalogue).sort()).toEqual(keys(en).sort());
    const lookup = (tree: object, path: string) => path.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree) as string;
    for (const key of keys(en)) expect(placeholders(lookup(catalogue, key)), key).toEqual(placeholders(lookup(en, key)));
  });

  it('resolves "system" through the browser languages to one we have', () => {
    expect(resolveLanguage('system', ['de-DE', 'fr-CA', 'en'])).toBe('fr');
    expect(resolveLanguage('system', ['ar-EG'])).toBe('ar');
    expect(resolveLanguage('system', ['de'])).toBe('en');
    expect(resolveLanguage('fr', ['ar'])).toBe('fr');
  });
});
