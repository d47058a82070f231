import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { problemsOf, rulesOf } from '../src/classify.js';
import { compilePattern } from '../src/pattern.js';

/** What the widget's own matching (a JavaScript RegExp) answers. */
function javascript(pattern: string, name: string): boolean {
  const [, source, flags] = /^\/(.+)\/([a-z]*)$/.exec(pattern) ?? [];
  return new RegExp(source, flags).test(name);
}

describe('compilePattern', () => {
  it('should report a pattern with a lookahead, a lookbehind or a backreference, and match nothing with it', () => {
    for (const [pattern, name, problem] of [
      ['/^(?!_ga$)_ga/', '_gax', /lookahead or lookbehind/],
      ['/(?<=_)ga/', '_ga', /lookahead or lookbehind/],
      ['/^(_\\w)\\1$/', '_a_a', /backreference/],
      ['/^(?<p>_\\w)\\k<p>$/', '_a_a', /backreference/],
    ] as const) {
      const compiled = compilePattern(pattern);
      assert.match(compiled.problem ?? '', problem, pattern);
      assert.equal(javascript(pattern, name), true, `${pattern} matches ${name} in JavaScript`);
      assert.equal(compiled.test(name), false, pattern);
    }
  });

  it('should list the rules it cannot run, with their purpose and service, and run the others', () => {
    const rules = rulesOf([
      { id: 'analytics', required: false, cookies: ['_ga', '/^(?!_gat)_ga_/'], services: [{ id: 'hotjar', name: 'Hotjar', cookies: ['/^(_hj)\\1/', '/^_hj/'] }] },
    ]);
    assert.deepEqual(problemsOf(rules).map(({ pattern, purpose, service }) => [pattern, purpose, service]), [
      ['/^(_hj)\\1/', 'analytics', 'hotjar'],
      ['/^(?!_gat)_ga_/', 'analytics', null],
    ]);
    assert.equal(rules.find((rule) => rule.pattern === '/^_hj/')?.test('_hjid'), true);
  });

  it("should keep JavaScript's meaning where RE2's syntax says something else", () => {
    const cases: [string, string][] = [
      ['/^\\a$/', 'a'], ['/^\\a$/', '\x07'], // \a: "a" in JavaScript, a bell in RE2
      ['/^\\z$/', 'z'], ['/^x\\A/', 'xA'], // \z, \A: letters in JavaScript, anchors in RE2
      ['/^\\p{L}$/', 'p{L}'], ['/^\\p{L}$/', 'é'], ['/^\\p{L}$/u', 'é'], // \p without the u flag is "p"
      ['/[]/', 'a'], ['/^[^]$/', '\n'], // [] matches nothing, [^] anything
      ['/^[[:alpha:]]+$/', ':a'], ['/^[[:alpha:]]+$/', 'b'], // no POSIX classes in JavaScript
      ['/^a.b$/', 'a\rb'], ['/^a.b$/', 'a\u2028b'], ['/^a.b$/s', 'a\nb'], // . stops at every line end
      ['/^\\s$/', '\u00a0'], ['/^\\S$/', '\ufeff'], ['/^[\\s_]$/', '\u3000'], // JavaScript's \s is Unicode's
      ['/^\\u00e9$/', 'é'], ['/^\\u{1F600}$/u', '😀'], ['/^\\x41$/', 'A'], ['/^\\cA$/', '\x01'], ['/^\\0$/', '\0'],
      ['/^[\\b]$/', '\b'], ['/\\bga\\b/', '_ga'], ['/\\bga\\b/', 'x ga'],
      ['/^(?<id>_ga)_\\d+$/', '_ga_12'], ['/^_GA$/i', '_ga'], ['/^a{,2}$/', 'a{,2}'],
    ];
    for (const [pattern, name] of cases) {
      const compiled = compilePattern(pattern);
      assert.equal(compiled.problem, null, `${pattern}: ${compiled.problem}`);
      assert.equal(compiled.test(name), javascript(pattern, name), `${pattern} on ${JSON.stringify(name)}`);
    }
  });

  it("should answer as JavaScript's RegExp does for every pattern both can run", () => {
    const atom = fc.constantFrom('a', 'b', 'A', '_', '1', 'é', '.', '\\d', '\\D', '\\w', '\\W', '\\s', '\\S', '\\.', '\\-', '\\/', '\\x61',
      '\\u0062', '[a-c]', '[^a]', '[_\\d]', '[\\s_-]', '[é-ê]', '\\a', '\\z');
    const quantifier = fc.constantFrom('', '', '*', '+', '?', '{1,2}', '{2}', '*?', '+?', '{0,3}?');
    const { alternation } = fc.letrec((tie) => ({
      piece: fc.tuple(fc.oneof({ weight: 4, arbitrary: atom }, { weight: 1, arbitrary: tie('group') }), quantifier).map(([a, q]) => `${a}${q}`),
      sequence: fc.array(tie('piece'), { minLength: 1, maxLength: 4 }).map((pieces) => (pieces as string[]).join('')),
      group: fc.tuple(fc.constantFrom('(', '(?:', '(?<g>'), tie('alternation')).map(([open, inner]) => `${open}${inner})`),
      alternation: fc.array(tie('sequence'), { minLength: 1, maxLength: 3 }).map((branches) => (branches as string[]).join('|')),
    }));
    const anchored = fc.tuple(fc.boolean(), alternation, fc.boolean()).map(([start, body, end]) => `${start ? '^' : ''}(?:${body})${end ? '$' : ''}`);
    const flags = fc.subarray(['i', 's', 'm', 'u']).map((list) => list.join(''));
    const name = fc.stringOf(fc.constantFrom('a', 'b', 'A', 'B', '_', '1', '.', '-', '/', '\n', ' ', 'é', 'É', '\u00a0'), { maxLength: 12 });
    fc.assert(
      fc.property(anchored, flags, fc.array(name, { minLength: 1, maxLength: 5 }), (source, flag, names) => {
        const pattern = `/${source}/${flag}`;
        let valid = true;
        try {
          new RegExp(source, flag);
        } catch {
          valid = false;
        }
        fc.pre(valid);
        const compiled = compilePattern(pattern);
        assert.equal(compiled.problem, null, `${pattern}: ${compiled.problem}`);
        for (const each of names) assert.equal(compiled.test(each), javascript(pattern, each), `${pattern} on ${JSON.stringify(each)}`);
      }),
      { numRuns: 2000 },
    );
  });
});
