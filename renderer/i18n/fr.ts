import type { Messages } from './en';

export const fr: Messages = {
  app: {
    name: 'Progeny Station',
    skipToContent: 'Aller au contenu principal',
    trainingBanner: 'FORMATION : les résultats viennent du bac à sable intégré, pas de Progeny.',
  },
  nav: {
    label: 'Principal',
    new: 'Nouvelle vérification',
    queue: 'File d’attente',
    history: 'Historique',
    settings: 'Paramètres',
    shortcutHint: 'Alt+{{key}}',
  },
  status: {
    label: 'État du poste',
    mode: 'Mode',
    modeTraining: 'Formation',
    modeLive: 'Réel',
    connectivity: 'Connexion à Progeny',
    connectivityUnknown: 'Pas encore vérifiée',
    connectivityOnline: 'En ligne',
    connectivityOffline: 'Hors ligne',
    queue: 'File d’attente',
    queueUnavailable: 'Indisponible',
    loading: 'Connexion au poste…',
  },
  bridge: {
    unavailable: 'Le poste est injoignable. Il a peut-être été arrêté : relancez-le, puis rechargez cette page.',
    retry: 'Réessayer',
  },
  settingsRecovered: 'Le fichier de paramètres était illisible : les paramètres par défaut s’appliquent. L’ancien fichier a été conservé sous le nom {{file}}.',
  views: {
    new: {
      title: 'Nouvelle vérification',
      intro: 'Les parcours de vérification (KYC, détection du vivant, enregistrement et authentification du visage, lecture de documents, contrôle d’antécédents) ne sont pas encore disponibles dans cette version du poste.',
    },
    queue: {
      title: 'File d’attente',
      intro: 'Les vérifications en attente d’envoi ou de résultat apparaîtront ici. Cette version du poste n’a pas encore de file d’attente.',
    },
    history: {
      title: 'Historique',
      intro: 'Les vérifications terminées apparaîtront ici, chiffrées sur cet ordinateur. Cette version du poste ne conserve pas encore d’historique.',
    },
    settings: {
      title: 'Paramètres',
      language: 'Langue',
      languageSystem: 'Celle du système',
      about: 'À propos de ce poste',
      version: 'Version',
      dataDir: 'Dossier de données',
      saveFailed: 'Le paramètre n’a pas pu être enregistré : {{message}}',
    },
  },
  languages: { en: 'English', fr: 'Français', ar: 'العربية' },
};
