import { defineArea } from './area';

/** Strings of the queue screens (filled in as they are built). */
export const queue = defineArea({
  en: { placeholder: 'queue' },
  fr: { placeholder: 'queue' },
  ar: { placeholder: 'queue' },
});
