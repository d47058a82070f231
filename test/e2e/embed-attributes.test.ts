import { expect } from '@open-wc/testing';
import { context } from './page.js';

afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

// Issue #10, item 9: the widget's <script> tag also carries attributes of other tools
// (Cloudflare Rocket Loader's data-cfasync, Turbo's data-turbo-track…): they are not ours.
describe('data-* attributes of the script tag (dist/cid-consent.js)', () => {
  it('should ignore data-* attributes that are not ours, without a word', async () => {
    const page = await context().open({
      attributes: 'data-policy-url="/p" data-cfasync="false" data-turbo-track="reload" data-domain="cid-it.fr" data-id="x"',
    });
    expect(page.win.logs).to.deep.equal([]);
    expect(page.bannerOpen()).to.equal(true);
  });

  it('should warn, with a "did you mean", about a near-miss of one of our keys, and ignore it', async () => {
    const page = await context().open({ attributes: 'data-policy-url="/p" data-polcy-url="/x" data-cookie-max-age="30" data-themes="dark"' });
    expect(page.win.logs).to.deep.equal([
      'warn: [cid-consent] <script data-polcy-url> is ignored: did you mean data-policy-url?',
      'warn: [cid-consent] <script data-cookie-max-age> is ignored: did you mean data-cookie-max-age-days?',
      'warn: [cid-consent] <script data-themes> is ignored: did you mean data-theme?',
    ]);
    expect(page.doc.querySelector('cid-consent-banner')!.getAttribute('theme')).to.equal('auto');
  });

  it('should say that purposes and texts are set in window.cidConsentConfig, not on the tag', async () => {
    const page = await context().open({ attributes: 'data-policy-url="/p" data-purposes="analytics"' });
    expect(page.win.logs).to.deep.equal([
      'warn: [cid-consent] <script data-purposes> is ignored: set purposes in window.cidConsentConfig.',
    ]);
  });

  it('should still read every option it knows from the tag', async () => {
    const page = await context().open({
      attributes: 'data-policy-url="/p" data-lang="en" data-theme="dark" data-position="center" data-auto-show="true"',
    });
    expect(page.win.logs).to.deep.equal([]);
    const banner = page.doc.querySelector('cid-consent-banner')!;
    expect([banner.getAttribute('lang'), banner.getAttribute('theme'), banner.getAttribute('position')]).to.deep.equal(['en', 'dark', 'center']);
  });
});
