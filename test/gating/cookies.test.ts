import { expect } from '@open-wc/testing';
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
});
