// Main-thread script time until the banner is visible, from a Chromium trace: the union of the
// page's script events (compile, evaluate, calls, timers, frames, events, microtasks) that ran
// before the first frame in which the banner is visible, clipped at it. CDP's ScriptDuration
// counts until it is read, a few frames later: a library that loads more code right after its
// first paint (ours, issue #15) would be charged for it. Style and layout forced from script (the
// probe's own visibility checks force them in every frame until the banner shows) are not script:
// they are taken out, as ScriptDuration leaves them out.
const SCRIPT_EVENTS = new Set([
  'EvaluateScript',
  'v8.compile',
  'v8.compileModule',
  'v8.evaluateModule',
  'FunctionCall',
  'TimerFire',
  'FireAnimationFrame',
  'EventDispatch',
  'RunMicrotasks',
  'v8.run',
]);
const RENDER_EVENTS = new Set(['Layout', 'UpdateLayoutTree', 'RecalculateStyles', 'ParseAuthorStyleSheet', 'Paint', 'HitTest']);
export const VISIBLE_MARK = 'bench-banner-visible';
const CATEGORIES = ['devtools.timeline', 'blink.user_timing'];

/** Loads `url` in a fresh context while tracing; resolves with the script milliseconds before the mark. */
export async function scriptUntilVisible(browser, url, probe) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const tab = await context.newPage();
  await tab.addInitScript(probe);
  await browser.startTracing(tab, { categories: CATEGORIES });
  await tab.goto(url);
  await tab.waitForFunction(() => window.__bench.visibleAt > 0, null, { polling: 'raf', timeout: 10_000 });
  const { traceEvents } = JSON.parse((await browser.stopTracing()).toString());
  await context.close();
  const mark = traceEvents.find((e) => e.name === VISIBLE_MARK);
  if (!mark) return undefined;
  const before = (names) =>
    union(
      traceEvents
        .filter((e) => e.ph === 'X' && e.pid === mark.pid && e.tid === mark.tid && names.has(e.name) && e.ts < mark.ts)
        .map((e) => [e.ts, Math.min(e.ts + (e.dur ?? 0), mark.ts)]),
    );
  const total = length(before(SCRIPT_EVENTS)) - length(overlap(before(SCRIPT_EVENTS), before(RENDER_EVENTS)));
  return total / 1000;
}

/** Sorted, non-overlapping intervals covering the same time. */
function union(intervals) {
  const out = [];
  for (const [start, stop] of [...intervals].sort((a, b) => a[0] - b[0])) {
    const last = out.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], stop);
    else out.push([start, stop]);
  }
  return out;
}

/** The time both unions cover. */
function overlap(a, b) {
  const out = [];
  for (const [s1, e1] of a) for (const [s2, e2] of b) if (Math.min(e1, e2) > Math.max(s1, s2)) out.push([Math.max(s1, s2), Math.min(e1, e2)]);
  return union(out);
}

const length = (intervals) => intervals.reduce((n, [start, stop]) => n + stop - start, 0);
