import type { SettingsPatch } from '../../../common/contract';
import { fail, ok } from '../../../common/result';
import { serverOrigin } from '../../../common/server-address';
import type { SettingsService } from '../settings';
import { isDiskFull, type HandlerContext, type HandlerGroup } from './context';

type Needs = Pick<HandlerContext, 'dataDir' | 'log' | 'bus' | 'settings' | 'vault' | 'audit' | 'applyRetention' | 'reconnect' | 'refreshSignedIn' | 'statusChanged'>;

export function settingsHandlers({ dataDir, log, bus, settings, vault, audit, applyRetention, reconnect, refreshSignedIn, statusChanged }: Needs): HandlerGroup<'settings:get' | 'settings:update'> {
  return {
    'settings:get': () => ok(settings.get()),
    'settings:update': async (patch: SettingsPatch) => {
      const before = settings.get();
      let next: ReturnType<SettingsService['update']>;
      try {
        next = settings.update(patch);
      } catch (error) {
        if (!isDiskFull(error)) throw error;
        log.error('settings not saved: disk full', { dataDir });
        return fail('storage-full', `The disk holding the station data (${dataDir}) is full: the settings were not saved. Free some space, then save them again.`);
      }
      const changed = (Object.keys(patch) as (keyof SettingsPatch)[]).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(next[key]));
      const serverChanged = changed.includes('serverUrl');
      // Before anything can reconnect: whoever changes the address must not inherit the account.
      // Nothing is sent to the new server (no sign-in, no queued image) until someone signs in for it.
      if (serverChanged) vault.clear();
      bus.emit('settings:changed', next);
      if (serverChanged) audit('settings-change', { changed, serverFrom: serverOrigin(before.serverUrl), serverTo: serverOrigin(next.serverUrl), credentialsCleared: true });
      else if (changed.length > 0) audit('settings-change', { changed });
      if (changed.includes('retention')) applyRetention();
      if (changed.includes('mode') || serverChanged) await reconnect();
      if (serverChanged) await refreshSignedIn();
      statusChanged();
      return ok(next);
    },
  };
}
