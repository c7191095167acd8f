import { accounts } from './areas/accounts';
import { capture } from './areas/capture';
import { customer } from './areas/customer';
import { fleet } from './areas/fleet';
import { lock } from './areas/lock';
import { queue } from './areas/queue';
import { results } from './areas/results';
import { settings } from './areas/settings';
import { verify } from './areas/verify';
import { words } from './areas/words';
import type { Catalogue } from './areas/area';

/** English is the reference catalogue: the other languages must have exactly these keys (typechecked). */
export const en = {
  app: {
    name: 'Progeny Station',
    skipToContent: 'Skip to main content',
    trainingBanner: 'TRAINING: results come from the built-in sandbox, not from Progeny.',
  },
  nav: {
    label: 'Main',
    new: 'New verification',
    queue: 'Queue',
    history: 'History',
    settings: 'Settings',
    mywork: 'My work today',
    shortcutHint: 'Alt+{{key}}',
  },
  status: {
    label: 'Station status',
    mode: 'Mode',
    modeTraining: 'Training',
    modeLive: 'Live',
    connectivity: 'Connection to Progeny',
    connectivityUnknown: 'Not checked yet',
    connectivityOnline: 'Online',
    connectivityOffline: 'Offline',
    queue: 'Queue',
    queueUnavailable: 'Not available',
    loading: 'Connecting to the station…',
  },
  bridge: {
    unavailable: 'The station is not reachable. It may have been stopped: start it again, then reload this page.',
    retry: 'Try again',
    sessionEnded: 'This page’s session with the station has ended. Open the newest “Open:” link printed by the station (each link opens one page).',
  },
  settingsRecovered: 'The settings file could not be read, so default settings are in use. The old file was kept as {{file}}.',
  integrity: {
    title: 'The station’s data was changed outside the station.',
    auditBroken: 'The audit log fails its check: entries were edited or removed.',
    auditBrokenAt: 'The audit log fails its check from entry {{seq}} on: entries were edited or removed.',
    tamperedRecords: 'Verification records changed outside the station: {{count}}. The history marks them as altered and shows no verdict for them.',
    whatToDo: 'Do not rely on these records. Leave this computer and its data folder as they are and tell your IT or security contact.',
  },
  views: {
    new: {
      title: 'New verification',
    },
    queue: {
      title: 'Queue',
    },
    history: {
      title: 'History',
    },
    mywork: {
      title: 'My work today',
    },
    result: {
      title: 'Verification result',
    },
    settings: {
      title: 'Settings',
      language: 'Language',
      languageSystem: 'Same as the system',
      about: 'About this station',
      version: 'Version',
      dataDir: 'Data folder',
      saveFailed: 'The setting could not be saved: {{message}}',
    },
  },
  words: words.en,
  capture: capture.en,
  verify: verify.en,
  results: results.en,
  queue: queue.en,
  settings: settings.en,
  lock: lock.en,
  accounts: accounts.en,
  customer: customer.en,
  fleet: fleet.en,
  upload: { sending: 'Uploading…', percent: 'Uploading {{percent}}' },
  languages: { en: 'English', fr: 'Français', ar: 'العربية' },
} as const;

export type Messages = Catalogue<typeof en>;
