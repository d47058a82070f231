/**
 * The cookie declaration's texts (issue #24), fr and en: in the declaration's own file, not in the
 * first layer, which never shows them. A site overrides them through `texts` like any other text.
 * Written for this widget; the legal bases are those of the ePrivacy rule as the CNIL applies it
 * (article 82 of the loi Informatique et Libertés: consent, unless strictly necessary).
 */
export const declarationFr = {
  'declaration.title': 'Les cookies de ce site',
  'declaration.intro':
    'Cette page est tirée de la configuration qui décide, sur ce site, quels cookies peuvent être déposés\u00a0: elle dit donc toujours ce qui est réellement demandé.',
  'declaration.choices': 'Vos choix',
  'declaration.undecided': 'Vous n’avez pas encore fait de choix\u00a0: seuls les cookies strictement nécessaires sont utilisés.',
  'declaration.decidedAt': 'Date de votre choix\u00a0: {date}',
  'declaration.granted': 'accepté',
  'declaration.refused': 'refusé',
  'declaration.always': 'toujours actif',
  'declaration.manage': 'Modifier mes choix',
  'declaration.basis': 'Base légale\u00a0: {basis}',
  'declaration.basis.consent': 'votre consentement, que vous pouvez retirer à tout moment',
  'declaration.basis.necessary': 'aucun consentement requis, ces cookies étant strictement nécessaires au service que vous demandez',
  'declaration.caption': 'Cookies\u00a0: {purpose}',
  'declaration.name': 'Nom',
  'declaration.service': 'Service',
  'declaration.lifetime': 'Durée de vie',
  'declaration.party': 'Déposé par',
  'declaration.use': 'Utilité',
  'declaration.first': 'ce site',
  'declaration.third': 'un tiers',
  'declaration.session': 'la session (jusqu’à la fermeture du navigateur)',
  'declaration.undeclared': 'durée non déclarée',
  'declaration.none': 'Aucun cookie déclaré.',
  'declaration.services': 'Services',
  'declaration.provider': 'fourni par {provider}',
  'declaration.own': 'Ce que conserve l’outil de consentement',
  'declaration.ownCaption': 'Stockage de l’outil de consentement',
  'declaration.where': 'Où',
  'declaration.content': 'Contenu',
  'declaration.cookie': 'cookie',
  'declaration.cookieHolds': 'Votre choix\u00a0: un identifiant aléatoire, sa date, la version de cette politique et votre réponse pour chaque finalité.',
  'declaration.outbox': 'navigateur (localStorage)',
  'declaration.outboxHolds': 'Les preuves de vos choix que notre serveur n’a pas encore reçues (20 au plus), envoyées à nouveau à votre prochaine visite.',
  'declaration.outboxLifetime': 'jusqu’à leur réception',
  'declaration.receipts': 'notre serveur',
  'declaration.receiptsName': 'Preuve de consentement',
  'declaration.receiptsHolds':
    'Une preuve de chaque choix\u00a0: son identifiant, sa date, les réponses, la page et les textes affichés. Ni adresse IP, ni navigateur.',
  // The receiver's RETENTION_DAYS default (CONTRACT §11): the French civil limitation period.
  'declaration.receiptsLifetime': '5 ans',
};

export type DeclarationTextKey = keyof typeof declarationFr;
export type DeclarationTexts = Record<DeclarationTextKey, string>;

export const declarationEn: DeclarationTexts = {
  'declaration.title': 'Cookies on this site',
  'declaration.intro':
    'This page is drawn from the configuration that decides which cookies this site may set, so it always says what is really asked for.',
  'declaration.choices': 'Your choices',
  'declaration.undecided': 'You have not made a choice yet: only strictly necessary cookies are used.',
  'declaration.decidedAt': 'Date of your choice: {date}',
  'declaration.granted': 'accepted',
  'declaration.refused': 'refused',
  'declaration.always': 'always active',
  'declaration.manage': 'Change my choices',
  'declaration.basis': 'Legal basis: {basis}',
  'declaration.basis.consent': 'your consent, which you can withdraw at any time',
  'declaration.basis.necessary': 'no consent needed, as these cookies are strictly necessary for the service you ask for',
  'declaration.caption': 'Cookies: {purpose}',
  'declaration.name': 'Name',
  'declaration.service': 'Service',
  'declaration.lifetime': 'Lifetime',
  'declaration.party': 'Set by',
  'declaration.use': 'Used for',
  'declaration.first': 'this site',
  'declaration.third': 'a third party',
  'declaration.session': 'the session (until the browser closes)',
  'declaration.undeclared': 'lifetime not declared',
  'declaration.none': 'No cookie declared.',
  'declaration.services': 'Services',
  'declaration.provider': 'provided by {provider}',
  'declaration.own': 'What the consent tool keeps',
  'declaration.ownCaption': 'Storage of the consent tool',
  'declaration.where': 'Where',
  'declaration.content': 'Content',
  'declaration.cookie': 'cookie',
  'declaration.cookieHolds': 'Your choice: a random ID, its date, the version of this policy and your answer for each purpose.',
  'declaration.outbox': 'browser (localStorage)',
  'declaration.outboxHolds': 'Proofs of your choices that our server has not received yet (20 at most), sent again on your next visit.',
  'declaration.outboxLifetime': 'until received',
  'declaration.receipts': 'our server',
  'declaration.receiptsName': 'Proof of consent',
  'declaration.receiptsHolds': 'A proof of each choice: its ID, its date, the answers, the page and the texts shown. No IP address, no browser details.',
  'declaration.receiptsLifetime': '5 years',
};
