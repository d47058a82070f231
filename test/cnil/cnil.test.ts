/**
 * CNIL conformance, one test per rule, on the built bundle in real pages.
 * Sources: CNIL guidelines (délibération n° 2020-091) and recommendation
 * (délibération n° 2020-092) on cookies and other trackers, under article 82
 * of the French Data Protection Act.
 */
import { expect } from '@open-wc/testing';
import { ConsentManager } from '../../src/core/manager.js';
import { DEFAULT_PURPOSES } from '../../src/core/purposes.js';
import { parseConfig } from '../../src/core/config.js';
import { context, settle, type E2EPage } from '../e2e/page.js';
import { SERVICES_CONFIG } from '../e2e/services-config.js';
import { contrast } from '../colour.js';
import { spyLogger } from '../helpers.js';

afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

async function openPanel(page: E2EPage) {
  page.button('cid-consent-banner', 'customize').click();
  const panel = page.doc.querySelector('cid-consent-preferences')!;
  await panel.updateComplete;
  return panel;
}

describe('CNIL: no tracker before consent (art. 82; guidelines 2020-091)', () => {
  it('should request no gated script before a choice', async () => {
    const { open, tracker } = context();
    const page = await open({ after: tracker('analytics') + tracker('marketing') + tracker('partners') });
    await settle();
    expect(await page.requests()).to.deep.equal([]);
  });

  it('should not count closing the panel or ignoring the banner as consent', async () => {
    const { open, tracker, readCookie } = context();
    const page = await open({ after: tracker('analytics') });
    const panel = await openPanel(page);
    page.button('cid-consent-preferences', 'close').click();
    await panel.updateComplete;
    page.frame.contentWindow!.scrollTo(0, 500);
    await settle();
    expect(page.win.CidConsent!.get().decided).to.equal(false);
    expect(readCookie()).to.equal(undefined);
    expect(page.bannerOpen()).to.equal(true);
    expect(await page.requests()).to.deep.equal([]);
  });
});

describe('CNIL: refusing as easy as accepting, on the first layer (recommendation 2020-092)', () => {
  it('should offer accept-all and reject-all side by side on the banner', async () => {
    const page = await context().open();
    expect(page.button('cid-consent-banner', 'accept-all')).to.exist;
    expect(page.button('cid-consent-banner', 'reject-all')).to.exist;
  });

  for (const theme of ['light', 'dark']) {
    it(`should give both the same size, weight and colours, each with contrast ≥ 4.5 (${theme})`, async () => {
      const page = await context().open({ attributes: `data-policy-url="/p" data-theme="${theme}"` });
      const look = (action: string) => {
        const button = page.button('cid-consent-banner', action);
        const s = getComputedStyle(button);
        const box = button.getBoundingClientRect();
        return {
          width: Math.round(box.width),
          height: Math.round(box.height),
          font: `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`,
          colours: `${s.color} on ${s.backgroundColor}, border ${s.borderColor}`,
          contrast: contrast(s.color, s.backgroundColor),
        };
      };
      const accept = look('accept-all');
      const reject = look('reject-all');
      expect(reject).to.deep.equal(accept);
      expect(accept.contrast).to.be.at.least(4.5);
    });
  }
});

describe('CNIL: refusing as easy as accepting, with services shown (recommendation 2020-092)', () => {
  it('should keep accept-all and reject-all of the banner and of the panel alike', async () => {
    const page = await context().open({ before: SERVICES_CONFIG, attributes: '' });
    const look = (tag: 'cid-consent-banner' | 'cid-consent-preferences', action: string) => {
      const button = page.button(tag, action);
      const s = getComputedStyle(button);
      const box = button.getBoundingClientRect();
      return `${Math.round(box.width)}×${Math.round(box.height)} ${s.fontWeight} ${s.fontSize} ${s.color} on ${s.backgroundColor}`;
    };
    expect(look('cid-consent-banner', 'reject-all')).to.equal(look('cid-consent-banner', 'accept-all'));
    await openPanel(page);
    expect(look('cid-consent-preferences', 'reject-all')).to.equal(look('cid-consent-preferences', 'accept-all'));
  });
});

describe('CNIL: informed and specific consent (guidelines 2020-091)', () => {
  it('should pre-tick no toggle but the always-active necessary one', async () => {
    const panel = await openPanel(await context().open());
    const toggles = [...panel.shadowRoot!.querySelectorAll('input')];
    expect(toggles.filter((t) => t.checked).map((t) => t.name)).to.deep.equal(['necessary']);
    // Focusable (aria-disabled, WCAG 2.1.1) but never untickable.
    const necessary = toggles.find((t) => t.name === 'necessary')!;
    expect(necessary.getAttribute('aria-disabled')).to.equal('true');
    necessary.click();
    expect(necessary.checked).to.equal(true);
  });

  it('should pre-tick no service toggle, and show no purpose as partly granted, before a choice', async () => {
    const panel = await openPanel(await context().open({ before: SERVICES_CONFIG, attributes: '' }));
    const services = [...panel.shadowRoot!.querySelectorAll<HTMLInputElement>('[part~="service-toggle"]')];
    expect(services.map((t) => t.name)).to.deep.equal(['ga4', 'hotjar', 'meta', 'youtube']);
    expect(services.filter((t) => t.checked)).to.deep.equal([]);
    const toggles = [...panel.shadowRoot!.querySelectorAll('input')];
    expect(toggles.filter((t) => t.checked || t.indeterminate).map((t) => t.name)).to.deep.equal(['necessary']);
  });

  it('should give each purpose a title and a description', async () => {
    const panel = await openPanel(await context().open());
    const items = [...panel.shadowRoot!.querySelectorAll('[part="purpose"]')];
    expect(items).to.have.length(4);
    for (const item of items) {
      expect(item.querySelector('label')!.textContent!.trim().length).to.be.greaterThan(5);
      expect(item.querySelector('[part="description"]')!.textContent!.trim().length).to.be.greaterThan(30);
    }
  });

  it('should list the services of each purpose and link the policies and the data-protection contact', async () => {
    const page = await context().open({
      before: `<script>window.cidConsentConfig = {
        policyUrl: '/politique', cookiePolicyUrl: '/cookies', contactEmail: 'protectiondesdonnees@cid-it.fr',
        purposes: [{ id: 'necessary', required: true },
          { id: 'analytics', services: [{ name: 'Google Analytics 4', provider: 'Google Ireland', policyUrl: 'https://policies.google.com/privacy' }] }] }</script>`,
      attributes: '',
    });
    const panel = await openPanel(page);
    const root = panel.shadowRoot!;
    expect(root.querySelector('[part="purpose"] li')!.textContent).to.equal('Google Analytics 4 (Google Ireland)');
    const hrefs = [...root.querySelectorAll('[part="links"] a')].map((a) => a.getAttribute('href'));
    expect(hrefs).to.deep.equal(['/politique', '/cookies', 'mailto:protectiondesdonnees@cid-it.fr']);
  });
});

describe('CNIL: withdrawing as easy as giving (guidelines 2020-091)', () => {
  it('should reopen the panel from a data-cid-consent-open link after a decision', async () => {
    const page = await context().open({ after: '<a href="#" data-cid-consent-open>Gérer mes cookies</a>' });
    page.button('cid-consent-banner', 'accept-all').click();
    page.doc.querySelector<HTMLElement>('[data-cid-consent-open]')!.click();
    const panel = page.doc.querySelector('cid-consent-preferences')!;
    expect(panel.open).to.equal(true);
    await panel.updateComplete;
    page.button('cid-consent-preferences', 'reject-all').click();
    expect(page.win.CidConsent!.has('analytics')).to.equal(false);
  });

  it('should offer a floating "manage cookies" button when manageButton is set, and none by default', async () => {
    const without = await context().open();
    without.button('cid-consent-banner', 'reject-all').click();
    await without.doc.querySelector('cid-consent-banner')!.updateComplete;
    expect(without.doc.querySelector('cid-consent-banner')!.shadowRoot!.querySelector('button')).to.equal(null);

    const page = await context().open({ attributes: 'data-policy-url="/p" data-manage-button="true"' });
    page.button('cid-consent-banner', 'accept-all').click();
    const banner = page.doc.querySelector('cid-consent-banner')!;
    await banner.updateComplete;
    banner.shadowRoot!.querySelector<HTMLButtonElement>('[part~="manage"]')!.click();
    expect(page.doc.querySelector('cid-consent-preferences')!.open).to.equal(true);
  });
});

describe('CNIL: a choice is kept 6 months, refusal as long as consent (recommendation 2020-092)', () => {
  it('should store acceptance and refusal for the same 182 days by default', () => {
    const lifetimes: number[] = [];
    const storage = { read: () => undefined, write: (_: string, days: number) => (lifetimes.push(days), true), remove() {} };
    const manager = new ConsentManager({
      purposes: DEFAULT_PURPOSES,
      revision: 1,
      maxAgeDays: parseConfig({ policyUrl: '/p' }, 'fr', spyLogger().log).cookie.maxAgeDays,
      storage,
      log: spyLogger().log,
      now: Date.now,
      randomId: () => 'visitor0001',
    });
    manager.decide({ analytics: true, marketing: true, partners: true });
    manager.decide({ analytics: false, marketing: false, partners: false });
    expect(lifetimes).to.deep.equal([182, 182]);
  });

  it('should cap maxAgeDays above 395 days (13 months) with a warning', () => {
    const { log, warnings } = spyLogger();
    expect(parseConfig({ policyUrl: '/p', cookie: { maxAgeDays: 730 } }, 'fr', log).cookie.maxAgeDays).to.equal(395);
    expect(warnings).to.have.length(1);
  });

  it('should ask again when the revision changes', async () => {
    const { open } = context();
    const first = await open({ attributes: 'data-policy-url="/p" data-revision="4"' });
    first.button('cid-consent-banner', 'reject-all').click();
    expect((await open({ attributes: 'data-policy-url="/p" data-revision="4"' })).bannerOpen()).to.equal(false);
    expect((await open({ attributes: 'data-policy-url="/p" data-revision="5"' })).bannerOpen()).to.equal(true);
  });
});
