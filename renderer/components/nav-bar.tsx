import { useTranslation } from 'react-i18next';
import { VIEWS } from '../app/store';
import { useStation } from '../app/store-context';

export function NavBar() {
  const { t } = useTranslation();
  const view = useStation((s) => s.view);
  const setView = useStation((s) => s.setView);
  return (
    <nav aria-label={t('nav.label')} className="nav">
      <ul>
        {VIEWS.map((name, index) => (
          <li key={name}>
            <button type="button" className="nav-item" aria-current={view === name ? 'page' : undefined} aria-keyshortcuts={`Alt+${index + 1}`} onClick={() => setView(name)}>
              <span>{t(`nav.${name}`)}</span>
              <kbd aria-hidden="true">{t('nav.shortcutHint', { key: index + 1 })}</kbd>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
