import { defineArea } from './area';

/** Strings of the settings screens (filled in as they are built). */
export const settings = defineArea({
  en: { placeholder: 'settings' },
  fr: { placeholder: 'settings' },
  ar: { placeholder: 'settings' },
});
