// What a site's developer writes once, for every page of the site (the home page and the cookie
// policy, whose declaration is drawn from it): the purposes, each tool a service that a visitor may
// choose alone (it has an id), with its cookies: deleted when it is refused, and each one's lifetime
// and use, which the cookie declaration shows and the audit checks (README, "Cookie declaration").
window.cidConsentConfig = {
  policyUrl: '/politique-de-confidentialite.html',
  cookiePolicyUrl: '/politique-de-cookies.html',
  googleConsentMode: true,
  // One decision for both sites (README, "One decision for both sites"): npm start fills in the
  // two demo origins, which depend on its ports, and its receiver's public key.
  sites: ['__DEMO_SITE_FR__', '__DEMO_SITE_BOUTIQUE__'],
  handoffKey: '__DEMO_HANDOFF_KEY__',
  contactEmail: 'protectiondesdonnees@cid-it.fr',
  purposes: [
    { id: 'necessary', required: true, cookies: [{ name: 'PHPSESSID', lifetime: 'session', description: { fr: 'Votre session et votre panier', en: 'Your session and cart' } }] },
    {
      id: 'analytics',
      services: [
        {
          id: 'ga4',
          name: 'Google Analytics 4',
          provider: 'Google Ireland',
          policyUrl: 'https://policies.google.com/privacy',
          cookies: [
            { name: '_ga', lifetime: '13 mois', description: { fr: 'Distingue les visiteurs', en: 'Tells visitors apart' } },
            { name: '/^_ga_/', lifetime: '13 mois', description: { fr: 'Garde l’état de la visite', en: 'Keeps the state of the visit' } },
          ],
        },
        // The heat-map tag that the fake tag manager inserts late.
        {
          id: 'hotjar',
          name: 'Hotjar',
          provider: 'Hotjar Ltd',
          policyUrl: 'https://www.hotjar.com/legal/policies/privacy/',
          cookies: [
            { name: '_hjid', lifetime: '1 an', description: { fr: 'Identifiant de visiteur Hotjar', en: 'Hotjar visitor ID' } },
            { name: '/^_hjSession/', lifetime: '30 minutes', description: { fr: 'La visite en cours', en: 'The current visit' } },
          ],
        },
      ],
    },
    {
      id: 'marketing',
      services: [
        {
          id: 'meta',
          name: 'Meta Pixel',
          provider: 'Meta Platforms Ireland',
          policyUrl: 'https://www.facebook.com/privacy/policy/',
          cookies: [
            { name: '_fbp', lifetime: '90 jours', description: { fr: 'Mesure des publicités', en: 'Advertising measurement' } },
            { name: '_fbc', lifetime: '90 jours', description: { fr: 'La publicité cliquée', en: 'The ad clicked' } },
          ],
        },
        // Set by YouTube on its own domain once the video plays: listed so that the visitor and an
        // audit know them; the widget can only delete this site's cookies.
        {
          id: 'youtube',
          name: 'YouTube',
          provider: 'Google Ireland',
          policyUrl: 'https://policies.google.com/privacy',
          cookies: [
            { name: 'YSC', lifetime: 'session', party: 'third', description: { fr: 'Statistiques de lecture', en: 'Playback statistics' } },
            { name: 'VISITOR_INFO1_LIVE', lifetime: '6 mois', party: 'third', description: { fr: 'Qualité de lecture', en: 'Playback quality' } },
          ],
        },
      ],
    },
    { id: 'partners', cookies: [{ name: 'partner_uid', lifetime: '6 mois', description: { fr: 'Identifiant transmis aux partenaires', en: 'ID shared with partners' } }] },
  ],
};
