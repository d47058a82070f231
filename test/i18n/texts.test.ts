import { expect } from '@open-wc/testing';
import { en } from '../../src/i18n/en.js';
import { fr } from '../../src/i18n/fr.js';
import { formatDuration, resolveTexts, sitesScope, viewPurposes } from '../../src/i18n/index.js';
import { DEFAULT_PURPOSES } from '../../src/core/purposes.js';
import { spyLogger } from '../helpers.js';

describe('texts', () => {
  it('should have the same keys in French and English', () => {
    expect(Object.keys(en).sort()).to.deep.equal(Object.keys(fr).sort());
  });

  it('should follow French typography: a non-breaking space before : ; ? ! » and after «', () => {
    for (const [key, text] of Object.entries(fr)) {
      expect(text, key).to.not.match(/[^\u00a0\u202f][:;?!»]|«[^\u00a0\u202f]/u);
      expect(text, key).to.not.match(/'/);
    }
  });

  it('should use English punctuation in English', () => {
    for (const [key, text] of Object.entries(en)) expect(text, key).to.not.match(/\u00a0/);
  });

  it('should take overrides, and report unknown keys and non-strings without using them', () => {
    const { log, warnings, errors } = spyLogger();
    const texts = resolveTexts('fr', { 'banner.title': 'Cookies', 'banner.titel': 'x', 'action.accept': 3 as unknown as string }, log);
    expect(texts['banner.title']).to.equal('Cookies');
    expect(texts['action.accept']).to.equal('Tout accepter');
    expect(warnings).to.deep.equal(['[cid-consent] texts.fr.banner.titel is not a known text; ignored.']);
    expect(errors).to.deep.equal(['[cid-consent] texts.fr.action.accept: expected a string.']);
  });

  it('should give every default purpose a label and a description in both languages', () => {
    for (const [lang, texts] of [['fr', fr], ['en', en]] as const) {
      for (const purpose of viewPurposes(DEFAULT_PURPOSES, texts, lang)) {
        expect(purpose.label, `${lang} ${purpose.id}`).to.not.equal(purpose.id);
        expect(purpose.description.length, `${lang} ${purpose.id}`).to.be.greaterThan(30);
      }
    }
  });

  it('should prefer a site’s own label, per language', () => {
    const [purpose] = viewPurposes([{ id: 'chat', label: { fr: 'Discussion', en: 'Chat' } }], en, 'en');
    expect(purpose.label).to.equal('Chat');
    expect(purpose.description).to.equal('');
  });

  it('should say a cookie lifetime in whole months when it is one, else in days', () => {
    const said = (days: number) => [formatDuration(days, 'fr'), formatDuration(days, 'en')];
    expect(said(182)).to.deep.equal(['6\u00a0mois', '6 months']);
    expect(said(30)).to.deep.equal(['1\u00a0mois', '1 month']);
    expect(said(395)).to.deep.equal(['13\u00a0mois', '13 months']);
    expect(said(100)).to.deep.equal(['100\u00a0jours', '100 days']);
    expect(said(1)).to.deep.equal(['1\u00a0jour', '1 day']);
  });

  it('should list the sister sites as Intl.ListFormat does, in both languages, without it', () => {
    const sites = ['https://a.fr', 'https://b.fr', 'https://c.fr:8443', 'https://d.fr'];
    for (const [lang, texts] of [['fr', fr], ['en', en]] as const) {
      for (let count = 1; count <= sites.length; count++) {
        const hosts = sites.slice(0, count).map((site) => new URL(site).host);
        const expected = texts['sites.scope'].replace('{sites}', new Intl.ListFormat(lang, { type: 'conjunction' }).format(hosts));
        expect(sitesScope(texts, sites.slice(0, count), lang)).to.equal(expected);
      }
    }
  });

  it('should make "always active" agree with the plural label of the necessary purpose', () => {
    expect(fr['necessary.label']).to.equal('Strictement nécessaires');
    expect(fr['panel.required']).to.equal('Toujours actifs');
  });

  it('should leave a {duration} placeholder in the panel text, in both languages', () => {
    expect(fr['panel.text']).to.contain('{duration}');
    expect(en['panel.text']).to.contain('{duration}');
  });

  it('should leave the placeholders each service text needs, in both languages', () => {
    for (const texts of [fr, en]) {
      expect(texts['placeholder.service']).to.contain('{service}').and.contain('{name}');
      expect(texts['panel.servicePolicy']).to.contain('{name}');
      expect(texts['panel.consentId']).to.contain('{id}');
    }
  });
});
