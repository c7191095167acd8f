import { useStation } from '../app/store-context';
import { ChoosePassphraseForm } from '../settings/choose-passphrase-form';
import { UnlockForm } from '../settings/unlock-form';
import '../styles/settings.css';

/** Shown instead of any screen that needs the encrypted store while it is new or locked. */
export function UnlockView() {
  const store = useStation((s) => s.status?.store);
  if (store === 'new') return <ChoosePassphraseForm />;
  if (store === 'locked') return <UnlockForm />;
  return null;
}
