/**
 * Target size in the panel (WCAG 2.2 SC 2.5.8, issue #19 item 15): every control a pointer can hit
 * is 24 × 24 CSS px, or, smaller, has a 24 px circle around its centre that touches no other target
 * nor another small target's circle. Measured on the built bundle's boxes in Chromium.
 */
import { expect } from '@open-wc/testing';
import { context, type E2EPage } from './page.js';
import { SERVICES_CONFIG } from './services-config.js';

afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

interface Target {
  name: string;
  box: DOMRect;
}

const SIZE = 24;
const small = ({ box }: Target) => box.width < SIZE || box.height < SIZE;
const centre = ({ box }: Target) => [box.x + box.width / 2, box.y + box.height / 2];
/** Distance from a point to a box (0 inside it). */
const distance = ([x, y]: number[], box: DOMRect) => Math.hypot(Math.max(box.left - x, 0, x - box.right), Math.max(box.top - y, 0, y - box.bottom));

/** The targets failing SC 2.5.8, each with what it is too close to. */
function failing(targets: Target[]) {
  const failures: string[] = [];
  for (const target of targets.filter(small)) {
    for (const other of targets) {
      if (other === target) continue;
      // Its circle reaches another target, or another small target's circle.
      const tooClose = distance(centre(target), other.box) < SIZE / 2 || (small(other) && Math.hypot(centre(target)[0] - centre(other)[0], centre(target)[1] - centre(other)[1]) < SIZE);
      if (tooClose) failures.push(`${target.name} (${target.box.width.toFixed(1)}×${target.box.height.toFixed(1)}) too close to ${other.name}`);
    }
  }
  return failures;
}

/** Every pointer target of the open panel: what a click toggles (labels, checkboxes), links, buttons. */
async function panelTargets(page: E2EPage): Promise<Target[]> {
  page.win.CidConsent!.show();
  const panel = page.doc.querySelector('cid-consent-preferences')!;
  await panel.updateComplete;
  const dialog = panel.shadowRoot!.querySelector('dialog')!;
  return [...dialog.querySelectorAll<HTMLElement>('label, a, button')].map((el) => ({
    name: `${el.localName} "${el.textContent!.trim().replace(/\s+/g, ' ')}"`,
    // A link that wraps is several boxes; its first one is the smallest a finger aims at.
    box: el.localName === 'a' ? el.getClientRects()[0] : el.getBoundingClientRect(),
  }));
}

const open = (before = '') =>
  context().open({ before: before + SERVICES_CONFIG, attributes: 'data-cookie-policy-url="/c" data-contact-email="dpo@example.fr"' });

describe('target size in the panel (WCAG 2.2 SC 2.5.8)', () => {
  it('should give each service toggle row and its policy link 24 px or the room around them', async () => {
    const targets = await panelTargets(await open());
    const names = targets.map((t) => t.name);
    expect(names).to.include.members(['label "Google Analytics 4 (Google Ireland)"', 'a "Politique de confidentialité de Google Analytics 4"']);
    expect(failing(targets)).to.deep.equal([]);
  });

  it('should keep every target of the panel at 24 CSS px when the page sets its root font size to 62.5 %', async () => {
    const targets = await panelTargets(await open('<style>html { font-size: 62.5% }</style>'));
    expect(failing(targets)).to.deep.equal([]);
  });
});
