// Main-thread time to activate N gated elements after acceptance (target: ≤ 20 ms for 500).
// A benchmark, not a test:  node bench/activate.mjs [count=500] [rounds=15]   (after npm run build)
//
// One page holds N gated elements: 90% inline scripts (`window.ran++`), 10% iframes. In each
// round a fresh browser context loads it, then `CidConsent.acceptAll()` is called and the time
// is read from just before the call to the start of the next task (a MessageChannel message):
// inline scripts are inserted and run in that same task, iframes get their `src`, so this is
// all the main-thread work of the activation, the 450 scripts' own execution included.
// Fetching and rendering the frames' documents happens later and belongs to the browser.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium.mjs';

/**
 * Runs the measurement in `browser`: returns the per-round main-thread times (ms) inside
 * acceptAll(), until the next task, and of the browser alone running the same scripts.
 */
export async function measureActivation(browser, { count = 500, frames = Math.round(count / 10), rounds = 15 } = {}) {
  const bundle = readFileSync(new URL('../dist/cid-consent.js', import.meta.url));
  const scripts = count - frames;
  const page = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><script>window.ran = 0</script>
<script src="/cid-consent.js" defer data-policy-url="/p" data-cookie-name="bench"></script></head><body>
${`<iframe data-cid-consent="marketing" data-src="/frame.html" width="160" height="90"></iframe>`.repeat(frames)}
${`<script type="text/plain" data-cid-consent="analytics">window.ran++</script>\n`.repeat(scripts)}</body></html>`;
  const server = createServer((req, res) => {
    if (req.url === '/cid-consent.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
    else if (req.url === '/frame.html') res.writeHead(200, { 'content-type': 'text/html' }).end('<p>frame</p>');
    else res.writeHead(200, { 'content-type': 'text/html' }).end(page);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/`;
  const result = { inside: [], untilNextTask: [], browserAlone: [], scripts, frames };
  for (let round = 0; round < rounds; round++) {
    const context = await browser.newContext();
    const tab = await context.newPage();
    await tab.goto(url);
    await tab.waitForFunction(() => window.CidConsent?.get().decided === false);
    const [ms, ran, framed, sync, native] = await tab.evaluate(
      (scripts) =>
        new Promise((resolve) => {
          const channel = new MessageChannel();
          const start = performance.now();
          let sync = 0;
          let native = 0;
          window.ref = 0;
          channel.port1.onmessage = () =>
            resolve([performance.now() - start - native, window.ran, document.querySelectorAll('iframe[src]').length, sync, native]);
          window.CidConsent.acceptAll();
          sync = performance.now() - start;
          // The same scripts run without the widget, for reference: what the browser alone costs.
          const reference = performance.now();
          for (let i = 0; i < scripts; i++) document.head.append(Object.assign(document.createElement('script'), { text: 'window.ref++' }));
          native = performance.now() - reference;
          channel.port2.postMessage(0);
        }),
      scripts,
    );
    if (ran !== scripts || framed !== frames) throw new Error(`round ${round}: ${ran} scripts ran, ${framed} frames got a src`);
    result.inside.push(sync);
    result.untilNextTask.push(ms);
    result.browserAlone.push(native);
    await context.close();
  }
  server.close();
  return result;
}

export const summary = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  return `median ${median.toFixed(1)} ms, min ${sorted[0].toFixed(1)}, max ${sorted.at(-1).toFixed(1)}`;
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = Number(process.argv[2] ?? 500);
  const rounds = Number(process.argv[3] ?? 15);
  const frames = Number(process.env.FRAMES ?? Math.round(count / 10));
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  const r = await measureActivation(browser, { count, frames, rounds });
  await browser.close();
  console.log(`Activation of ${count} gated elements (${r.scripts} inline scripts, ${r.frames} iframes) after acceptAll(), ${rounds} rounds`);
  console.log(`inside acceptAll() (decision, cookie, events, every script run, every src set): ${summary(r.inside)}`);
  console.log(`reference, the browser alone appending ${r.scripts} inline scripts:                 ${summary(r.browserAlone)}`);
  console.log(`until the next task can start (also microtasks, re-render, frame navigations):  ${summary(r.untilNextTask)}`);
}
