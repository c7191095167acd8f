import { defineArea } from './area';

/** Strings of the capture screens (filled in as they are built). */
export const capture = defineArea({
  en: { placeholder: 'capture' },
  fr: { placeholder: 'capture' },
  ar: { placeholder: 'capture' },
});
