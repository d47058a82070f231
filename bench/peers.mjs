// The libraries of the comparison, each set up on the same French page: same text, same four
// purposes, same policy link, one gated fake tracker. `files` are what the library ships (JS + CSS,
// counted in the "bytes" rows); `head` loads them; the probes tell the benchmark, inside the page,
// when the banner is visible, how to press "reject all", and which cookie records the choice.
import { readdirSync, readFileSync } from 'node:fs';

const read = (path) => readFileSync(new URL(`../${path}`, import.meta.url));

// CONTRACT §1: dist/cid-consent.js may load sibling files (dist/cid-consent-*.js) relative to its own
// URL after the banner's first paint, so every sibling found at start is served next to it, same name.
const SIBLINGS = readdirSync(new URL('../dist/', import.meta.url))
  .filter((name) => /^cid-consent-.+\.js$/.test(name))
  .sort();

export const TEXT = {
  title: 'Vos choix sur les cookies',
  body:
    'Nous utilisons des cookies indispensables au fonctionnement du site (panier, session, sécurité). Avec votre accord, ' +
    'nous en utilisons aussi pour mesurer l’audience, vous proposer nos offres et partager des données avec nos partenaires.',
  policy: '<a href="/politique">Politique de confidentialité</a>',
  accept: 'Tout accepter',
  reject: 'Tout refuser',
  customize: 'Personnaliser',
};

const vanillaInit = `CookieConsent.run({
  hideFromBots: false,
  categories: { necessary: { enabled: true, readOnly: true }, analytics: {}, marketing: {}, partners: {} },
  language: { default: 'fr', translations: { fr: {
    consentModal: { title: ${JSON.stringify(TEXT.title)}, description: ${JSON.stringify(`${TEXT.body} ${TEXT.policy}`)},
      acceptAllBtn: '${TEXT.accept}', acceptNecessaryBtn: '${TEXT.reject}', showPreferencesBtn: '${TEXT.customize}' },
    preferencesModal: { title: 'Préférences de cookies', acceptAllBtn: '${TEXT.accept}', acceptNecessaryBtn: '${TEXT.reject}',
      savePreferencesBtn: 'Enregistrer mes choix', closeIconLabel: 'Fermer', sections: [
        { title: 'Strictement nécessaires', linkedCategory: 'necessary' }, { title: 'Mesure d’audience', linkedCategory: 'analytics' },
        { title: 'Prospection commerciale', linkedCategory: 'marketing' }, { title: 'Offres de nos partenaires', linkedCategory: 'partners' }] } } } }
});`;

const osanoInit = `window.cookieconsent.initialise({
  type: 'opt-in', revokable: false, position: 'bottom',
  content: { header: ${JSON.stringify(TEXT.title)}, message: ${JSON.stringify(TEXT.body)}, allow: '${TEXT.accept}', deny: '${TEXT.reject}',
    link: 'Politique de confidentialité', href: '/politique' },
});`;

export const LIBRARIES = [
  {
    id: 'ours',
    name: '@cid-it/consent',
    files: Object.fromEntries(
      ['cid-consent.js', ...SIBLINGS].map((name) => [`/lib/${name}`, read(`dist/${name}`)]),
    ),
    head: '<script src="/lib/cid-consent.js" defer data-policy-url="/politique"></script>',
    tracker: '<script type="text/plain" data-cid-consent="analytics" src="/tracker.js"></script>',
    cookie: 'cid_consent',
    banner: `(() => { const b = document.querySelector('cid-consent-banner'); return b && b.open && b.shadowRoot && b.shadowRoot.querySelector('section'); })()`,
    reject: `document.querySelector('cid-consent-banner').shadowRoot.querySelector('[data-action="reject-all"]')`,
  },
  // Issue #23's tailored build (npm run build:site) for this page's configuration, in French:
  // compare.mjs builds it into bench/results/site/ and fills in `files` before the first round.
  {
    id: 'site',
    name: '@cid-it/consent, build:site (fr)',
    files: {},
    head: '<script src="/site/cid-consent.js" defer></script>',
    tracker: '<script type="text/plain" data-cid-consent="analytics" src="/tracker.js"></script>',
    cookie: 'cid_consent',
    banner: `(() => { const b = document.querySelector('cid-consent-banner'); return b && b.open && b.shadowRoot && b.shadowRoot.querySelector('section'); })()`,
    reject: `document.querySelector('cid-consent-banner').shadowRoot.querySelector('[data-action="reject-all"]')`,
  },
  {
    id: 'vanilla',
    name: 'vanilla-cookieconsent 3.1.0',
    files: {
      '/lib/cookieconsent.umd.js': read('node_modules/vanilla-cookieconsent/dist/cookieconsent.umd.js'),
      '/lib/cookieconsent.css': read('node_modules/vanilla-cookieconsent/dist/cookieconsent.css'),
    },
    init: { '/lib/init-vanilla.js': vanillaInit },
    head:
      '<link rel="stylesheet" href="/lib/cookieconsent.css"><script src="/lib/cookieconsent.umd.js" defer></script>' +
      '<script src="/lib/init-vanilla.js" defer></script>',
    tracker: '<script type="text/plain" data-category="analytics" src="/tracker.js"></script>',
    cookie: 'cc_cookie',
    banner: `document.documentElement.classList.contains('show--consent') && document.querySelector('#cc-main .cm')`,
    reject: `document.querySelector('#cc-main .cm [data-role="necessary"]')`,
  },
  {
    id: 'osano',
    name: 'cookieconsent (Osano) 3.1.1',
    files: {
      '/lib/cookieconsent.min.js': read('node_modules/cookieconsent/build/cookieconsent.min.js'),
      '/lib/cookieconsent.min.css': read('node_modules/cookieconsent/build/cookieconsent.min.css'),
    },
    init: { '/lib/init-osano.js': osanoInit },
    head:
      '<link rel="stylesheet" href="/lib/cookieconsent.min.css"><script src="/lib/cookieconsent.min.js" defer></script>' +
      '<script src="/lib/init-osano.js" defer></script>',
    // No per-purpose choice in this library: the tracker stays inert, for the same page weight.
    tracker: '<script type="text/plain" src="/tracker.js"></script>',
    cookie: 'cookieconsent_status',
    banner: `document.querySelector('.cc-window:not(.cc-invisible)')`,
    reject: `document.querySelector('.cc-window .cc-deny')`,
  },
];

/** The configuration of the tailored build: what the generic file's tag says, in one language. */
export const SITE_CONFIG = { policyUrl: '/politique', lang: 'fr' };

/** Reads the tailored build's files from `dir` into its library's `files`, served under /site/. */
export function useSiteBuild(dir) {
  const site = LIBRARIES.find((library) => library.id === 'site');
  site.files = Object.fromEntries(
    readdirSync(dir)
      .filter((name) => name.endsWith('.js'))
      .map((name) => [`/site/${name}`, readFileSync(new URL(name, dir))]),
  );
}

/** The same French host page for every library. */
export function page(library) {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>CID-IT — matériel informatique</title>${library.head}
<style>body{margin:0;font:16px/1.5 system-ui,sans-serif}header{background:#0b4f8a;color:#fff;padding:1rem 2rem}main{padding:2rem;max-width:50rem}</style>
</head><body><header><strong>CID-IT</strong> matériel informatique</header>
<main><h1>Équipez votre entreprise, neuf ou reconditionné</h1>
${'<p>Serveurs, postes de travail et portables : à l’achat ou en location, livrés et configurés, pour les professionnels comme pour les particuliers.</p>'.repeat(6)}
</main>${library.tracker}</body></html>`;
}
