import { expect } from '@open-wc/testing';
import { toMatcher } from '../../src/core/purposes.js';
import { deleteCookies } from '../../src/gating/cookies.js';

const names = () => document.cookie.split('; ').map((c) => c.split('=')[0]);

describe('deleteCookies', () => {
  afterEach(() => ['keep_me', '_ga', '_ga_ABC', '_gid'].forEach((n) => (document.cookie = `${n}=; Max-Age=0; Path=/`)));

  it('should delete exact names and /regex/ matches, and nothing else', () => {
    for (const name of ['keep_me', '_ga', '_ga_ABC', '_gid']) document.cookie = `${name}=1; Path=/`;
    deleteCookies(['_gid', '/^_ga(_|$)/']);
    expect(names()).to.include('keep_me');
    expect(names()).to.not.include.members(['_ga', '_ga_ABC', '_gid']);
  });

  it('should give the same answer for the same name every time, whatever the pattern’s flags', () => {
    for (const pattern of ['/^_g/g', '/_g/y', '/^_G/gi']) {
      const matches = toMatcher(pattern);
      expect(['_ga', '_ga_ABC', '_ga_ABC', '_gid'].map(matches), pattern).to.deep.equal([true, true, true, true]);
    }
  });

  it('should delete every match of a pattern with the g or y flag', () => {
    for (const name of ['_ga', '_ga_ABC', '_gid']) document.cookie = `${name}=1; Path=/`;
    deleteCookies(['/^_g/g']);
    expect(names()).to.not.include.members(['_ga', '_ga_ABC', '_gid']);
    for (const name of ['_ga', '_ga_ABC', '_gid']) document.cookie = `${name}=1; Path=/`;
    deleteCookies(['/_g/y']);
    expect(names()).to.not.include.members(['_ga', '_ga_ABC', '_gid']);
  });

  it('should delete the cookies of declarations as it deletes plain names', () => {
    for (const name of ['keep_me', '_ga', '_ga_ABC', '_gid']) document.cookie = `${name}=1; Path=/`;
    deleteCookies([{ name: '_gid', lifetime: '1 jour' }, { name: '/^_ga(_|$)/', lifetime: { days: 395 }, party: 'first' }]);
    expect(names()).to.include('keep_me');
    expect(names()).to.not.include.members(['_ga', '_ga_ABC', '_gid']);
  });
});
