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
  },
  settingsRecovered: 'The settings file could not be read, so default settings are in use. The old file was kept as {{file}}.',
  views: {
    new: {
      title: 'New verification',
      intro: 'Verification workflows (KYC, liveness, face registration and authentication, document reading, background check) are not available in this version of the station yet.',
    },
    queue: {
      title: 'Queue',
      intro: 'Verifications waiting to be sent or waiting for a result will be listed here. This version of the station has no queue yet.',
    },
    history: {
      title: 'History',
      intro: 'Completed verifications will be listed here, stored encrypted on this computer. This version of the station keeps no history yet.',
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
  languages: { en: 'English', fr: 'Français', ar: 'العربية' },
} as const;

type Catalogue<T> = { readonly [K in keyof T]: T[K] extends string ? string : Catalogue<T[K]> };
export type Messages = Catalogue<typeof en>;
