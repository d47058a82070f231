import type { ConsentState } from '../core/types.js';

type Signal = 'granted' | 'denied';
type Gtag = (...args: unknown[]) => void;
/** The page's Google globals, read here without declaring them on `Window`: pages declare their own. */
export interface TagWindow {
  dataLayer?: unknown[];
  gtag?: Gtag;
}

const signal = (granted: boolean | undefined): Signal => (granted ? 'granted' : 'denied');

/**
 * Google Consent Mode v2 signals of a state (CONTRACT §7). `partners` maps to
 * none: sharing data with CID-IT's partners is not sending it to Google for
 * advertising (0.1 granted `ad_user_data` from it).
 */
export function consentModeSignals({ purposes: p }: ConsentState): Record<string, Signal> {
  return {
    analytics_storage: signal(p.analytics),
    ad_storage: signal(p.marketing),
    ad_user_data: signal(p.marketing),
    ad_personalization: signal(p.marketing),
  };
}

/**
 * Sends Consent Mode's `default` at once (it must precede every tag), defining
 * Google's standard `dataLayer`/`gtag` stub when the page has none, and
 * returns the function that sends each `update`.
 * https://developers.google.com/tag-platform/security/guides/consent
 */
export function startConsentMode(win: TagWindow): (state: ConsentState) => void {
  const dataLayer = (win.dataLayer ??= []);
  win.gtag ??= function gtag() {
    // gtag.js reads `arguments` objects from the dataLayer, not arrays.
    // eslint-disable-next-line prefer-rest-params
    dataLayer.push(arguments);
  };
  win.gtag('consent', 'default', {
    ad_storage: 'denied',
    ad_user_data: 'denied',
    ad_personalization: 'denied',
    analytics_storage: 'denied',
    // Both follow `necessary`, always granted: they cover what the site needs to work (CONTRACT §7).
    functionality_storage: 'granted',
    personalization_storage: 'denied',
    security_storage: 'granted',
    wait_for_update: 500,
  });
  return (state) => win.gtag!('consent', 'update', consentModeSignals(state));
}

const signals = (choices: Record<string, boolean>) => {
  const out: Record<string, Signal> = {};
  for (const [id, granted] of Object.entries(choices)) out[id] = signal(granted);
  return out;
};

/**
 * For Google Tag Manager triggers: `{ event: 'cid_consent_update', cid_consent: { analytics: 'granted', … },
 * cid_consent_services: { youtube: 'granted', … } }`.
 */
export function pushToDataLayer(win: TagWindow, state: ConsentState): void {
  if (!Array.isArray(win.dataLayer)) return;
  win.dataLayer.push({ event: 'cid_consent_update', cid_consent: signals(state.purposes), cid_consent_services: signals(state.services) });
}
