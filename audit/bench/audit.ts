// How long one page takes to audit (target: ≤ 15 s on our 2-core machines, issue #14).
// A benchmark, not a test:  npm run bench:audit  (root; builds first)  or, after `npm run build -w audit`,
// node audit/dist/bench/audit.js [rounds=5]
//
// Each round runs the whole command, as CI would, on one demo page (cid-it.fr, whose late
// tag makes the default 3 s wait matter), then on both demo sites at once (--concurrency 2).
// Reported: the command's wall time (node start, browser launch and exit included) and the
// page's own time from the JSON report.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Report } from '../src/index.js';
import { randomPort, runAudit, serveDemo } from '../test/helpers.js';

const rounds = Number(process.argv[2] ?? 5);
const dir = mkdtempSync(join(tmpdir(), 'cid-audit-bench-'));
const demo = await serveDemo(randomPort());

const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  return `median ${(median / 1000).toFixed(1)} s, max ${((sorted.at(-1) ?? 0) / 1000).toFixed(1)} s (n=${values.length})`;
};

async function measure(urls: string[]): Promise<{ wall: number; pages: number[] }> {
  const json = join(dir, 'r.json');
  const started = Date.now();
  const run = await runAudit([...urls, '--json', json]);
  const wall = Date.now() - started;
  if (run.code !== 0) throw new Error(`audit exited ${run.code}: ${run.stdout}${run.stderr}`);
  const report = JSON.parse(readFileSync(json, 'utf8')) as Report;
  return { wall, pages: report.pages.map((p) => p.durationMs) };
}

try {
  const one = { wall: [] as number[], page: [] as number[] };
  const two = { wall: [] as number[], page: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    const single = await measure([demo.urls['cid-it.fr']]);
    one.wall.push(single.wall);
    one.page.push(...single.pages);
    const both = await measure([demo.urls['cid-it.fr'], demo.urls['cid-it.boutique']]);
    two.wall.push(both.wall);
    two.page.push(...both.pages);
    process.stderr.write(`round ${round + 1}/${rounds}: one page ${single.wall} ms, two pages ${both.wall} ms\n`);
  }
  console.log(`one page (cid-it.fr), whole command: ${stats(one.wall)}`);
  console.log(`one page (cid-it.fr), the page itself: ${stats(one.page)}`);
  console.log(`two pages at once, whole command:     ${stats(two.wall)}`);
  console.log(`two pages at once, each page:         ${stats(two.page)}`);
} finally {
  demo.close();
  rmSync(dir, { recursive: true, force: true });
}
