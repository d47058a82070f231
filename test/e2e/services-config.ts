/** The demo's purposes: each tool a service of its purpose. */
export const SERVICES_CONFIG = `<script>window.cidConsentConfig = { policyUrl: '/p', purposes: [
  { id: 'necessary', required: true },
  { id: 'analytics', services: [
    { id: 'ga4', name: 'Google Analytics 4', provider: 'Google Ireland', policyUrl: 'https://policies.google.com/privacy' },
    { id: 'hotjar', name: 'Hotjar', provider: 'Hotjar Ltd' } ] },
  { id: 'marketing', services: [
    { id: 'meta', name: 'Meta pixel', provider: 'Meta Platforms Ireland' },
    { id: 'youtube', name: 'YouTube', provider: 'Google Ireland' } ] },
  { id: 'partners' } ] }</script>`;
