// The two server-made pages: sign-in (works without JavaScript) and the shell that loads the
// dashboard's bundle. No inline script or style anywhere: the CSP below forbids them.

export type Lang = 'fr' | 'en';

/**
 * Strict CSP (issue #13): scripts, styles, data and forms only from the receiver itself; no
 * framing (clickjacking on a page holding consent records).
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

const TEXT = {
  fr: {
    title: 'Consentements – tableau de bord',
    heading: 'Tableau de bord des consentements',
    intro: "Ce tableau de bord montre combien de visiteurs acceptent ou refusent les cookies, sur quels sites et pour quels usages. Pour y accéder, saisissez le code d'accès que l'équipe technique vous a remis.",
    label: "Code d'accès",
    submit: 'Se connecter',
    wrong: "Ce code d'accès n'est pas le bon. Vérifiez-le ou demandez-le à l'équipe technique.",
    other: 'English',
    disabled: "Le tableau de bord n'est pas activé sur ce serveur : l'équipe technique doit définir RECEIVER_TOKEN.",
    notBuilt: "Le tableau de bord n'est pas installé sur ce serveur : l'équipe technique doit lancer « npm run build -w receiver ».",
    noscript: 'Ce tableau de bord a besoin de JavaScript.',
    loading: 'Chargement des chiffres…',
  },
  en: {
    title: 'Consent – dashboard',
    heading: 'Consent dashboard',
    intro: 'This dashboard shows how many visitors accept or refuse cookies, on which sites and for which uses. To open it, enter the access code your technical team gave you.',
    label: 'Access code',
    submit: 'Sign in',
    wrong: 'This access code is not the right one. Check it or ask your technical team.',
    other: 'Français',
    disabled: 'The dashboard is not enabled on this server: the technical team must set RECEIVER_TOKEN.',
    notBuilt: 'The dashboard is not installed on this server: the technical team must run "npm run build -w receiver".',
    noscript: 'This dashboard needs JavaScript.',
    loading: 'Loading the figures…',
  },
} as const;

/**
 * The pages' icon, in the page itself (the CSP allows data: images): without one, browsers ask for
 * /favicon.ico and log its 404 as an error on every load (issue #20, item 9).
 */
const ICON = `data:image/svg+xml,${encodeURIComponent(
  "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'><rect width='32' height='32' rx='6' fill='#1f5fbf'/>"
  + "<path d='M9 17l5 5 9-11' fill='none' stroke='#fff' stroke-width='3.5' stroke-linecap='round' stroke-linejoin='round'/></svg>",
)}`;

function head(lang: Lang): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${TEXT[lang].title}</title>
<link rel="icon" href="${ICON}">
<link rel="stylesheet" href="/dashboard/app.css">`;
}

export function signInPage(lang: Lang, wrong: boolean): string {
  const t = TEXT[lang];
  const other: Lang = lang === 'fr' ? 'en' : 'fr';
  const error = wrong ? `\n<p id="sign-in-error" class="error" role="alert">${t.wrong}</p>` : '';
  const invalid = wrong ? ' aria-invalid="true" aria-describedby="sign-in-error"' : '';
  return `${head(lang)}
</head>
<body class="sign-in">
<main>
<h1>${t.heading}</h1>
<p>${t.intro}</p>
<form method="post" action="/dashboard/sign-in">
<input type="hidden" name="lang" value="${lang}">
<label for="token">${t.label}</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus${invalid}>${error}
<button type="submit">${t.submit}</button>
</form>
<p><a href="/dashboard?lang=${other}" lang="${other}" hreflang="${other}">${t.other}</a></p>
</main>
</body>
</html>`;
}

export function appPage(lang: Lang): string {
  return `${head(lang)}
<script type="module" src="/dashboard/app.js"></script>
</head>
<body>
<cid-dashboard lang="${lang}"><p class="loading">${TEXT[lang].loading}</p></cid-dashboard>
<noscript><p>${TEXT[lang].noscript}</p></noscript>
</body>
</html>`;
}

export function messagePage(lang: Lang, which: 'disabled' | 'notBuilt'): string {
  return `${head(lang)}
</head>
<body class="sign-in">
<main>
<h1>${TEXT[lang].heading}</h1>
<p>${TEXT[lang][which]}</p>
</main>
</body>
</html>`;
}
