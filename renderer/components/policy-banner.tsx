import { useTranslation } from 'react-i18next';
import { useStation } from '../app/store-context';

/** An unusable policy file is never silent: every screen says which file and why, and that the station only trains. */
export function PolicyBanner() {
  const { t } = useTranslation();
  const policy = useStation((s) => s.status?.policy ?? null);
  if (!policy || policy.state !== 'invalid') return null;
  return (
    <p role="alert" className="warning-banner policy-banner">
      {t('fleet.policyInvalid', { file: policy.file, problem: policy.problem ?? '' })}
    </p>
  );
}
