import { useState } from 'react';
import type { SettingsPatch } from '../../common/contract';
import type { StationError } from '../../common/result';
import { useStation } from '../app/store-context';

export type SettingsSection = 'mode' | 'serverUrl' | 'cameras' | 'retention' | 'idleLock' | 'language' | 'consent';

/**
 * The store keeps one "last setting that failed"; this remembers which section asked, so the
 * message appears next to the control that caused it and nowhere else.
 */
export function useSettingsSaver() {
  const updateSettings = useStation((s) => s.updateSettings);
  const settingsError = useStation((s) => s.settingsError);
  const [last, setLast] = useState<{ section: SettingsSection; settled: boolean } | null>(null);

  const settledIn = (section: SettingsSection) => last?.section === section && last.settled;
  return {
    async save(section: SettingsSection, patch: SettingsPatch) {
      setLast({ section, settled: false });
      await updateSettings(patch);
      setLast({ section, settled: true });
    },
    errorFor: (section: SettingsSection): StationError | null => (settledIn(section) ? settingsError : null),
    savedIn: (section: SettingsSection): boolean => settledIn(section) && settingsError === null,
  };
}

export type SettingsSaver = ReturnType<typeof useSettingsSaver>;
