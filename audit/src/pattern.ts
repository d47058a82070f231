// A page's `/regex/flags` cookie patterns, run in linear time. The pattern and the names both
// come from the audited page, which may be hostile or merely careless: a JavaScript RegExp such
// as /^(a+)+$/ backtracks for hours on a long name. A time limit per match (what 0.2 did) made the
// verdict depend on the machine's load (issue #20, item 10), so patterns run on RE2 (re2js, a
// pure-JavaScript port of Google's RE2): its time grows with the length of the name, never
// exponentially, and its answer never depends on the clock. What RE2 cannot run (backreferences,
// lookaround: they need backtracking) is decided from the pattern's text, before any name is
// matched, and reported; such a pattern matches nothing.
//
// RE2's syntax is close to JavaScript's, not the same: the source is rewritten token by token so
// that each construct keeps its JavaScript meaning (ECMA-262, §22.2 Regular expressions).
import { RE2JS } from 're2js';

/** A compiled `cookies` entry: its test, or why it cannot be run (and then it matches nothing). */
export interface Pattern {
  test: (name: string) => boolean;
  /** Why the pattern matches nothing in this audit; null when it runs. */
  problem: string | null;
}

const LOOKAROUND = 'a lookahead or lookbehind, which linear-time matching cannot run';
const BACKREFERENCE = 'a backreference (or an octal escape), which linear-time matching cannot run';

/** JavaScript's `\s` (WhiteSpace and LineTerminator, ECMA-262 §22.2.2.9); RE2's is ASCII only. */
const SPACES = '\\t\\n\\v\\f\\r \\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}';
/** JavaScript's `.` without the `s` flag stops at every line terminator; RE2's only at `\n`. */
const DOT = '[^\\n\\r\\x{2028}\\x{2029}]';

const HEX = /^[0-9a-fA-F]+$/;

class Unsupported extends Error {}

const hex = (code: number) => `\\x{${code.toString(16)}}`;

/**
 * One escape (`\` and what follows, from `at`), in RE2's syntax with JavaScript's meaning.
 * Returns the RE2 text and how many characters of the source it used.
 */
function escape(source: string, at: number, unicode: boolean, inClass: boolean): [string, number] {
  const next = source[at + 1] ?? '';
  if (/[1-9]/.test(next) || (next === '0' && /[0-9]/.test(source[at + 2] ?? ''))) throw new Unsupported(BACKREFERENCE);
  if (next === 'k' && source[at + 2] === '<') throw new Unsupported(BACKREFERENCE);
  if (next === '0') return ['\\x{0}', 2];
  if ('dDwWtnrfv'.includes(next)) return [`\\${next}`, 2];
  if (next === 's') return [inClass ? SPACES : `[${SPACES}]`, 2];
  if (next === 'S') return [inClass ? '\\S' : `[^${SPACES}]`, 2];
  if (next === 'b' || next === 'B') {
    if (!inClass) return [`\\${next}`, 2];
    return [next === 'b' ? '\\x{8}' : 'B', 2];
  }
  if (next === 'x' && HEX.test(source.slice(at + 2, at + 4)) && source.slice(at + 2, at + 4).length === 2) return [`\\x${source.slice(at + 2, at + 4)}`, 4];
  if (next === 'u') {
    const braced = /^\{([0-9a-fA-F]+)\}/.exec(source.slice(at + 2));
    if (unicode && braced) return [`\\x{${braced[1]}}`, 2 + braced[0].length];
    const four = source.slice(at + 2, at + 6);
    if (four.length === 4 && HEX.test(four)) return [`\\x{${four}}`, 6];
  }
  if (next === 'c') {
    if (/[A-Za-z]/.test(source[at + 2] ?? '')) return [hex(source.charCodeAt(at + 2) % 32), 3];
    throw new Unsupported('a \\c escape without a letter (Annex B), which has no RE2 form');
  }
  if (unicode && (next === 'p' || next === 'P')) {
    const name = /^\{([A-Za-z_]+)\}/.exec(source.slice(at + 2));
    // RE2 knows categories and scripts by their short names (\p{L}, \p{Greek}), which RE2 then
    // checks; JavaScript's other forms (\p{Script=Greek}) it has not: those are reported.
    if (!name) throw new Unsupported('a Unicode property escape that RE2 does not name this way');
    return [`\\${next}{${name[1]}}`, 2 + name[0].length];
  }
  // Anything else is the character itself (an "identity escape"; Annex B outside unicode mode):
  // \a is "a" in JavaScript but a bell in RE2, \z "z" but the end of the text.
  const character = String.fromCodePoint(source.codePointAt(at + 1) ?? 0x5c);
  return [literal(character), 1 + character.length];
}

/** A character matched as itself. */
function literal(character: string): string {
  if (/^[A-Za-z0-9_]$/.test(character)) return character;
  if (/^[\x21-\x7e]$/.test(character)) return `\\${character}`;
  return hex(character.codePointAt(0) ?? 0);
}

/**
 * A JavaScript RegExp source in RE2's syntax, with the same meaning.
 * @throws Unsupported when RE2 cannot run what it says (backreferences, lookaround)
 */
export function toRe2(source: string, flags: string): string {
  const unicode = flags.includes('u') || flags.includes('v');
  let out = '';
  let inClass = false;
  let at = 0;
  while (at < source.length) {
    const character = source[at];
    if (character === '\\') {
      const [text, used] = escape(source, at, unicode, inClass);
      out += text;
      at += used;
    } else if (inClass) {
      if (character === ']') inClass = false;
      // v-mode sets (nested classes, --, &&) have no RE2 form; "[" elsewhere is a literal in
      // JavaScript, but starts a POSIX class ([:alpha:]) in RE2.
      else if (character === '[' && flags.includes('v')) throw new Unsupported('a class of the v flag\'s set notation, which RE2 does not have');
      out += character === '[' ? '\\[' : character;
      at += 1;
    } else if (character === '[') {
      const negated = source[at + 1] === '^';
      const start = at + (negated ? 2 : 1);
      // In JavaScript [] matches nothing and [^] any character; in RE2 a "]" there is a literal.
      if (source[start] === ']') {
        out += negated ? '[\\x{0}-\\x{10ffff}]' : '[^\\x{0}-\\x{10ffff}]';
        at = start + 1;
      } else {
        out += negated ? '[^' : '[';
        inClass = true;
        at = start;
      }
    } else if (character === '(' && /^\(\?(=|!|<=|<!)/.test(source.slice(at))) {
      throw new Unsupported(LOOKAROUND);
    } else if (character === '.') {
      out += flags.includes('s') ? '(?s:.)' : DOT;
      at += 1;
    } else {
      const whole = String.fromCodePoint(source.codePointAt(at) ?? 0);
      out += /^[\x20-\x7e]$/.test(whole) ? whole : hex(whole.codePointAt(0) ?? 0);
      at += whole.length;
    }
  }
  return out;
}

const nothing = (problem: string): Pattern => ({ test: () => false, problem });

/**
 * A `cookies` entry as the widget reads it: `/regex/flags`, else an exact name. A regex that
 * JavaScript does not compile matches nothing (the widget itself refuses such a configuration).
 */
export function compilePattern(pattern: string): Pattern {
  const regex = /^\/(.+)\/([a-z]*)$/.exec(pattern);
  if (!regex) return { test: (name) => name === pattern, problem: null };
  const [, source, flags] = regex;
  try {
    // Only compiled, never run: JavaScript says whether the widget can read it.
    new RegExp(source, flags);
  } catch {
    return nothing('not a valid JavaScript regular expression');
  }
  let compiled: RE2JS;
  try {
    const options = (flags.includes('i') ? RE2JS.CASE_INSENSITIVE : 0) | (flags.includes('m') ? RE2JS.MULTILINE : 0);
    compiled = RE2JS.compile(toRe2(source, flags), options);
  } catch (error) {
    if (error instanceof Unsupported) return nothing(`uses ${error.message}`);
    return nothing(`has a form RE2 does not accept (${String((error as Error).message)})`);
  }
  return { test: (name) => compiled.test(name), problem: null };
}
