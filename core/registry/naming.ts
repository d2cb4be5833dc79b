import { RE2JS } from 're2js';

/**
 * The naming convention's pattern, compiled with RE2 (re2js): matching takes time linear in the name's length
 * whatever the pattern, so no saved pattern can freeze the core (a backtracking engine spends seconds on
 * `^([A-Za-z]+ ?)+$` against a 41-character name). RE2 has no back-references or look-around; a pattern that
 * uses them is refused with a plain reason.
 */
export interface NamingMatcher {
  test(name: string): boolean;
}

export type CompiledNaming = { ok: true; matcher: NamingMatcher } | { ok: false; message: string };

const WHY: { test: RegExp; say: string }[] = [
  { test: /\\[1-9]|\\k</, say: 'it uses a back-reference (\\1 or \\k<name>), which the safe pattern engine does not support' },
  { test: /\(\?<[=!]/, say: 'it uses a look-behind ((?<=…) or (?<!…)), which the safe pattern engine does not support' },
  { test: /\(\?[=!]/, say: 'it uses a look-ahead ((?=…) or (?!…)), which the safe pattern engine does not support' },
];

export function compileNaming(pattern: string): CompiledNaming {
  try {
    const re = RE2JS.compile(pattern);
    return { ok: true, matcher: { test: (name) => re.test(name) } };
  } catch (error) {
    const known = WHY.find((w) => w.test.test(pattern));
    const detail = known ? known.say : `it is not a valid pattern (${(error as Error).message.replace(/^error parsing regexp: /, '')})`;
    return {
      ok: false,
      message: `This naming pattern cannot be used: ${detail}. Flowdeck checks names with RE2, which always finishes quickly; write the rule with plain groups, alternatives (a|b) and repeats instead.`,
    };
  }
}
