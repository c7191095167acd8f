import { useTranslation } from 'react-i18next';

/** Placeholder until this screen is built. */
export function NewVerificationView() {
  const { t } = useTranslation();
  return <p>{t('verify.placeholder')}</p>;
}
