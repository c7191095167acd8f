import type { SettingsPatch } from '../../../common/contract';
import { fail, ok } from '../../../common/result';
import { serverOrigin } from '../../../common/server-address';
import { PolicyRefusal } from '../policy/managed-settings';
import type { SettingsService } from '../settings';
import { isDiskFull, type HandlerContext, type HandlerGroup } from './context';

type Needs = Pick<HandlerContext, 'dataDir' | 'log' | 'bus' | 'lock' | 'approve' | 'settings' | 'vault' | 'audit' | 'applyRetention' | 'reconnect' | 'refreshSignedIn' | 'statusChanged'>;

export function settingsHandlers({
  dataDir,
  log,
  bus,
  lock,
  approve,
  settings,
  vault,
  audit,
  applyRetention,
  reconnect,
  refreshSignedIn,
  statusChanged,
}: Needs): HandlerGroup<'settings:get' | 'settings:update'> {
  return {
    'settings:get': () => ok(settings.get()),
    'settings:update': async ({ approval, ...patch }: SettingsPatch & { approval?: { name: string; secret: string } }) => {
      const before = settings.get();
      const changing = (Object.keys(patch) as (keyof SettingsPatch)[]).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(patch[key]));
      // What needs approval is the administrator's to say (a page always has someone signed in; the host's own calls have no session).
      const session = lock.session;
      if (session && changing.includes('approvals') && session.role !== 'administrator') return fail('not-allowed', 'Only an administrator can change which actions need approval.');
      // Four-eyes: the server, the mode and the retention, checked before anything is written.
      const approved = changing.some((key) => key === 'serverUrl' || key === 'mode' || key === 'retention') ? approve('settings', approval) : null;
      if (approved && !approved.ok) return approved;
      const approvedBy: Record<string, string> = approved?.value ? { approvedBy: approved.value.name } : {};
      let next: ReturnType<SettingsService['update']>;
      try {
        next = settings.update(patch);
      } catch (error) {
        // The organisation's managed policy fixes this setting (main/core/policy/): refused, nothing saved.
        if (error instanceof PolicyRefusal) return fail('policy-refused', error.message);
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
      if (serverChanged) audit('settings-change', { changed, serverFrom: serverOrigin(before.serverUrl), serverTo: serverOrigin(next.serverUrl), credentialsCleared: true, ...approvedBy });
      else if (changed.length > 0) audit('settings-change', { changed, ...approvedBy });
      if (changed.includes('retention')) applyRetention();
      if (changed.includes('mode') || serverChanged) await reconnect();
      if (serverChanged) await refreshSignedIn();
      statusChanged();
      return ok(next);
    },
  };
}
