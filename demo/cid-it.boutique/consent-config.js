// The cookies each purpose's tags set: deleted when it is withdrawn, listed with their lifetime on
// the cookie-policy page (README, "Cookie declaration"). The rest of the settings is on the tag.
window.cidConsentConfig = {
  // One decision for both sites (README, "One decision for both sites"): npm start fills in the
  // two demo origins, which depend on its ports, and its receiver's public key.
  sites: ['__DEMO_SITE_FR__', '__DEMO_SITE_BOUTIQUE__'],
  handoffKey: '__DEMO_HANDOFF_KEY__',
  purposes: [
    { id: 'necessary', required: true, cookies: [{ name: 'cart_id', lifetime: '30 jours', description: { fr: 'Votre panier', en: 'Your cart' } }] },
    {
      id: 'analytics',
      cookies: [
        { name: '_ga', lifetime: '13 mois', description: { fr: 'Distingue les visiteurs', en: 'Tells visitors apart' } },
        { name: '/^_ga_/', lifetime: '13 mois', description: { fr: 'Garde l’état de la visite', en: 'Keeps the state of the visit' } },
      ],
    },
    { id: 'marketing', cookies: [{ name: 'retarget_id', lifetime: '90 jours', description: { fr: 'Relance publicitaire', en: 'Ad retargeting' } }] },
    { id: 'partners', cookies: [{ name: 'retarget_id', lifetime: '90 jours', description: { fr: 'Offres de nos partenaires', en: 'Our partners’ offers' } }] },
  ],
};
