import { useTranslation } from 'react-i18next';

/** "12 s", "4 min 5 s", "2 h 10 min": how long something has been waiting. */
export function useElapsedText(): (milliseconds: number) => string {
  const { t } = useTranslation();
  return (milliseconds) => {
    const total = Math.max(0, Math.floor(milliseconds / 1000));
    const [hours, minutes, seconds] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
    if (hours > 0) return t('verify.elapsed.hours', { hours, minutes });
    if (minutes > 0) return t('verify.elapsed.minutes', { minutes, seconds });
    return t('verify.elapsed.seconds', { seconds });
  };
}
