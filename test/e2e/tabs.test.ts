import { expect, waitUntil } from '@open-wc/testing';
import { context, type E2EPage } from './page.js';

afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

/** Counts what a page hears: change events and GTM pushes. */
function listen(page: E2EPage) {
  const seen = { changes: 0 };
  page.doc.addEventListener('cid-consent-change', () => seen.changes++);
  return seen;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
type PageWindow = E2EPage['win'] & { dataLayer?: unknown[] };

describe('several tabs deciding at once', () => {
  it('should settle every tab on the later decision, with at most one change event per message and no echo', async () => {
    const { open, readCookie } = context();
    const before = '<script>window.dataLayer = []</script>';
    const first = await open({ before });
    const second = await open({ before });
    const heardFirst = listen(first);
    const heardSecond = listen(second);
    // Both decide in the same task: each one's message crosses the other's.
    first.win.CidConsent!.acceptAll();
    second.win.CidConsent!.rejectAll();
    await pause(1000);
    const settled = first.win.CidConsent!.get();
    expect(second.win.CidConsent!.get()).to.deep.equal(settled);
    // The later decision wins (same millisecond: the same tie-break in both tabs).
    const later = [first, second]
      .map((page) => page.win.CidConsent!.get())
      .sort((a, b) => Date.parse(a.updatedAt!) - Date.parse(b.updatedAt!))
      .pop();
    expect(settled).to.deep.equal(later);
    expect(readCookie()).to.match(new RegExp(`\\|${settled.purposes.analytics ? 'analytics=1' : 'analytics=0'}`));
    // Its own decision plus at most one change for the one message it received.
    expect(heardFirst.changes).to.be.at.most(2);
    expect(heardSecond.changes).to.be.at.most(2);
    const pushes = (page: E2EPage) => (page.win as PageWindow).dataLayer!.length;
    const counted = [pushes(first), pushes(second)];
    await pause(300);
    expect([pushes(first), pushes(second)], 'nothing more is pushed once settled').to.deep.equal(counted);
    expect(Math.max(...counted)).to.be.at.most(3);
  });

  it('should not pass on a decision received from another tab', async () => {
    const { open } = context();
    const first = await open();
    const second = await open();
    const third = await open();
    const sent: unknown[] = [];
    // Spy on what the second tab broadcasts.
    const { BroadcastChannel: Channel } = second.win as unknown as { BroadcastChannel: typeof BroadcastChannel };
    const post = Channel.prototype.postMessage;
    Channel.prototype.postMessage = function (this: BroadcastChannel, message: unknown) {
      sent.push(message);
      return post.call(this, message);
    };
    first.win.CidConsent!.acceptAll();
    await waitUntil(() => second.win.CidConsent!.has('analytics') && third.win.CidConsent!.has('analytics'), 'the decision reaches both tabs');
    await pause(200);
    expect(sent).to.deep.equal([]);
  });

  it('should not let a tab with another revision wipe the decision another tab just made', async () => {
    const { open } = context();
    const older = await open({ attributes: 'data-policy-url="/p" data-revision="1"' });
    const newer = await open({ attributes: 'data-policy-url="/p" data-revision="2"' });
    newer.win.CidConsent!.acceptAll();
    await pause(300);
    older.win.CidConsent!.rejectAll();
    await pause(500);
    expect(newer.win.CidConsent!.get()).to.include({ decided: true, revision: 2 });
    expect(newer.win.CidConsent!.has('analytics'), 'the newer tab keeps its own decision').to.equal(true);
    expect(older.win.CidConsent!.has('analytics'), 'the older tab keeps its own decision').to.equal(false);
  });

  it('should show in another tab the date of the same choice confirmed again, with no change event there', async () => {
    const { open } = context();
    const first = await open();
    const second = await open();
    first.win.CidConsent!.acceptAll();
    await waitUntil(() => second.win.CidConsent!.has('analytics'), 'the decision reaches the second tab');
    const heard = listen(second);
    await pause(5);
    first.win.CidConsent!.acceptAll();
    const { updatedAt } = first.win.CidConsent!.get();
    const panel = second.doc.querySelector('cid-consent-preferences')!;
    await waitUntil(() => panel.decidedAt === updatedAt, 'the second tab’s panel shows the new date');
    expect(second.win.CidConsent!.get().updatedAt).to.equal(updatedAt);
    expect(heard.changes).to.equal(0);
  });
});
