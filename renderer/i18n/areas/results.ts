import { defineArea } from './area';

/** Strings of the results screens (filled in as they are built). */
export const results = defineArea({
  en: { placeholder: 'results' },
  fr: { placeholder: 'results' },
  ar: { placeholder: 'results' },
});
