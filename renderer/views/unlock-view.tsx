import { useTranslation } from 'react-i18next';

/** Placeholder until this screen is built. */
export function UnlockView() {
  const { t } = useTranslation();
  return <p>{t('settings.placeholder')}</p>;
}
