import { expect, waitUntil } from '@open-wc/testing';
import { context, settle } from './page.js';

afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

describe('gated scripts and the parser', () => {
  it('should run a gated inline script that arrives in two network chunks whole, once the parser is done with it', async () => {
    const { open } = context();
    const first = await open();
    first.win.CidConsent!.acceptAll();
    const page = await open({
      inHead: true,
      loading: 'blocking',
      chunked: true,
      after:
        '<script type="text/plain" data-cid-consent="analytics">(window.ran = window.ran || []).push("first half");@@chunk@@window.ran.push("second half")</script><p>after</p>',
    });
    await waitUntil(() => page.win.ran?.length, 'the gated script ran');
    expect(page.win.ran).to.deep.equal(['first half', 'second half']);
  });
});

describe('the queue of gated scripts', () => {
  it('should not stall when a queued external script leaves the page before its turn', async () => {
    const { open, run, inline } = context();
    const slow = `<script type="text/plain" data-cid-consent="analytics" src="/e2e/tracker?run=${run}&name=slow&delay=300"></script>`;
    const page = await open({
      after: `${slow}${inline('first', 'analytics')}<div id="route"><script type="text/plain" data-cid-consent="analytics" src="/e2e/tracker?run=${run}&name=gone"></script></div>${inline('last', 'analytics')}`,
    });
    page.win.CidConsent!.acceptAll();
    // A single-page app changes route while the slow script still loads.
    page.doc.getElementById('route')!.remove();
    await waitUntil(() => page.win.ran?.includes('last'), 'the script after the one that left runs', { timeout: 3000 });
    expect(page.win.ran).to.deep.equal(['slow', 'first', 'last']);
  });

  it('should not wait for external scripts that never fire load or error (nomodule, a non-JavaScript type)', async () => {
    const { open, run, inline } = context();
    const page = await open({
      after:
        `<script type="text/plain" data-cid-consent="analytics" nomodule src="/e2e/tracker?run=${run}&name=legacy"></script>` +
        `<script type="text/plain" data-cid-consent="analytics" data-type="text/x-template" src="/e2e/tracker?run=${run}&name=template"></script>` +
        inline('after', 'analytics'),
    });
    page.win.CidConsent!.acceptAll();
    await waitUntil(() => page.win.ran?.includes('after'), 'the inline script after them runs', { timeout: 3000 });
    await settle();
    expect(page.win.ran).to.deep.equal(['after']);
  });
});

describe('placeholders', () => {
  it('should remove a placeholder with its iframe', async () => {
    const { open } = context();
    const page = await open({ after: '<div><iframe data-cid-consent="marketing" data-src="/nothing" title="Vidéo"></iframe></div>' });
    expect(page.doc.querySelectorAll('cid-consent-placeholder')).to.have.length(1);
    page.doc.querySelector('iframe')!.remove();
    await waitUntil(() => page.doc.querySelectorAll('cid-consent-placeholder').length === 0, 'the placeholder goes with its iframe');
  });
});
