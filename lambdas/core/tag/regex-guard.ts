import safeRegex from 'safe-regex2';

// Admin-written patterns run on every stored item, so one bad pattern could stall a whole batch.
// safe-regex2 rejects nested quantifiers ((a+)+); it misses a quantified alternation whose branches
// overlap ((a|a)*, (x|xx)*y), so any quantified group containing "|" is refused too, as are
// backreferences and lookbehinds, which defeat the linear-time reasoning.

/** Returns why `source` is unsafe or invalid as a tagging pattern, or null when it may be used. */
export function checkPatternSafety(source: string): string | null {
  try {
    new RegExp(source, 'gu');
  } catch (error) {
    return `invalid regular expression: ${(error as Error).message}`;
  }
  if (/\\[1-9]|\\k</.test(source)) return 'backreferences are not allowed in patterns';
  if (source.includes('(?<=') || source.includes('(?<!')) return 'lookbehind is not allowed in patterns';
  if (!safeRegex(source)) return 'pattern may hang the tagger (nested quantifiers such as (a+)+ or too many repetitions); rewrite it or use phrases';
  if (hasQuantifiedAlternation(source)) return 'pattern may hang the tagger (a repeated group with alternatives such as (a|ab)*); rewrite it or use phrases';
  return null;
}

function hasQuantifiedAlternation(source: string): boolean {
  const open: Array<{ alternation: boolean }> = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === '(') open.push({ alternation: false });
    else if (ch === '|') {
      const top = open[open.length - 1];
      if (top) top.alternation = true;
    } else if (ch === ')') {
      const group = open.pop();
      if (group?.alternation && isQuantifier(source, i + 1)) return true;
      // An inner alternation makes the enclosing group risky as well when that one is repeated.
      const parent = open[open.length - 1];
      if (group?.alternation && parent) parent.alternation = true;
    }
  }
  return false;
}

function isQuantifier(source: string, at: number): boolean {
  const ch = source[at];
  if (ch === '*' || ch === '+') return true;
  return ch === '{' && /^\{\d+,\d*\}/.test(source.slice(at));
}
