import { expect } from '@open-wc/testing';
import { shownName } from '../../src/components/declaration-model.js';

describe('the cookie names a declaration shows', () => {
  it('should show a prefix pattern as the prefix and a star, an exact pattern as the name', () => {
    expect(shownName('/^_ga_/')).to.equal('_ga_*');
    expect(shownName('/^_hjSession/')).to.equal('_hjSession*');
    expect(shownName('/^cid_consent$/')).to.equal('cid_consent');
  });

  it('should show a plain name, and any other pattern, as the site wrote it', () => {
    expect(shownName('PHPSESSID')).to.equal('PHPSESSID');
    expect(shownName('/_ga$/')).to.equal('/_ga$/');
    expect(shownName('/^(_ga|_gid)/')).to.equal('/^(_ga|_gid)/');
    // An unescaped dot matches any character: not a prefix a visitor can read; an escaped one is.
    expect(shownName('/^_ga.x/')).to.equal('/^_ga.x/');
    expect(shownName('/^_pk_id\\.1/')).to.equal('_pk_id.1*');
  });
});
