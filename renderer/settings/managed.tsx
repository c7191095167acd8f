import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ManagedSetting } from '../../common/vocabulary';
import { useStation } from '../app/store-context';

/** Whether the organisation's policy fixes this setting (main refuses changes to it either way). */
export function useManaged(setting: ManagedSetting): boolean {
  return useStation((s) => s.status?.policy?.managed.includes(setting) ?? false);
}

/** "Set by your organisation", next to a control the policy locks. */
export function ManagedNote({ id }: { id?: string }) {
  const { t } = useTranslation();
  return (
    <p id={id} className="hint managed-note">
      {t('fleet.managed')}
    </p>
  );
}

/**
 * A whole section the policy fixes: every control in it disabled (a disabled fieldset disables
 * its inputs and buttons natively), the group named "Set by your organisation".
 */
export function Managed({ setting, children }: { setting: ManagedSetting; children: ReactNode }) {
  const { t } = useTranslation();
  const managed = useManaged(setting);
  if (!managed) return <>{children}</>;
  return (
    <fieldset className="managed-group" disabled>
      <legend className="managed-note">{t('fleet.managed')}</legend>
      {children}
    </fieldset>
  );
}
