/**
 * The start-up steps of sister sites (CONTRACT §13), in the order START_UP and AFTER_FIRST_PAINT
 * (steps.ts) give them: a token taken on arrival, links that carry the decision after the first paint.
 */
import { TAG, describe } from '../core/logger.js';
import { takeToken } from '../handoff/fragment.js';
import { loadHandoff } from './handoff.js';
import type { Widget } from './widget.js';

/** How long a page that arrived with a token holds its banner at most, for the token's check. */
const ARRIVAL_WAIT_MS = 1500;

/**
 * A sister site's token (CONTRACT §13) leaves the address bar before any script of this page can
 * read it (a granted analytics tag reads `location.href`). The banner waits for the token's check,
 * in the sibling file: only on a page that arrived with one. An invalid token is said in the console
 * and the banner shows as usual; a valid one is adopted as a decision, which closes it for good.
 */
export function arriveFromSister(widget: Widget): void {
  const { config, banner, runtime, manager, receipts, log } = widget;
  const key = config.handoffKey;
  const token = config.sites.length && key ? takeToken() : undefined;
  if (!key || !token) return;
  const shown = banner.open;
  const reopen = () => {
    if (shown && !manager.decided) banner.open = true;
  };
  banner.open = false;
  // A file slow to come does not keep the banner away (its loader gives up only after 12 s); a
  // decision adopted after all closes it again.
  const late = setTimeout(reopen, ARRIVAL_WAIT_MS);
  loadHandoff()
    .then(({ checkToken }) => checkToken(token, { key, origin: location.origin, sites: config.sites, revision: config.revision, referrer: document.referrer, now: Date.now, outbox: receipts?.outbox.read() }))
    .then(({ consentId, decidedAt, revision, choices, services }) => runtime.adopt(consentId, Date.parse(decidedAt), revision, { ...choices, ...services }))
    .catch((error: unknown) => log.warn(`${TAG} sister site's decision not taken: ${describe(error)}`))
    .finally(() => {
      clearTimeout(late);
      reopen();
    });
}

/**
 * Links to sister sites carry the decision (CONTRACT §13): with `sites`, `handoffKey` and
 * `receiptUrl`, the sibling file that does it loads after the first paint. Without it (a file that
 * never comes) links go as they are, and the other site asks.
 */
export function linkSisterSites({ config, manager, log }: Widget): void {
  if (config.sites.length < 2 || !config.handoffKey || !config.receiptUrl) return;
  // The receiver's `POST /handoff`, beside its `POST /receipts` (the proxy forwards both).
  const url = new URL('handoff', new URL(config.receiptUrl, location.href)).href;
  loadHandoff()
    .then(({ followSisterLinks }) => followSisterLinks({ sites: config.sites, url, state: () => manager.state, now: Date.now }))
    .catch((error: unknown) => log.warn(`${TAG} sister links off: ${describe(error)}`));
}
