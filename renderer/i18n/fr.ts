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
    mywork: 'Mon travail du jour',
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
    sessionEnded: 'La session de cette page avec le poste a pris fin. Ouvrez le lien « Open: » le plus récent affiché par le poste (chaque lien ouvre une seule page).',
  },
  settingsRecovered: 'Le fichier de paramètres était illisible : les paramètres par défaut s’appliquent. L’ancien fichier a été conservé sous le nom {{file}}.',
  integrity: {
    title: 'Les données du poste ont été modifiées en dehors du poste.',
    auditBroken: 'Le journal d’audit échoue à sa vérification : des entrées ont été modifiées ou supprimées.',
    auditBrokenAt: 'Le journal d’audit échoue à sa vérification à partir de l’entrée {{seq}} : des entrées ont été modifiées ou supprimées.',
    tamperedRecords: 'Fiches de vérification modifiées en dehors du poste : {{count}}. L’historique les signale comme altérées et n’affiche pas leur verdict.',
    whatToDo: 'Ne vous fiez pas à ces fiches. Laissez cet ordinateur et son dossier de données en l’état et prévenez votre contact informatique ou sécurité.',
  },
  views: {
    new: {
      title: 'Nouvelle vérification',
    },
    queue: {
      title: 'File d’attente',
    },
    history: {
      title: 'Historique',
    },
    mywork: {
      title: 'Mon travail du jour',
    },
    result: {
      title: 'Résultat de la vérification',
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
  words: words.fr,
  capture: capture.fr,
  verify: verify.fr,
  results: results.fr,
  queue: queue.fr,
  settings: settings.fr,
  lock: lock.fr,
  accounts: accounts.fr,
  customer: customer.fr,
  fleet: fleet.fr,
  upload: { sending: 'Envoi des images…', percent: 'Envoi des images : {{percent}}' },
  languages: { en: 'English', fr: 'Français', ar: 'العربية' },
};
