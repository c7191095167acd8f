import { useTranslation } from 'react-i18next';

/** Placeholder until this screen is built. */
export function HistoryView() {
  const { t } = useTranslation();
  return <p>{t('results.placeholder')}</p>;
}
