import { expect, waitUntil } from '@open-wc/testing';
import { context } from './page.js';

afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

type Logs = Window & { logs: string[] };

describe('gated iframes and their placeholders (issue #19)', () => {
  it('should give a gated iframe its own inline style back when it loads', async () => {
    const style = 'display: block; border: 3px solid rgb(255, 0, 0); width: 320px;';
    const page = await context().open({ after: `<iframe style="${style}" data-cid-consent="marketing" data-src="/nothing"></iframe>` });
    const frame = page.doc.querySelector('iframe')!;
    expect(frame.getBoundingClientRect().height, 'hidden while blocked').to.equal(0);
    page.win.CidConsent!.acceptAll();
    expect(frame.getAttribute('style')).to.equal(style);
    expect(page.win.getComputedStyle(frame).display).to.equal('block');
  });

  it('should keep a blocked frame hidden where the page’s own stylesheet shows iframes with !important', async () => {
    const page = await context().open({
      before: '<style>iframe { display: block !important; }</style>',
      after: '<iframe data-cid-consent="marketing" data-src="/nothing" width="400" height="300"></iframe>',
    });
    const frame = page.doc.querySelector('iframe')!;
    expect(frame.getBoundingClientRect().height, 'only the placeholder takes the box').to.equal(0);
    page.win.CidConsent!.acceptAll();
    expect(page.win.getComputedStyle(frame).display).to.equal('block');
    expect(frame.getAttribute('style') ?? '').to.equal('');
  });

  it('should say at start-up which frame names an id that is not configured, name it by its title, and offer no dead button', async () => {
    const page = await context().open({
      after: '<iframe title="Vidéo de présentation" data-cid-consent="youtub" data-src="https://www.youtube-nocookie.com/embed/x"></iframe>',
    });
    expect((page.win as unknown as Logs).logs).to.deep.equal([
      'warn: [cid-consent] <iframe data-cid-consent="youtub" data-src="https://www.youtube-nocookie.com/embed/x">: "youtub" is no configured purpose or service, so it will never load.',
    ]);
    const placeholder = page.doc.querySelector('cid-consent-placeholder')!;
    expect(placeholder.shadowRoot!.querySelector('p')!.textContent).to.equal('Ce contenu (Vidéo de présentation) ne peut pas être affiché sur cette page.');
    expect(placeholder.shadowRoot!.querySelector('[part~="allow"]')).to.equal(null);
    expect(placeholder.shadowRoot!.querySelector('[part~="customize"]')).to.not.equal(null);
  });

  it('should say at start-up which gated script names an id that is not configured, once', async () => {
    const page = await context().open({
      after: '<script type="text/plain" data-cid-consent="analytics analytcs" src="/e2e/tracker?name=t"></script>',
    });
    page.win.CidConsent!.acceptAll();
    expect((page.win as unknown as Logs).logs).to.deep.equal([
      'warn: [cid-consent] <script data-cid-consent="analytics analytcs" src="/e2e/tracker?name=t">: "analytcs" is no configured purpose or service, so it will never run.',
    ]);
  });

  it('should name a frame without a title by the host it would load from', async () => {
    const page = await context().open({ after: '<iframe data-cid-consent="videos" data-src="https://player.vimeo.com/video/1"></iframe>' });
    const placeholder = page.doc.querySelector('cid-consent-placeholder')!;
    expect(placeholder.shadowRoot!.querySelector('p')!.textContent).to.equal('Ce contenu (player.vimeo.com) ne peut pas être affiché sur cette page.');
  });

  it('should keep the placeholder’s text and buttons inside the screen at 320 px, for a 560 × 315 frame whose provider has a long name', async () => {
    const config = {
      policyUrl: '/p',
      purposes: [
        { id: 'necessary', required: true },
        { id: 'marketing', services: [{ id: 'video', name: 'Vidéo', provider: 'videoplatformeuropewestcdn.example.com' }] },
      ],
    };
    const page = await context().open({
      before: `<script>window.cidConsentConfig = ${JSON.stringify(config)}</script>`,
      after: '<iframe title="Vidéo" data-cid-consent="video" data-src="/nothing" width="560" height="315"></iframe>',
    });
    page.frame.style.width = '320px';
    const placeholder = page.doc.querySelector('cid-consent-placeholder')!;
    await waitUntil(() => placeholder.getBoundingClientRect().width <= 320, 'the box follows the narrow screen');
    const inner = placeholder.shadowRoot!.querySelector<HTMLElement>('[part="placeholder"]')!;
    const host = placeholder.getBoundingClientRect();
    for (const part of [inner, ...placeholder.shadowRoot!.querySelectorAll<HTMLElement>('p, button')]) {
      const box = part.getBoundingClientRect();
      expect(box.left, `${part.localName} left`).to.be.at.least(host.left - 0.5);
      expect(box.right, `${part.localName} right`).to.be.at.most(host.right + 0.5);
      expect(box.top, `${part.localName} top`).to.be.at.least(host.top - 0.5);
      expect(box.bottom, `${part.localName} bottom`).to.be.at.most(host.bottom + 0.5);
    }
    expect(page.doc.documentElement.scrollWidth, 'nothing sideways').to.be.at.most(320);
  });
});
