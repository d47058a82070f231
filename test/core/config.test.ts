import { expect } from '@open-wc/testing';
import { parseConfig, isSafeUrl } from '../../src/core/config.js';
import { spyLogger } from '../helpers.js';

describe('parseConfig', () => {
  it('should accept a minimal configuration with CID-IT’s defaults', () => {
    const { log, errors, warnings } = spyLogger();
    const config = parseConfig({ policyUrl: '/politique-de-confidentialite' }, undefined, log);
    expect(errors).to.be.empty;
    expect(warnings).to.be.empty;
    expect(config.lang).to.equal('fr');
    expect(config.revision).to.equal(1);
    expect(config.cookie).to.deep.equal({ name: 'cid_consent', maxAgeDays: 182 });
    expect(config.purposes.map((p) => p.id)).to.deep.equal(['necessary', 'analytics', 'marketing', 'partners']);
  });

  it('should name policyUrl when it is missing, and still return a usable configuration', () => {
    const { log, errors } = spyLogger();
    const config = parseConfig({}, undefined, log);
    expect(errors).to.have.length(1);
    expect(errors[0]).to.match(/^\[cid-consent\] config\.policyUrl: expected .*required/);
    expect(config.purposes).to.have.length(4);
  });

  for (const input of [null, 'policy', 42, [], () => {}]) {
    it(`should not throw on ${JSON.stringify(input) ?? typeof input} and say a plain object is expected`, () => {
      const { log, errors } = spyLogger();
      expect(parseConfig(input, undefined, log).autoShow).to.equal(true);
      expect(errors[0]).to.equal('[cid-consent] config: expected a plain object with at least policyUrl.');
    });
  }

  it('should take the language from <html lang> and fall back to French', () => {
    const { log } = spyLogger();
    expect(parseConfig({ policyUrl: '/p' }, 'en-GB', log).lang).to.equal('en');
    expect(parseConfig({ policyUrl: '/p' }, 'de', log).lang).to.equal('fr');
  });

  it('should warn and use French for an unknown lang', () => {
    const { log, warnings } = spyLogger();
    expect(parseConfig({ policyUrl: '/p', lang: 'de' }, 'en', log).lang).to.equal('fr');
    expect(warnings).to.deep.equal(['[cid-consent] config.lang: "de" is not available, using "fr".']);
  });

  it('should keep the first of two purposes with the same id and name the second', () => {
    const { log, errors } = spyLogger();
    const config = parseConfig({ policyUrl: '/p', purposes: [{ id: 'stats' }, { id: 'stats', required: true }] }, 'fr', log);
    expect(config.purposes.map((p) => [p.id, p.required])).to.deep.equal([
      ['necessary', true],
      ['stats', false],
    ]);
    expect(errors).to.deep.equal(['[cid-consent] config.purposes[1].id: expected an id not used before ("stats" is).']);
  });

  it('should refuse malformed purpose ids and entries', () => {
    const { log, errors } = spyLogger();
    const config = parseConfig({ policyUrl: '/p', purposes: [{ id: '1st' }, 'ads', { id: 'ads', cookies: 'x' }] }, 'fr', log);
    expect(config.purposes.map((p) => p.id)).to.deep.equal(['necessary', 'ads']);
    expect(errors.map((e) => e.split(':')[0])).to.deep.equal([
      '[cid-consent] config.purposes[0].id',
      '[cid-consent] config.purposes[1].id',
      '[cid-consent] config.purposes[2].cookies',
    ]);
  });

  it('should cap maxAgeDays at 395 days (13 months) with a warning', () => {
    const { log, warnings } = spyLogger();
    expect(parseConfig({ policyUrl: '/p', cookie: { maxAgeDays: 800 } }, 'fr', log).cookie.maxAgeDays).to.equal(395);
    expect(warnings[0]).to.contain('config.cookie.maxAgeDays');
  });

  it('should name each key of the wrong type and keep its default', () => {
    const { log, errors } = spyLogger();
    const config = parseConfig(
      { policyUrl: '/p', revision: '2', autoShow: 'no', theme: 'pink', cookie: { name: 'a b' }, texts: 'x' },
      'fr',
      log,
    );
    expect(config).to.include({ revision: 1, autoShow: true, theme: 'auto' });
    expect(config.cookie.name).to.equal('cid_consent');
    expect(errors.map((e) => e.split(':')[0])).to.deep.equal([
      '[cid-consent] config.revision',
      '[cid-consent] config.autoShow',
      '[cid-consent] config.theme',
      '[cid-consent] config.cookie.name',
      '[cid-consent] config.texts',
    ]);
  });

  it('should warn about an unknown key', () => {
    const { log, warnings } = spyLogger();
    parseConfig({ policyUrl: '/p', polycyUrl: '/p' }, 'fr', log);
    expect(warnings).to.deep.equal(['[cid-consent] config.polycyUrl is not a known option; it is ignored.']);
  });

  it('should keep a service whose policy link is unsafe, without the link', () => {
    const { log, errors } = spyLogger();
    const config = parseConfig(
      { policyUrl: '/p', purposes: [{ id: 'ads', services: [{ name: 'Pixel', policyUrl: 'javascript:alert(1)' }, { nom: 'x' }] }] },
      'fr',
      log,
    );
    expect(config.purposes[1].services).to.deep.equal([{ name: 'Pixel', provider: undefined, policyUrl: undefined }]);
    expect(errors.map((e) => e.split(':')[0])).to.deep.equal([
      '[cid-consent] config.purposes[0].services[0].policyUrl',
      '[cid-consent] config.purposes[0].services[1]',
    ]);
  });

  it('should keep a service id and cookie patterns, and name a malformed one', () => {
    const { log, errors } = spyLogger();
    const config = parseConfig(
      {
        policyUrl: '/p',
        purposes: [{ id: 'ads', services: [{ id: 'pixel', name: 'Pixel', cookies: ['_fbp'] }, { id: '1x', name: 'X', cookies: ['/(/'] }] }],
      },
      'fr',
      log,
    );
    expect(config.purposes[1].services).to.deep.equal([
      { id: 'pixel', name: 'Pixel', provider: undefined, policyUrl: undefined, cookies: ['_fbp'] },
      { name: 'X', provider: undefined, policyUrl: undefined },
    ]);
    expect(errors.map((e) => e.split(':')[0])).to.deep.equal([
      '[cid-consent] config.purposes[0].services[1].id',
      '[cid-consent] config.purposes[0].services[1].cookies',
    ]);
  });

  it('should keep cookie declarations with a lifetime beside plain names, and list in one warning those without a lifetime', () => {
    const { log, errors, warnings } = spyLogger();
    const ga = { name: '_ga', lifetime: '13 mois', description: { fr: 'Distingue les visiteurs', en: 'Tells visitors apart' }, party: 'first' };
    const config = parseConfig(
      {
        policyUrl: '/p',
        purposes: [{ id: 'analytics', cookies: [ga, '_gid'], services: [{ name: 'Pixel', cookies: [{ name: '/^_fb/', lifetime: { days: 90 } }, '_fbc'] }] }],
      },
      'fr',
      log,
    );
    expect(errors).to.deep.equal([]);
    expect(config.purposes[1].cookies).to.deep.equal([ga, '_gid']);
    expect(config.purposes[1].services?.[0].cookies).to.deep.equal([{ name: '/^_fb/', lifetime: { days: 90 } }, '_fbc']);
    expect(warnings).to.deep.equal(['[cid-consent] config.purposes: no lifetime for the cookies _gid, _fbc; write them { name, lifetime }.']);
  });

  it('should name a malformed cookie declaration and keep its name, so that revoking still deletes it', () => {
    const { log, errors } = spyLogger();
    const config = parseConfig(
      {
        policyUrl: '/p',
        purposes: [
          {
            id: 'ads',
            cookies: [
              { name: '_fbp', lifetime: 'forever' },
              { name: '_x', lifetime: { days: -1 } },
              { name: '_y', lifetime: '3 mois', party: 'somebody' },
              { name: '_z', lifetime: '1 an', description: 42 },
            ],
          },
          { id: 'bad', cookies: [{ lifetime: '1 an' }] },
        ],
      },
      'fr',
      log,
    );
    expect(config.purposes[1].cookies).to.deep.equal(['_fbp', '_x', '_y', '_z']);
    expect(config.purposes[2].cookies).to.equal(undefined);
    expect(errors).to.deep.equal([
      '[cid-consent] config.purposes[0].cookies[0]: expected { name, lifetime: "13 mois", "2 years", "session" or { days }, description?, party?: "first" or "third" } ("_fbp" kept without them).',
      '[cid-consent] config.purposes[0].cookies[1]: expected { name, lifetime: "13 mois", "2 years", "session" or { days }, description?, party?: "first" or "third" } ("_x" kept without them).',
      '[cid-consent] config.purposes[0].cookies[2]: expected { name, lifetime: "13 mois", "2 years", "session" or { days }, description?, party?: "first" or "third" } ("_y" kept without them).',
      '[cid-consent] config.purposes[0].cookies[3]: expected { name, lifetime: "13 mois", "2 years", "session" or { days }, description?, party?: "first" or "third" } ("_z" kept without them).',
      '[cid-consent] config.purposes[1].cookies: expected an array of cookie names, valid "/regex/" strings or { name, lifetime: "13 mois", "2 years", "session" or { days }, description?, party?: "first" or "third" }.',
    ]);
  });

  it('should refuse a URL that does not parse, and still start', () => {
    const { log, errors } = spyLogger();
    const config = parseConfig({ policyUrl: 'https://', receiptUrl: 'http://a:99999/', cookiePolicyUrl: '//' }, 'fr', log);
    expect([config.policyUrl, config.receiptUrl, config.cookiePolicyUrl]).to.deep.equal([undefined, undefined, undefined]);
    expect(errors).to.have.length(4);
  });

  it('should take an http(s) or relative receiptUrl, and name any other', () => {
    const { log, errors } = spyLogger();
    expect(parseConfig({ policyUrl: '/p', receiptUrl: 'https://consent.cid-it.fr/receipts' }, 'fr', log).receiptUrl).to.equal(
      'https://consent.cid-it.fr/receipts',
    );
    expect(parseConfig({ policyUrl: '/p', receiptUrl: 'javascript:alert(1)' }, 'fr', log).receiptUrl).to.equal(undefined);
    expect(errors).to.deep.equal(['[cid-consent] config.receiptUrl: expected an http(s) or relative URL.']);
  });

  it('should take sister sites as exact origins and a 32-byte handoffKey, and name anything else (issue #21)', () => {
    const { log, errors } = spyLogger();
    const key = 'm1pFq2sGJx3cM9k0yQZbWd8e7rT4uV6hN5aL2oPiKjE';
    const good = parseConfig({ policyUrl: '/p', sites: ['https://www.cid-it.fr', 'https://www.cid-it.boutique'], handoffKey: key }, 'fr', log);
    expect([good.sites, good.handoffKey]).to.deep.equal([['https://www.cid-it.fr', 'https://www.cid-it.boutique'], key]);
    expect(errors).to.deep.equal([]);
    for (const sites of [['https://www.cid-it.fr/'], ['www.cid-it.fr'], 'https://www.cid-it.fr', [], ['https://WWW.cid-it.fr']]) {
      expect(parseConfig({ policyUrl: '/p', sites }, 'fr', log).sites).to.deep.equal([]);
    }
    for (const handoffKey of [key.slice(1), `${key}A`, key.replace(/E$/, 'F'), 42]) {
      expect(parseConfig({ policyUrl: '/p', handoffKey }, 'fr', log).handoffKey).to.equal(undefined);
    }
    expect(errors).to.have.length(9);
    expect(errors[0]).to.equal('[cid-consent] config.sites: expected origins such as ["https://www.cid-it.fr"].');
    expect(errors[8]).to.equal('[cid-consent] config.handoffKey: expected the key npm run receiver:keygen prints.');
  });

  it('should keep purpose and service ids in one namespace, naming a repeated one', () => {
    const { log, errors } = spyLogger();
    const config = parseConfig(
      {
        policyUrl: '/p',
        purposes: [
          { id: 'marketing', services: [{ id: 'youtube', name: 'YouTube' }, { id: 'marketing', name: 'Pixel' }] },
          { id: 'youtube' },
        ],
      },
      'fr',
      log,
    );
    // The purpose keeps its id; the service that took it, and the one that took another purpose's, lose theirs.
    expect(config.purposes.map((p) => p.id)).to.deep.equal(['necessary', 'marketing', 'youtube']);
    expect(config.purposes[1].services!.map((s) => s.id)).to.deep.equal([undefined, undefined]);
    expect(errors.map((e) => e.split(':')[0])).to.deep.equal([
      '[cid-consent] config.purposes[0].services[0].id',
      '[cid-consent] config.purposes[0].services[1].id',
    ]);
  });

  it('should name a lang that cannot even be printed, without throwing', () => {
    const { log, warnings } = spyLogger();
    expect(parseConfig({ policyUrl: '/p', lang: { toString: 0 } }, 'fr', log).lang).to.equal('fr');
    expect(warnings).to.deep.equal(['[cid-consent] config.lang: "an object that cannot be printed" is not available, using "fr".']);
  });

  it('should only link to http(s) or relative URLs', () => {
    for (const url of ['/privacy', 'privacy.html', 'https://cid-it.fr/p', 'HTTP://x.fr', '#policy', '?p=1']) {
      expect(isSafeUrl(url), url).to.equal(true);
    }
    for (const url of ['javascript:alert(1)', ' JavaScript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,x', 'vbscript:x']) {
      expect(isSafeUrl(url), url).to.equal(false);
    }
    const { log, errors } = spyLogger();
    expect(parseConfig({ policyUrl: 'javascript:alert(1)' }, 'fr', log).policyUrl).to.equal(undefined);
    expect(errors[0]).to.contain('config.policyUrl: expected an http(s) or relative URL');
  });
});
