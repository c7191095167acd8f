import { defineArea } from './area';

/** Strings of the verify screens (filled in as they are built). */
export const verify = defineArea({
  en: { placeholder: 'verify' },
  fr: { placeholder: 'verify' },
  ar: { placeholder: 'verify' },
});
