/**
 * Runs DuckDuckGo's cookie-popup engine, `@duckduckgo/autoconsent` as published on npm, in a page the
 * way its own Playwright runner (`playwright/runner.ts` in the package) and its Puppeteer guide
 * (`docs/puppeteer.md`) do: the bundled content script `dist/autoconsent.playwright.js` talks to this
 * process through `window.autoconsentSendMessage`, which answers `init` with a configuration and the
 * rules, runs the main-world `eval` snippets some shipped rules ask for, and records every message.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeRules, filterCompactRules } from '@duckduckgo/autoconsent';
import { serveDemo } from '../../scripts/serve-demo.mjs';

export const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);

/** Our rule, as proposed upstream (autoconsent/README.md). */
export const OUR_RULE = JSON.parse(readFileSync(join(ROOT, 'autoconsent', 'cid-consent.json'), 'utf8'));
/** Every rule the package ships (hand-written and generated), as its browsers get them. */
export const SHIPPED_RULES = require('@duckduckgo/autoconsent/rules/rules.json').autoconsent;
/** The package's dist/ folder: its exports name neither the Playwright bundle nor package.json. */
const DIST = new URL('.', import.meta.resolve('@duckduckgo/autoconsent'));
export const ENGINE_VERSION = JSON.parse(readFileSync(new URL('../package.json', DIST), 'utf8')).version;
const CONTENT_SCRIPT = readFileSync(new URL('autoconsent.playwright.js', DIST), 'utf8');

/**
 * What a browser's settings would be with the feature on, heuristics included at their most
 * permissive level (`tier2`: a lone "accept" button counts too), so that "the heuristics miss it"
 * cannot come from a timid setting.
 */
const CONFIG = {
  enabled: true,
  disabledCmps: [],
  enablePrehide: true,
  enableCosmeticRules: true,
  enableGeneratedRules: true,
  enableHeuristicDetection: true,
  heuristicMode: 'tier2',
  detectRetries: 20,
  logs: { lifecycle: false, rulesteps: false, detectionsteps: false, evals: false, errors: false, messages: false, waits: false },
};

/**
 * The rules a page gets. An opt-out runs on the compact encoding DuckDuckGo's browsers download
 * (`compact-rules.json`, built by the same `encodeRules`), which keeps no `optIn` steps: an opt-in
 * runs on the full JSON rules, as the package's runner does.
 */
function rulesFor(autoAction, withOurRule) {
  const rules = withOurRule ? [OUR_RULE, ...SHIPPED_RULES] : [...SHIPPED_RULES];
  if (autoAction === 'optIn') return { full: { autoconsent: rules } };
  // Encoding ~800 rules takes most of a second: once per set.
  if (!encoded.has(withOurRule)) encoded.set(withOurRule, encodeRules(rules, null));
  return { compact: encoded.get(withOurRule) };
}
const encoded = new Map();

/** Tries random port pairs until both demo sites listen (serveDemo takes `port` and `port + 1`). */
export async function startDemo() {
  let last;
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const port = 20_000 + Math.floor(Math.random() * 40_000);
    try {
      return await serveDemo(port);
    } catch (error) {
      last = error;
    }
  }
  throw last;
}

/**
 * Opens `url` in a new browser context with autoconsent injected at document start, in every frame.
 * `autoAction`: 'optOut' or 'optIn'; `withOurRule`: add autoconsent/cid-consent.json to the shipped
 * rules; `detectRetries`: how many more times detection runs when nothing is found.
 */
export async function runAutoconsent(browser, url, { autoAction = 'optOut', withOurRule = true, detectRetries = CONFIG.detectRetries, before } = {}) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const rules = rulesFor(autoAction, withOurRule);
  const config = { ...CONFIG, autoAction, detectRetries };
  const run = new Run(context, page);
  await page.exposeBinding('autoconsentSendMessage', ({ frame }, message) => run.receive(frame, message, { config, rules }));
  // `before`: a function run in the page ahead of the content script (an init script of its own).
  if (before) await page.addInitScript(before);
  await page.addInitScript(CONTENT_SCRIPT);
  await page.goto(url);
  return run;
}

/** Sends a message into a frame's content script; a frame that has gone (navigated, removed) is ignored. */
const send = (frame, message) => frame.evaluate((m) => window.autoconsentReceiveMessage(m), message).catch(() => undefined);

class Run {
  /** Every message the content scripts sent, `report`s included, with the frame's URL. */
  messages = [];
  /** The frame whose opt-out asked for a self-test (`scheduleSelfTest`), as the package's runner tracks it. */
  selfTestFrame;

  constructor(context, page) {
    this.context = context;
    this.page = page;
  }

  async receive(frame, message, { config, rules }) {
    if (!message || typeof message !== 'object') return;
    this.messages.push({ ...message, mainFrame: frame === this.page.mainFrame() });
    if (message.type === 'init') {
      const context = { url: frame.url(), mainFrame: frame.parentFrame() === null };
      const bundle = rules.compact ? { compact: filterCompactRules(rules.compact, context) } : rules.full;
      await send(frame, { type: 'initResp', config, rules: bundle });
    } else if (message.type === 'eval') {
      const result = await frame.evaluate(message.code).catch(() => false);
      await send(frame, { type: 'evalResp', id: message.id, result });
    } else if (message.type === 'optOutResult' && message.scheduleSelfTest) {
      this.selfTestFrame = frame;
    } else if (message.type === 'autoconsentDone' && this.selfTestFrame) {
      await send(this.selfTestFrame, { type: 'selfTest' });
    }
  }

  /** Messages of a type (and, optionally, more fields) received since the `since`-th, in order. */
  find(type, fields = {}, since = 0) {
    return this.messages.slice(since).filter((m) => m.type === type && Object.entries(fields).every(([key, value]) => m[key] === value));
  }

  /** The messages received, reports and evals left out, for a failure's message: `init, cmpDetected:cid-consent, …`. */
  summary() {
    const told = this.messages.filter((m) => m.type !== 'report' && m.type !== 'eval');
    return told.map((m) => (m.cmp ? `${m.type}:${m.cmp}` : m.type)).join(', ');
  }

  /** Resolves with the first message matching (since the `since`-th), or with undefined after `timeout` ms. */
  async waitFor(type, fields = {}, timeout = 30_000, since = 0) {
    const end = Date.now() + timeout;
    while (Date.now() < end) {
      const [found] = this.find(type, fields, since);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return undefined;
  }

  /** The main frame's latest `report` whose state satisfies `test`, or undefined after `timeout` ms. */
  async waitForState(test, timeout = 30_000) {
    const end = Date.now() + timeout;
    while (Date.now() < end) {
      const found = this.messages.findLast((m) => m.type === 'report' && m.mainFrame && test(m.state));
      if (found) return found.state;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return undefined;
  }

  /**
   * What the page says of the decision: the widget's state (CONTRACT §5), its optional purposes (from
   * `inventory()`, so from the site's own configuration), the consent cookie's purpose choices (§6) and
   * whether the banner is still shown.
   */
  async consent() {
    const page = await this.page.evaluate(() => {
      const banner = document.querySelector('cid-consent-banner');
      return {
        state: window.CidConsent.get(),
        optional: window.CidConsent.inventory().filter((p) => !p.required).map((p) => p.id),
        // What the cookie holds for a purpose granted in full: `1`, or the list of its services (src/core/choices.ts).
        granted: Object.fromEntries(
          window.CidConsent.inventory()
            .filter((p) => !p.required)
            .map((p) => {
              const services = p.services.flatMap((s) => (s.id ? [s.id] : []));
              return [p.id, services.length ? services.join('.') : '1'];
            }),
        ),
        banner: {
          open: banner?.hasAttribute('open') ?? false,
          // The box and its buttons, whatever the attribute says.
          rendered: !!banner?.shadowRoot?.querySelector('[part~="banner"], [data-action="reject-all"]'),
        },
      };
    });
    const cookie = (await this.context.cookies()).find((c) => c.name === 'cid_consent');
    // `1|<id>|<time>|<revision>|analytics=0&marketing=0…` (src/core/record.ts).
    const choices = cookie ? Object.fromEntries(cookie.value.split('|')[4].split('&').map((pair) => pair.split('='))) : undefined;
    return { ...page, cookie: cookie?.value, choices };
  }

  close() {
    return this.context.close();
  }
}
