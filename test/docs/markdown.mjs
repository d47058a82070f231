/**
 * What the docs suite reads in our Markdown (issue #22): links, heading anchors as GitHub makes them,
 * code spans, and the names the contract's tables declare. Parsed with `marked`'s lexer, so code blocks,
 * tables and escaped pipes are read as a Markdown renderer reads them, not by hand-written patterns.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import GithubSlugger from 'github-slugger';
import { marked } from 'marked';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The Markdown the suite checks: the README, the changelog and every guide in docs/ (the contract's copy included). */
export function markdownFiles() {
  const docs = readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`);
  return ['README.md', 'CHANGELOG.md', ...docs];
}

/** Every token under `tokens`, depth first: blocks, list items, table cells and inline tokens. */
function walk(tokens, out = []) {
  for (const token of tokens ?? []) {
    out.push(token);
    walk(token.tokens, out);
    walk(token.items, out);
    for (const cell of token.header ?? []) walk(cell.tokens, out);
    for (const row of token.rows ?? []) for (const cell of row) walk(cell.tokens, out);
  }
  return out;
}

/** Every token of a Markdown document. */
export const allTokens = (source) => walk(marked.lexer(source));

const read = (file) => readFileSync(join(ROOT, file), 'utf8');

/** The text a heading renders, which GitHub slugs: code spans keep their text, links their words, HTML goes. */
function plainText(tokens) {
  return (tokens ?? [])
    .map((token) => {
      if (token.type === 'html') return '';
      if (token.tokens) return plainText(token.tokens);
      return decodeEntities(token.text ?? '');
    })
    .join('');
}

const decodeEntities = (text) =>
  text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name]);

/** The anchors a file offers: each heading's GitHub slug (repeats numbered as GitHub does) and HTML ids. */
export function anchorsOf(file) {
  const slugger = new GithubSlugger();
  const anchors = new Set();
  for (const token of allTokens(read(file))) {
    if (token.type === 'heading') anchors.add(slugger.slug(plainText(token.tokens)));
    if (token.type === 'html') for (const [, id] of token.text.matchAll(/\b(?:id|name)="([^"]+)"/g)) anchors.add(id);
  }
  return anchors;
}

/** Every link and image target of a file outside code, Markdown and HTML alike. */
export function linksOf(file) {
  const links = [];
  for (const token of allTokens(read(file))) {
    if (token.type === 'link' || token.type === 'image') links.push(token.href);
    if (token.type === 'html') for (const [, href] of token.text.matchAll(/\b(?:href|src)="([^"]+)"/g)) links.push(href);
  }
  return links;
}

/**
 * Why a relative link of `file` does not resolve, or undefined when it does: the file (or folder) must
 * exist, and a `#fragment` into Markdown must be one of its anchors. Links with a scheme are not ours to check.
 */
export function brokenLink(file, href) {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return undefined;
  const hash = href.indexOf('#');
  const path = decodeURIComponent(hash === -1 ? href : href.slice(0, hash));
  const fragment = hash === -1 ? '' : decodeURIComponent(href.slice(hash + 1));
  const target = path ? join(dirname(file), path) : file;
  if (!existsSync(join(ROOT, target))) return `${href}: ${target} does not exist`;
  if (fragment && target.endsWith('.md') && !anchorsOf(target).has(fragment)) return `${href}: ${target} has no heading #${fragment}`;
  return undefined;
}

/** The text of every code span of a file (not of code blocks): where the guides name a key, member or route. */
export function codeSpansOf(file) {
  return allTokens(read(file))
    .filter((token) => token.type === 'codespan')
    .map((token) => decodeEntities(token.text));
}

/** The text of every code block of a file (shell commands, configuration). */
export function codeBlocksOf(file) {
  return allTokens(read(file))
    .filter((token) => token.type === 'code')
    .map((token) => token.text);
}

/** The code spans of the first column of every table of the contract whose first header is `header`. */
function firstColumn(tokens, header) {
  return tokens
    .filter((token) => token.type === 'table' && token.header[0]?.text.trim().toLowerCase() === header)
    .flatMap((table) => table.rows.map((row) => walk(row[0].tokens).filter((t) => t.type === 'codespan').map((t) => decodeEntities(t.text))));
}

/**
 * The names the contract declares, by kind. A row may name several (`theme` / `position`, `PORT` /
 * `HOST`); `.domain` after `cookie.name` is `cookie.domain`; members and routes lose their arguments and
 * query strings; audit flags are read from the command line of the audit section.
 */
export function contractNames(source) {
  const tokens = allTokens(source);
  const unique = (list) => [...new Set(list)];
  const configKeys = firstColumn(tokens, 'key').flatMap((spans) => {
    const owner = spans[0]?.split('.')[0];
    return spans.map((span) => (span.startsWith('.') ? `${owner}${span}` : span));
  });
  const members = firstColumn(tokens, 'member')
    .flat()
    .map((span) => /^(\w+)\(/.exec(span)?.[1])
    .filter(Boolean);
  const events = [
    ...firstColumn(tokens, 'event').flat(),
    ...tokens.filter((t) => t.type === 'codespan').flatMap((t) => [...t.text.matchAll(/\bevent: '([\w-]+)'/g)].map((m) => m[1])),
  ];
  const variables = firstColumn(tokens, 'variable').flat();
  const routes = firstColumn(tokens, 'route')
    .flat()
    .map((span) => /^([A-Z]+ \/[^?\s[]*)/.exec(span)?.[1])
    .filter(Boolean);
  const auditFlags = tokens
    .filter((t) => (t.type === 'codespan' || t.type === 'code') && t.text.includes('cid-consent-audit'))
    .flatMap((t) => [...t.text.matchAll(/(?<![\w-])--[a-z][\w-]*/g)].map((m) => m[0]));
  return {
    configKeys: unique(configKeys),
    members: unique(members),
    events: unique(events),
    variables: unique(variables),
    routes: unique(routes),
    auditFlags: unique(auditFlags),
  };
}

/**
 * Whether `name` is named in code: a code span that is the name itself, or the name followed by its
 * arguments or value (`get()`, `TRUST_PROXY=1`, `GET /stats?site=`, `--json FILE`).
 */
export function namedIn(spans, name) {
  return spans.some((span) => span === name || (span.startsWith(name) && /^[\s(=?:[]/.test(span.slice(name.length))));
}

/** Whether a command-line flag appears as a whole word in some code span or block. */
export function flagIn(texts, flag) {
  const pattern = new RegExp(`(?<![\\w-])${flag}(?![\\w-])`);
  return texts.some((text) => pattern.test(text));
}
