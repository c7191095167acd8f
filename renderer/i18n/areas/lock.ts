import { defineArea } from './area';

/** Strings of the lock screens (filled in as they are built). */
export const lock = defineArea({
  en: { placeholder: 'lock' },
  fr: { placeholder: 'lock' },
  ar: { placeholder: 'lock' },
});
