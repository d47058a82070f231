import type { TextKey } from './fr.js';

/** English texts: the same meaning as the French ones, in plain English. */
export const en: Record<TextKey, string> = {
  'banner.label': 'Cookie consent',
  'banner.title': 'Your cookie choices',
  'banner.gpc': 'Your browser sends the Global Privacy Control signal, so “Accept all” leaves marketing and partner offers refused.',
  'banner.text':
    'We use cookies that the site needs to work (cart, session, security). With your consent, we also use cookies to measure our audience, show you our offers and share data with our partners. You can change your mind at any time with the “Manage cookies” link at the bottom of the page.',
  'sites.scope': 'Your choice applies to our sites {sites}.',
  'link.policy': 'Privacy policy',
  'link.cookies': 'Cookie policy',
  'action.accept': 'Accept all',
  'action.reject': 'Reject all',
  'action.customize': 'Customise',
  'action.save': 'Save my choices',
  'action.close': 'Close',
  'action.manage': 'Manage cookies',
  'panel.title': 'Cookie preferences',
  'panel.text':
    'Choose what you accept, purpose by purpose or service by service. Nothing is switched on without your consent, and your choice is kept for {duration}.',
  'panel.required': 'Always active',
  'panel.contact': 'Data protection contact:',
  'panel.servicePolicy': '{name} privacy policy',
  'panel.consentId': 'Your consent ID: {id}',
  'panel.saved': 'Your choices have been saved.',
  'panel.loading': 'Loading preferences…',
  'panel.unavailable': 'Detailed preferences could not be loaded. You can accept or reject everything here, or try again with “Customise”.',
  'panel.gpc':
    'Your browser sends the Global Privacy Control signal: we honour it, so marketing and partner offers stay refused unless you switch them on here.',
  'placeholder.text': 'This content comes from a third-party service. To show it, allow “{purpose}”.',
  'placeholder.service': 'This content is provided by {service}. To show it, allow “{name}”.',
  'placeholder.allow': 'Allow and show',
  'placeholder.unavailable': 'This content ({name}) cannot be shown on this page.',
  'necessary.label': 'Strictly necessary',
  'necessary.description':
    'Remember this choice, your cart and your session, and protect the site against fraud. The site cannot work without them.',
  'analytics.label': 'Audience measurement',
  'analytics.description': 'Visit statistics and studies of how the site is used, to learn what interests you and improve it.',
  'marketing.label': 'Marketing',
  'marketing.description': 'Our offers, newsletters and advertising, chosen from your browsing on our sites.',
  'partners.label': 'Partner offers',
  'partners.description': 'Sharing some of your data with our partners so that they can send you their own offers.',
};
