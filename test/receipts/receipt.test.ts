import { expect } from '@open-wc/testing';
import type { ConsentChange, ConsentState } from '../../src/core/types.js';
import { en } from '../../src/i18n/en.js';
import { fr } from '../../src/i18n/fr.js';
import { viewPurposes } from '../../src/i18n/index.js';
import { DEFAULT_PURPOSES } from '../../src/core/purposes.js';
import { buildNotice, buildReceipt, inForce, oversizedNotice, type ReceiptContext } from '../../src/receipts/receipt.js';

const state = (decided: boolean, analytics: boolean): ConsentState => ({
  decided,
  purposes: { necessary: true, analytics, marketing: false, partners: false },
  services: {},
  id: decided ? 'visitor0042' : null,
  updatedAt: decided ? '2026-11-26T10:00:00.000Z' : null,
  revision: 3,
});

const context: ReceiptContext = {
  notice: buildNotice(fr, viewPurposes(DEFAULT_PURPOSES, fr, 'fr'), 'https://www.cid-it.fr/produits/', {
    policyUrl: '/politique',
    contactEmail: 'dpo@cid-it.fr',
    maxAgeDays: 182,
    lang: 'fr',
  }),
  gpc: false,
  lang: 'fr',
  location: { origin: 'https://www.cid-it.fr', pathname: '/produits/portables' },
  now: () => Date.UTC(2026, 10, 26, 11),
};

describe('receipts', () => {
  it('should take the consent id and decision time of the stored record', () => {
    const change: ConsentChange = { state: state(true, true), previous: state(false, false), granted: ['analytics'], revoked: [], stored: true };
    expect(buildReceipt(change, 'panel-save', context)).to.deep.include({
      consentId: 'visitor0042',
      decidedAt: '2026-11-26T10:00:00.000Z',
      revision: 3,
      method: 'panel-save',
      site: 'https://www.cid-it.fr',
      page: '/produits/portables',
    });
  });

  it('should name the forgotten consent id and the time of a reset', () => {
    const change: ConsentChange = { state: state(false, false), previous: state(true, true), granted: [], revoked: ['analytics'], stored: true };
    expect(buildReceipt(change, 'reset', context)).to.deep.include({
      consentId: 'visitor0042',
      decidedAt: '2026-11-26T11:00:00.000Z',
      choices: { necessary: true, analytics: false, marketing: false, partners: false },
    });
  });

  it('should tell the receipt of the decision in force from an older one, a reset and placeholder grants alone (issue #21)', () => {
    const decided = state(true, true);
    const receiptOf = (overrides: object) => JSON.stringify({ consentId: 'visitor0042', decidedAt: '2026-11-26T10:00:00.000Z', method: 'banner-accept-all', ...overrides });
    expect(inForce(receiptOf({}), decided)).to.equal(true);
    expect(inForce(receiptOf({ decidedAt: '2026-11-25T10:00:00.000Z' }), decided), 'an older decision').to.equal(false);
    expect(inForce(receiptOf({ consentId: 'visitor0001' }), decided), 'another visitor id').to.equal(false);
    expect(inForce(receiptOf({ method: 'reset' }), decided), 'a reset while a decision is held').to.equal(false);
    expect(inForce(receiptOf({ method: 'reset' }), state(false, false))).to.equal(true);
    const partial = { ...state(false, false), id: 'visitor0042', updatedAt: '2026-11-26T10:00:00.000Z' };
    expect(inForce(receiptOf({ method: 'placeholder' }), partial), 'placeholder grants alone are no decision').to.equal(false);
    expect(inForce('not json', decided)).to.equal(false);
  });

  it('should record in the notice the absolute policy link and each purpose as shown', () => {
    expect(context.notice.policyUrl).to.equal('https://www.cid-it.fr/politique');
    expect(context.notice.purposes[1]).to.deep.equal({
      id: 'analytics',
      required: false,
      label: fr['analytics.label'],
      description: fr['analytics.description'],
      services: [],
    });
  });

  it('should record the notice as shown: the duration filled in as the panel says it, the retention period and the contact address', () => {
    const { notice } = context;
    expect(notice.texts['panel.text']).to.match(/votre choix est conservé 6\smois\.$/);
    expect(JSON.stringify(notice)).to.not.contain('{duration}');
    expect(notice).to.deep.include({ maxAgeDays: 182, contactEmail: 'dpo@cid-it.fr' });
  });

  it('should fill in a duration of days in the page’s language, and name no contact address when the site gave none', () => {
    const notice = buildNotice(en, viewPurposes(DEFAULT_PURPOSES, en, 'en'), 'https://www.cid-it.fr/', { maxAgeDays: 100, lang: 'en' });
    expect(notice.texts['panel.text']).to.contain('kept for 100 days');
    expect(notice.maxAgeDays).to.equal(100);
    expect(notice.contactEmail).to.equal(undefined);
  });

  it('should say when a notice would make receipts too large for the receiver, and not otherwise', () => {
    expect(oversizedNotice(context.notice)).to.equal(undefined);
    const long = Array.from({ length: 20 }, (_, i) => ({ id: `p${i}`, description: 'Une description très longue. '.repeat(30) }));
    const notice = buildNotice(fr, viewPurposes(long, fr, 'fr'), 'https://www.cid-it.fr/', { maxAgeDays: 182, lang: 'fr' });
    expect(oversizedNotice(notice)).to.be.above(16 * 1024 - 2048);
  });
});
