/** The ES module (CONTRACT §1): nothing runs until `start(config)` is called. */
export { consent, start, type StartOptions } from './start.js';
export type { CidConsentApi } from './core/api.js';
export type { ConsentActionDetail } from './core/events.js';
export type { CidConsentQueue, QueuedCall } from './core/queue.js';
export type { ConsentChange, ConsentConfig, ConsentState, CookieDeclaration, CookieEntry, CookieLifetime, PurposeConfig, PurposeInventory, ServiceInfo, Lang } from './core/types.js';
export type { DeclarationTextKey } from './i18n/declaration.js';
export type { TextKey } from './i18n/fr.js';
export { CidConsentBanner } from './components/cid-consent-banner.js';
export { CidConsentPreferences } from './components/cid-consent-preferences.js';
export { CidConsentPlaceholder } from './components/cid-consent-placeholder.js';
export { CidConsentDeclaration } from './components/cid-consent-declaration.js';
