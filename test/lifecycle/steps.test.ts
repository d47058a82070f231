import { expect } from '@open-wc/testing';
import type { ChangeOrigin } from '../../src/core/api.js';
import type { ConsentChange, ConsentState } from '../../src/core/types.js';
import {
  AFTER_FIRST_PAINT,
  ON_CHANGE,
  START_UP,
  afterFirstPaint,
  runSteps,
  sendReceipt,
  sendSignals,
  sendStateSignals,
  tellOtherTabs,
} from '../../src/lifecycle/steps.js';
import type { Widget } from '../../src/lifecycle/widget.js';
import { spyLogger } from '../helpers.js';

const state = (analytics: boolean): ConsentState => ({
  decided: true,
  purposes: { necessary: true, analytics },
  services: {},
  id: 'visitor0001',
  updatedAt: null,
  revision: 1,
});
const change: ConsentChange = { state: state(true), previous: state(false), granted: ['analytics'], revoked: [], stored: true };

/** Just the parts of a widget a step under test reads. */
const widgetWith = (parts: Partial<Widget>) => parts as Widget;

describe('start-up sequence', () => {
  it('should send the Consent Mode default first, take a sister site\'s token out of the address bar before any script runs, the state signals before gating, and ready before the queue', () => {
    expect(START_UP.map((step) => step.name)).to.deep.equal([
      'sendConsentModeDefault',
      'connectApi',
      'arriveFromSister',
      'sendStateSignals',
      'runGate',
      'listen',
      'announceReady',
      'placeElements',
      'drainCallQueue',
      'afterFirstPaint',
    ]);
  });

  it('should open the channel to other tabs, load the panel, check and resend receipts, then link sister sites, only after the first frame is painted', async () => {
    expect(AFTER_FIRST_PAINT.map((step) => step.name)).to.deep.equal(['listenToOtherTabs', 'loadPanelElements', 'checkReceiptSize', 'resendReceipts', 'linkSisterSites']);
    const flushed: string[] = [];
    const outbox = { flush: async () => void flushed.push('flush') } as unknown as NonNullable<Widget['receipts']>['outbox'];
    const notice = { widget: '0', texts: {}, purposes: [] } as unknown as NonNullable<Widget['receipts']>['context']['notice'];
    const received: unknown[] = [];
    const { log, errors } = spyLogger();
    const widget = widgetWith({
      config: { cookie: { name: 'steps-test' }, sites: [] } as unknown as Widget['config'],
      runtime: { receive: (message?: unknown) => received.push(message) } as unknown as Widget['runtime'],
      receipts: { outbox, context: { notice } } as Widget['receipts'],
      log,
    });
    afterFirstPaint(widget);
    expect([flushed, received, widget.channel]).to.deep.equal([[], [], undefined]);
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => setTimeout(resolve))));
    expect(flushed).to.deep.equal(['flush']);
    expect(received, 'storage read once, for a decision another tab took before the channel opened').to.deep.equal([undefined]);
    expect(widget.channel).to.be.instanceOf(BroadcastChannel);
    expect(errors).to.deep.equal([]);
    widget.channel!.close();
  });

  it('should send a Consent Mode update at start-up for every stored record, a placeholder’s grant included, and none without one', () => {
    const updates: ConsentState[] = [];
    const nothing = { ...state(false), decided: false, id: null };
    const placeholder = { ...state(true), decided: false };
    for (const stored of [nothing, placeholder, state(true)]) {
      sendStateSignals(widgetWith({ manager: { state: stored } as Widget['manager'], updateConsentMode: (s) => updates.push(s) }));
    }
    expect(updates).to.deep.equal([placeholder, state(true)]);
  });
});

describe('change pipeline', () => {
  it('should signal Google and GTM before gating, then clean up, then tell other tabs', () => {
    expect(ON_CHANGE.map((step) => step.name)).to.deep.equal([
      'updateElements',
      'updateDeclarations',
      'sendSignals',
      'gateChange',
      'deleteRevokedCookies',
      'tellOtherTabs',
      'sendReceipt',
      'reloadOnRevoke',
    ]);
  });

  it('should tell other tabs of a decision taken here, and never pass on one received from another tab', () => {
    const sent: unknown[] = [];
    const widget = widgetWith({
      channel: { postMessage: (message: unknown) => sent.push(message) } as unknown as BroadcastChannel,
      manager: { message: { value: 'v', at: 1 } } as Widget['manager'],
    });
    const local: ChangeOrigin = { remote: false, method: 'api' };
    tellOtherTabs(widget, change, { remote: true });
    tellOtherTabs(widget, { ...change, stored: false }, local);
    tellOtherTabs(widget, change, local);
    expect(sent).to.deep.equal([{ value: 'v', at: 1 }]);
  });

  it('should send a receipt of the same choice confirmed again, but no signal to Google or GTM: nothing changed', () => {
    const renewal: ConsentChange = { state: state(true), previous: state(true), granted: [], revoked: [], stored: true };
    const updates: ConsentState[] = [];
    const sent: string[] = [];
    const dataLayer: unknown[] = [];
    const win = window as { dataLayer?: unknown[] };
    const before = win.dataLayer;
    win.dataLayer = dataLayer;
    const widget = widgetWith({
      updateConsentMode: (s) => updates.push(s),
      receipts: {
        outbox: { send: async (body: string) => void sent.push(body) },
        context: { now: Date.now, location: { origin: 'https://www.cid-it.fr', pathname: '/' } },
      } as unknown as Widget['receipts'],
    });
    try {
      sendSignals(widget, renewal);
      sendReceipt(widget, renewal, { remote: false, method: 'panel-save' });
    } finally {
      win.dataLayer = before;
    }
    expect([updates, dataLayer]).to.deep.equal([[], []]);
    expect(sent.map((body) => JSON.parse(body).method)).to.deep.equal(['panel-save']);
  });

  it('should run the next steps when one throws, and name the one that failed', () => {
    const { log, errors } = spyLogger();
    const ran: string[] = [];
    function broken(): void {
      throw new Error('boom');
    }
    runSteps([() => ran.push('before'), broken, () => ran.push('after')], log);
    expect(ran).to.deep.equal(['before', 'after']);
    expect(errors).to.deep.equal(['[cid-consent] broken failed: Error: boom']);
  });
});
