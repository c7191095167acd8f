import { useTranslation } from 'react-i18next';

/** Placeholder until this screen is built. */
export function QueueView() {
  const { t } = useTranslation();
  return <p>{t('queue.placeholder')}</p>;
}
