import { useTranslation } from 'react-i18next';

/** A view whose feature has not been built yet: it says so plainly instead of showing fake data. */
export function PlaceholderView({ view }: { view: 'new' | 'queue' | 'history' }) {
  const { t } = useTranslation();
  return <p className="intro">{t(`views.${view}.intro`)}</p>;
}
