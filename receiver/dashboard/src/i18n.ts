// The dashboard's words, for marketing staff: French by default, English available.
export type Lang = 'fr' | 'en';

const fr = {
  title: 'Tableau de bord des consentements',
  language: 'Langue',
  otherLanguage: 'English',
  otherLang: 'en' as Lang,
  signOut: 'Se déconnecter',
  filters: 'Filtres',
  site: 'Site',
  allSites: 'Tous les sites',
  from: 'Du',
  to: 'Au',
  revision: 'Version du bandeau',
  allRevisions: 'Toutes les versions',
  revisionN: (n: number) => `Version ${n}`,
  apply: 'Afficher',
  presets: 'Périodes toutes prêtes',
  today: 'Aujourd’hui',
  thisMonth: 'Ce mois-ci',
  lastMonth: 'Le mois dernier',
  sinceRevision: 'Depuis la dernière version',
  versus: (from: string, to: string) => `par rapport au ${from} – ${to}`,
  decisionsCount: (n: string) => `${n} décisions`,
  exportCsv: 'Télécharger les décisions de la période (CSV)',
  exportFigures: 'Télécharger les chiffres par mois (CSV pour Excel)',
  period: (from: string, to: string) => `Période du ${from} au ${to}`,
  loading: 'Chargement des chiffres…',
  loadError: 'Les chiffres ne peuvent pas être chargés pour le moment. Réessayez dans quelques instants.',
  signedOut: 'Votre session a expiré. Reconnectez-vous.',
  headline: "L'essentiel de la période",
  decisions: 'Décisions',
  decisionsHelp: 'choix enregistrés sur la période : un visiteur qui choisit deux fois compte deux fois (ce n’est pas un nombre de visiteurs)',
  rejectShare: 'Part « Tout refuser »',
  rejectShareHelp: 'des décisions prises avec un bouton « Tout refuser » (bandeau ou paramètres) ; les choix personnalisés qui refusent tout n’y sont pas',
  gpcShare: 'Part avec GPC',
  gpcShareHelp: 'des décisions ont été prises dans un navigateur qui demande de ne pas être suivi (Global Privacy Control) ; c’est une part des décisions, pas des visiteurs',
  grantRates: "Taux d'acceptation par usage",
  grantRatesHelp: 'part des décisions qui acceptent chaque usage',
  noData: 'Aucune décision sur cette période.',
  charts: 'Graphiques',
  showFigures: 'Voir les chiffres',
  day: 'Jour',
  chartDecisions: 'Décisions par jour',
  chartDecisionsText: 'Nombre de choix enregistrés chaque jour.',
  chartPurposes: "Taux d'acceptation par usage, par jour",
  chartPurposesText: 'Part des décisions du jour qui acceptent chaque usage.',
  chartServices: "Taux d'acceptation par service, par jour",
  chartServicesText: 'Part des décisions du jour qui acceptent chaque service choisi à part (vidéo, carte…).',
  chartSplit: 'Répartition des décisions',
  chartSplitText: 'Comment les visiteurs ont fait leur choix sur la période.',
  chartRevisions: 'Effet d’un changement de version du bandeau',
  chartRevisionsText: "Taux d'acceptation et part « Tout refuser » pour chaque version du bandeau affichée sur la période.",
  kind: 'Type de décision',
  count: 'Nombre',
  share: 'Part',
  acceptAll: 'Tout accepter',
  rejectAll: 'Tout refuser',
  custom: 'Choix personnalisé',
  placeholder: 'Accord depuis un contenu bloqué',
  other: 'Autre (site, réinitialisation)',
  usage: 'Usage',
  shownFrom: (from: string, to: string) => `affichée du ${from} au ${to}`,
  change: 'Écart',
  points: (n: string) => `${n} pts`,
  chartImage: (name: string) => `${name}. Les chiffres sont dans le tableau qui suit.`,
  proof: "Preuve du consentement d'un visiteur",
  proofText: "Pour répondre à une demande d'un visiteur (droit d'accès, réclamation), saisissez l'identifiant de consentement qu'il vous communique : il figure dans la fenêtre « Préférences de cookies » du site, ouverte par le lien « Gérer mes cookies ».",
  consentId: 'Identifiant de consentement',
  consentIdHelp: '8 à 32 lettres minuscules et chiffres',
  search: 'Rechercher',
  badId: "Cet identifiant n'a pas la bonne forme : 8 à 32 lettres minuscules et chiffres.",
  notFound: 'Aucune décision enregistrée pour cet identifiant.',
  found: (n: number) => (n === 1 ? '1 décision enregistrée, de la plus ancienne à la plus récente.' : `${n} décisions enregistrées, de la plus ancienne à la plus récente.`),
  download: 'Télécharger la preuve (JSON)',
  decidedAt: 'Date de la décision',
  receivedAt: 'Reçue par le serveur le',
  summary: 'En bref',
  summaryHelp: 'Ce que ce visiteur a accepté, et quand, d’après ses décisions ci-dessous (heure de Paris, horloge du visiteur). Les décisions en conflit n’y sont pas comptées.',
  neverGranted: 'jamais accepté',
  grantedOn: (at: string) => `accepté le ${at}`,
  withdrawnOn: (at: string) => `retiré le ${at}`,
  print: 'Imprimer la preuve',
  printedAt: (at: string) => `Preuve consultée le ${at}.`,
  proofLink: 'Preuve d’un visiteur',
  journal: 'Journal des consultations',
  method: 'Comment',
  page: 'Page',
  gpc: 'Signal GPC',
  yes: 'oui',
  no: 'non',
  granted: 'accepté',
  refused: 'refusé',
  choices: 'Choix',
  notice: 'Information affichée au visiteur',
  noticeTexts: 'Textes',
  noticePurposes: 'Usages présentés',
  noticeJson: 'Texte exact enregistré (JSON)',
  noticeHash: 'Empreinte SHA-256',
  conflict: (received: string) => `Conflit : une autre décision de cet identifiant porte la même date avec un contenu différent ; une seule des deux peut venir du visiteur. Celle-ci a été reçue le ${received}.`,
  methods: {
    'banner-accept-all': 'Tout accepter, dans le bandeau',
    'banner-reject-all': 'Tout refuser, dans le bandeau',
    'panel-accept-all': 'Tout accepter, dans les paramètres',
    'panel-reject-all': 'Tout refuser, dans les paramètres',
    'panel-save': 'Choix personnalisé, dans les paramètres',
    placeholder: 'Accord depuis un contenu bloqué',
    api: 'Par le site (programme)',
    reset: 'Choix effacé',
    handoff: "Repris d'un autre site du groupe (lien suivi)",
  } as Record<string, string>,
  purposes: {
    necessary: 'Nécessaires',
    analytics: "Mesure d'audience",
    marketing: 'Offres commerciales',
    partners: 'Partenaires',
  } as Record<string, string>,
};

export type Texts = typeof fr;

const en: Texts = {
  title: 'Consent dashboard',
  language: 'Language',
  otherLanguage: 'Français',
  otherLang: 'fr',
  signOut: 'Sign out',
  filters: 'Filters',
  site: 'Site',
  allSites: 'All sites',
  from: 'From',
  to: 'To',
  revision: 'Banner version',
  allRevisions: 'All versions',
  revisionN: (n) => `Version ${n}`,
  apply: 'Show',
  presets: 'Ready-made periods',
  today: 'Today',
  thisMonth: 'This month',
  lastMonth: 'Last month',
  sinceRevision: 'Since the last version',
  versus: (from, to) => `compared with ${from} – ${to}`,
  decisionsCount: (n) => `${n} decisions`,
  exportCsv: "Download the period's decisions (CSV)",
  exportFigures: 'Download the figures per month (CSV for Excel)',
  period: (from, to) => `Period from ${from} to ${to}`,
  loading: 'Loading the figures…',
  loadError: 'The figures cannot be loaded right now. Try again in a moment.',
  signedOut: 'Your session has expired. Please sign in again.',
  headline: 'The period at a glance',
  decisions: 'Decisions',
  decisionsHelp: 'choices saved over the period: a visitor who decides twice counts twice (this is not a number of visitors)',
  rejectShare: '"Reject all" share',
  rejectShareHelp: 'of decisions were taken with a "Reject all" button (banner or settings); custom choices that refuse everything are not counted',
  gpcShare: 'Share with GPC',
  gpcShareHelp: 'of decisions were taken in a browser asking not to be tracked (Global Privacy Control); a share of decisions, not of visitors',
  grantRates: 'Acceptance rate per use',
  grantRatesHelp: 'share of decisions accepting each use',
  noData: 'No decision in this period.',
  charts: 'Charts',
  showFigures: 'Show the figures',
  day: 'Day',
  chartDecisions: 'Decisions per day',
  chartDecisionsText: 'Number of choices saved each day.',
  chartPurposes: 'Acceptance rate per use, per day',
  chartPurposesText: "Share of the day's decisions accepting each use.",
  chartServices: 'Acceptance rate per service, per day',
  chartServicesText: "Share of the day's decisions accepting each service chosen on its own (video, map…).",
  chartSplit: 'How visitors decided',
  chartSplitText: 'How visitors made their choice over the period.',
  chartRevisions: 'Effect of a banner version change',
  chartRevisionsText: 'Acceptance rates and "reject all" share for each banner version shown in the period.',
  kind: 'Kind of decision',
  count: 'Count',
  share: 'Share',
  acceptAll: 'Accept all',
  rejectAll: 'Reject all',
  custom: 'Custom choice',
  placeholder: 'Granted from blocked content',
  other: 'Other (site, reset)',
  usage: 'Use',
  shownFrom: (from, to) => `shown from ${from} to ${to}`,
  change: 'Change',
  points: (n) => `${n} pts`,
  chartImage: (name) => `${name}. The figures are in the table that follows.`,
  proof: "Proof of a visitor's consent",
  proofText: 'To answer a visitor\'s request (right of access, complaint), enter the consent id they give you: it is shown in the site\'s "Cookie preferences" window, opened by its "Manage cookies" link.',
  consentId: 'Consent id',
  consentIdHelp: '8 to 32 lower-case letters and digits',
  search: 'Search',
  badId: 'This id is not well formed: 8 to 32 lower-case letters and digits.',
  notFound: 'No decision recorded for this id.',
  found: (n) => (n === 1 ? '1 decision recorded, oldest first.' : `${n} decisions recorded, oldest first.`),
  download: 'Download the proof (JSON)',
  decidedAt: 'Decided on',
  receivedAt: 'Received by the server on',
  summary: 'In short',
  summaryHelp: 'What this visitor accepted, and when, from their decisions below (Paris time, the visitor’s clock). Decisions in conflict are not counted here.',
  neverGranted: 'never accepted',
  grantedOn: (at) => `accepted on ${at}`,
  withdrawnOn: (at) => `withdrawn on ${at}`,
  print: 'Print the proof',
  printedAt: (at) => `Proof looked up on ${at}.`,
  proofLink: 'A visitor’s proof',
  journal: 'Access journal',
  method: 'How',
  page: 'Page',
  gpc: 'GPC signal',
  yes: 'yes',
  no: 'no',
  granted: 'granted',
  refused: 'refused',
  choices: 'Choices',
  notice: 'What the visitor was shown',
  noticeTexts: 'Texts',
  noticePurposes: 'Uses presented',
  noticeJson: 'Exact text recorded (JSON)',
  noticeHash: 'SHA-256 fingerprint',
  conflict: (received) => `Conflict: another decision of this id has the same date and a different content; only one of them can come from the visitor. This one was received on ${received}.`,
  methods: {
    'banner-accept-all': 'Accept all, in the banner',
    'banner-reject-all': 'Reject all, in the banner',
    'panel-accept-all': 'Accept all, in the settings',
    'panel-reject-all': 'Reject all, in the settings',
    'panel-save': 'Custom choice, in the settings',
    placeholder: 'Granted from blocked content',
    api: 'By the site (program)',
    reset: 'Choice cleared',
    handoff: 'Carried over from a sister site (link followed)',
  },
  purposes: {
    necessary: 'Necessary',
    analytics: 'Audience measurement',
    marketing: 'Commercial offers',
    partners: 'Partners',
  },
};

export const TEXTS: Record<Lang, Texts> = { fr, en };

const LOCALE: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };

export function formatNumber(lang: Lang, value: number): string {
  return new Intl.NumberFormat(LOCALE[lang]).format(value);
}

/** 0.4567 → "45,7 %" (fr) or "45.7%" (en). */
export function formatPercent(lang: Lang, rate: number): string {
  return new Intl.NumberFormat(LOCALE[lang], { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

/** "2026-11-26" → "26 nov. 2026"; days are UTC days, as the receiver counts them. */
export function formatDay(lang: Lang, day: string, short = false): string {
  const options: Intl.DateTimeFormatOptions = short
    ? { day: 'numeric', month: 'short', timeZone: 'UTC' }
    : { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(LOCALE[lang], options).format(new Date(`${day}T00:00:00Z`));
}

export function formatDateTime(lang: Lang, iso: string): string {
  return new Intl.DateTimeFormat(LOCALE[lang], { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short', timeZone: 'Europe/Paris' }).format(new Date(iso));
}

const own = (map: Record<string, string> | undefined, id: string) => !!map && Object.prototype.hasOwnProperty.call(map, id);

/**
 * A purpose's or service's name for people: as the visitors' notice named it (`shown`), else our
 * own word for a purpose we know, else the id itself. Own keys only: an id such as "constructor"
 * must not show Object's constructor.
 */
export function itemName(texts: Texts, id: string, shown?: Record<string, string>): string {
  if (own(shown, id)) return shown![id];
  return own(texts.purposes, id) ? texts.purposes[id] : id;
}

/** "https://www.cid-it.fr" → "cid-it.fr". */
export function siteName(site: string): string {
  return site.replace(/^https?:\/\//, '').replace(/^www\./, '');
}
