import { existsSync, readFileSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import { DEFAULT_SETTINGS, SettingsPatchSchema, SettingsSchema, type Settings } from '../../common/contract';
import { withConsentVersions } from '../../common/customer-consent';
import type { Logger } from './logger';

export const SETTINGS_FILE = 'settings.json';
const DEFAULTS: Settings = DEFAULT_SETTINGS;

export interface SettingsService {
  get(): Settings;
  /** Validates the whole merged result before writing; returns the settings now in force. */
  update(patch: unknown): Settings;
  /** Name the unreadable file was moved to at start, or null when the file was fine. */
  readonly recoveredFrom: string | null;
}

/** Why a settings file that parses as JSON is still not settings; null when it is an object (or unreadable, which conf reports). */
function readsAsNonObject(file: string): string | null {
  let parsed: unknown;
  try {
    if (!existsSync(file) || !statSync(file).isFile()) return null;
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? null : `not a JSON object (${parsed === null ? 'null' : Array.isArray(parsed) ? 'an array' : typeof parsed})`;
}

/**
 * Settings live in the data folder as JSON (conf gives atomic writes). A file that cannot be
 * parsed or fails the schema is never overwritten in place: it is set aside under a new name, the
 * defaults apply, and the status tells the operator where the old file went.
 */
export function openSettings(dataDir: string, log: Logger, now: () => Date = () => new Date()): SettingsService {
  const open = () => new Conf<Settings>({ cwd: dataDir, configName: 'settings', defaults: DEFAULTS });
  let recoveredFrom: string | null = null;
  const setAside = (reason: string) => {
    const file = join(dataDir, SETTINGS_FILE);
    const target = `${file}.invalid-${now().toISOString().replace(/[:.]/g, '-')}`;
    if (existsSync(file)) renameSync(file, target);
    recoveredFrom = target;
    log.warn('settings file set aside', { reason, movedTo: target });
  };

  // conf would turn a JSON array or string into numbered keys and save over the original: anything
  // that is not an object is set aside first, like any other unusable file.
  const notAnObject = readsAsNonObject(join(dataDir, SETTINGS_FILE));
  if (notAnObject) setAside(notAnObject);

  let store: Conf<Settings>;
  try {
    store = open();
  } catch (error) {
    setAside(error instanceof Error ? error.message : 'unreadable');
    store = open();
  }
  const checked = SettingsSchema.safeParse(store.store);
  if (!checked.success) {
    setAside(checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    store = open();
  }

  return {
    get: () => SettingsSchema.parse(store.store),
    update(patch) {
      const delta = SettingsPatchSchema.parse(patch);
      const next = SettingsSchema.parse({ ...store.store, ...delta });
      // A consent text's version is main's to keep: a changed text gets the next one, whatever the request said.
      if (delta.consent) next.consent = withConsentVersions(SettingsSchema.parse(store.store).consent, next.consent);
      store.set(next);
      return next;
    },
    get recoveredFrom() {
      return recoveredFrom;
    },
  };
}
