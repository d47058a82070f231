/**
 * French texts, written for this widget from the meaning of CID-IT's policy.
 * French typography wants a non-breaking space before « : ; ? ! » and inside
 * quotation marks: they are written as \u00a0 so no editor can lose them.
 */
export const fr = {
  'banner.label': 'Consentement aux cookies',
  'banner.title': 'Vos choix sur les cookies',
  'banner.gpc':
    'Votre navigateur envoie le signal Global Privacy Control\u00a0: «\u00a0Tout accepter\u00a0» laisse donc refusées la prospection et les offres de nos partenaires.',
  'banner.text':
    'Nous utilisons des cookies indispensables au fonctionnement du site (panier, session, sécurité). Avec votre accord, nous en utilisons aussi pour mesurer l’audience, vous proposer nos offres et partager des données avec nos partenaires. Vous pouvez changer d’avis à tout moment avec le lien «\u00a0Gérer mes cookies\u00a0» en bas de page.',
  // Sister sites (CONTRACT §13): the CNIL accepts one consent for several sites of one controller when
  // the visitor is told which (délibération n° 2020-091, art. 2: the scope of consent must be clear).
  'sites.scope': 'Votre choix vaut pour nos sites {sites}.',
  'link.policy': 'Politique de confidentialité',
  'link.cookies': 'Politique de cookies',
  'action.accept': 'Tout accepter',
  'action.reject': 'Tout refuser',
  'action.customize': 'Personnaliser',
  'action.save': 'Enregistrer mes choix',
  'action.close': 'Fermer',
  'action.manage': 'Gérer mes cookies',
  'panel.title': 'Préférences de cookies',
  'panel.text':
    'Choisissez, finalité par finalité ou service par service, ce que vous acceptez. Rien n’est activé sans votre accord, et votre choix est conservé {duration}.',
  // Agrees with its label, "Strictement nécessaires" (plural).
  'panel.required': 'Toujours actifs',
  'panel.contact': 'Contact protection des données\u00a0:',
  'panel.servicePolicy': 'Politique de confidentialité de {name}',
  // Shown once decided, followed by the date: the visitor can cite both (issue #12).
  'panel.consentId': 'Identifiant de votre consentement\u00a0: {id}',
  'panel.saved': 'Vos choix sont enregistrés.',
  // While the panel's own file is on its way (issue #19): on the button pressed, and said aloud.
  'panel.loading': 'Chargement des préférences…',
  // The panel's file could not be had: the first layer is the way to decide, and the button tries again.
  'panel.unavailable':
    'Le détail des préférences n’a pas pu être chargé. Vous pouvez tout accepter ou tout refuser ici, ou réessayer avec «\u00a0Personnaliser\u00a0».',
  'panel.gpc':
    'Votre navigateur envoie le signal «\u00a0Global Privacy Control\u00a0»\u00a0: nous le respectons, la prospection et les offres partenaires restent refusées sauf si vous les activez ici.',
  'placeholder.text': 'Ce contenu est fourni par un service tiers. Pour l’afficher, autorisez «\u00a0{purpose}\u00a0».',
  'placeholder.service': 'Ce contenu est fourni par {service}. Pour l’afficher, autorisez «\u00a0{name}\u00a0».',
  'placeholder.allow': 'Autoriser et afficher',
  // A frame whose data-cid-consent names no configured purpose or service: nothing can grant it.
  'placeholder.unavailable': 'Ce contenu ({name}) ne peut pas être affiché sur cette page.',
  'necessary.label': 'Strictement nécessaires',
  'necessary.description':
    'Mémorisent ce choix, votre panier et votre session, et protègent le site contre la fraude. Sans eux, le site ne fonctionne pas.',
  'analytics.label': 'Mesure d’audience',
  'analytics.description':
    'Statistiques de fréquentation et études sur l’usage du site, pour comprendre ce qui vous intéresse et l’améliorer.',
  'marketing.label': 'Prospection commerciale',
  'marketing.description':
    'Nos offres, lettres d’information et publicités, choisies selon votre navigation sur nos sites.',
  'partners.label': 'Offres de nos partenaires',
  'partners.description':
    'Transmission de certaines de vos données à nos partenaires, pour qu’ils vous adressent leurs propres offres.',
};

export type TextKey = keyof typeof fr;
