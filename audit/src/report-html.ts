// The HTML report: one self-contained file (styles inline, screenshots as data: URLs),
// the verdict first. Everything that comes from the audited page is escaped: a hostile
// cookie name must not script the report.
import type { PageReport } from './audit.js';
import type { Classification } from './classify.js';
import type { Report } from './index.js';
import type { Phase } from './record.js';
import { patternNote, receiptsNote } from './report-text.js';
import { GUARDED, reachesGated } from './verdict.js';

const esc = (value: unknown): string =>
  String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

function classification(c: Classification): string {
  if (c.note) return `<span class="tag ok">${esc(c.note)}</span>`;
  if (c.category === 'undeclared') return '<span class="tag bad">undeclared</span>';
  const label = c.service ? `${c.purpose} › ${c.service}` : c.purpose;
  return `<span class="tag ${c.category === 'necessary' ? 'ok' : 'opt'}">${esc(label)}</span> <code>${esc(c.pattern)}</code>`;
}

function table(head: string[], rows: { cells: string[]; bad: boolean; warn?: boolean }[], empty: string): string {
  if (rows.length === 0) return `<p class="none">${esc(empty)}</p>`;
  return `<table><thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr${r.bad ? ' class="bad"' : r.warn ? ' class="warn"' : ''}>${r.cells.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

function phaseSection(phase: Phase, gatedOrigins: string[]): string {
  const guarded = GUARDED.includes(phase.id);
  const cookies = phase.cookies.map((c) => ({
    bad: guarded && c.classification.category !== 'necessary',
    warn: !guarded && c.classification.category === 'undeclared',
    cells: [`<code>${esc(c.name)}</code>`, esc(c.domain), c.firstParty ? 'first' : 'third', esc(c.expires ?? 'session'), classification(c.classification)],
  }));
  const storage = phase.storage.map((s) => ({
    bad: guarded && s.classification.category !== 'necessary',
    warn: !guarded && s.classification.category === 'undeclared',
    cells: [`${s.area}Storage`, `<code>${esc(s.key)}</code>`, classification(s.classification)],
  }));
  const requests = phase.requests.map((r) => ({
    bad: guarded && reachesGated(r, gatedOrigins),
    cells: [esc(r.origin), esc(r.widget ? `${r.type} (the widget's own file)` : r.type), `<code class="url">${esc(r.url)}</code>`, esc(r.initiator)],
  }));
  const shot = phase.screenshot
    ? `<figure><img src="${phase.screenshot}" alt="The page ${esc(phase.label)}" width="640" height="400"><figcaption>${esc(phase.url)}</figcaption></figure>`
    : '';
  return `<section class="phase"><h3>${esc(phase.label)}</h3>${shot}<div class="tables">
<h4>Cookies (${cookies.length})</h4>${table(['name', 'domain', 'party', 'expires', 'declared by'], cookies, 'No cookie.')}
<h4>Web storage (${storage.length})</h4>${table(['area', 'key', 'declared by'], storage, 'No localStorage or sessionStorage key.')}
<h4>Requests to other origins (${requests.length})</h4>${table(['origin', 'type', 'URL', 'initiator'], requests, 'No request to another origin.')}
</div></section>`;
}

function pageSection(page: PageReport): string {
  const verdict = { clean: 'Clean', violations: plural(page.violations.length, 'violation'), error: 'Could not run' }[page.verdict];
  const violations = page.violations.length
    ? `<h3>Violations</h3><ol class="findings bad">${page.violations.map((v) => `<li>${esc(v.reason)}</li>`).join('')}</ol>`
    : '';
  const warnings = page.warnings.length
    ? `<h3>Warnings</h3><ol class="findings warn">${page.warnings
        .map((w) => `<li>${esc(w.reason)} <span class="hint">entry: <code>${esc(JSON.stringify(w.suggestion))}</code></span></li>`)
        .join('')}</ol>`
    : '';
  const patterns = page.patternsNotRun.length
    ? `<h3>Patterns not run</h3><ol class="findings warn">${page.patternsNotRun.map((p) => `<li>${esc(patternNote(p))}</li>`).join('')}</ol>`
    : '';
  const meta = [
    `audited in ${(page.durationMs / 1000).toFixed(1)} s`,
    page.widget ? 'CidConsent found: cookies classified by its configuration' : 'no CidConsent on the page',
    page.decidedBy ? `choices made through ${page.decidedBy === 'CidConsent' ? 'window.CidConsent' : 'the --accept/--reject selectors'}` : '',
    page.receiptsHeld ? receiptsNote(page.receiptsHeld) : '',
    page.gatedOrigins.length ? `origins only gated elements should reach: ${page.gatedOrigins.join(', ')}` : 'no gated element points to another origin',
  ].filter(Boolean);
  return `<section class="page ${page.verdict}"><h2><span class="verdict">${esc(verdict)}</span> ${esc(page.url)}</h2>
<p class="meta">${meta.map(esc).join(' · ')}</p>${page.error ? `<p class="error">${esc(page.error)}</p>` : ''}
${violations}${warnings}${patterns}${page.phases.map((phase) => phaseSection(phase, page.gatedOrigins)).join('\n')}</section>`;
}

const STYLE = `
:root { color-scheme: light; font: 15px/1.45 system-ui, sans-serif; color: #1a1a1a; }
body { margin: 0 auto; max-width: 1200px; padding: 1.5rem; }
h1 { margin: 0 0 .25rem; font-size: 1.6rem; } h2 { font-size: 1.25rem; margin: 2rem 0 .25rem; }
h3 { margin: 1.5rem 0 .5rem; } h4 { margin: 1rem 0 .25rem; font-size: 1rem; }
.overall { padding: 1rem 1.25rem; border-radius: 8px; color: #fff; margin-bottom: 1rem; }
.overall.clean { background: #166534; } .overall.violations { background: #b91c1c; } .overall.error { background: #525252; }
.overall p { margin: .25rem 0 0; }
.verdict { display: inline-block; padding: .1rem .5rem; border-radius: 4px; color: #fff; font-size: .95rem; }
.clean .verdict { background: #166534; } .violations .verdict { background: #b91c1c; } .error .verdict { background: #525252; }
.meta { color: #525252; margin: 0; } .error { color: #b91c1c; font-weight: 600; }
.findings li { margin: .2rem 0; } .findings.bad li::marker { color: #b91c1c; } .hint { color: #525252; }
.phase { border-top: 1px solid #d4d4d4; display: grid; grid-template-columns: 340px 1fr; gap: 0 1.25rem; }
.phase h3 { grid-column: 1 / -1; } figure { margin: 0; } figure img { width: 100%; height: auto; border: 1px solid #d4d4d4; }
figcaption { font-size: .8rem; color: #525252; word-break: break-all; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; } th, td { text-align: left; padding: .2rem .4rem; border-bottom: 1px solid #e5e5e5; vertical-align: top; }
tr.bad td { background: #fee2e2; } tr.warn td { background: #fef9c3; } code { font-size: .85rem; } .url { word-break: break-all; }
.tag { padding: 0 .35rem; border-radius: 3px; font-size: .8rem; } .tag.ok { background: #dcfce7; } .tag.opt { background: #e0e7ff; } .tag.bad { background: #fecaca; }
.none { color: #737373; margin: .2rem 0; }
@media (max-width: 800px) { .phase { grid-template-columns: 1fr; } }`;

export function renderHtml(report: Report): string {
  const count = (key: 'violations' | 'warnings') => report.pages.reduce((sum, p) => sum + p[key].length, 0);
  const title = {
    clean: 'Clean: nothing that needs consent before a choice or after refusal',
    violations: `${plural(count('violations'), 'violation')}: something that needs consent appeared before a choice or after refusal`,
    error: 'Could not run: at least one page was not audited',
  }[report.verdict];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Consent audit: ${esc(report.verdict)}</title><style>${STYLE}</style></head><body>
<header class="overall ${report.verdict}"><h1>${esc(title)}</h1>
<p>${plural(report.pages.length, 'page')} · ${plural(count('warnings'), 'warning')} · exit status ${report.exitCode} · ${esc(report.startedAt)} · ${esc(report.tool)} ${esc(report.version)}</p></header>
<main>${report.pages.map(pageSection).join('\n')}</main></body></html>
`;
}
