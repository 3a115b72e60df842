import { memoize } from '../memoize.js';

// Page furniture that survives markup stripping (plain-text feeds, flattened HTML): a heading that starts
// the comment section or a related-stories list ends the article; share, newsletter and affiliate lines
// are dropped one by one; spam (SEO link bait, keyboard-mash comments) is dropped sentence by sentence.

const TRAILER_START =
  /^(leave a (reply|comment)|post a comment|add a comment|\d+ (comments?|responses?|replies)|comments?( \(\d+\))?|responses?|join the (conversation|discussion)|related( (stories|articles|posts|reading|coverage|links|content))?|more (stories|from|on this)|you (may|might) also like|read (next|more)|recommended( for you)?|trending( now)?|popular (stories|posts))\s*[:.!]?$/i;
const FURNITURE_LINE =
  /^(share (this|on|via)|(share|tweet|email|print)( this)?( (article|story|post))?$|click to (share|email|print)|like this:?$|sign up (for|to)|subscribe (to|for|now)|get (our|the) .{0,40}newsletter|(this (post|article|story|page) )?(contains|may contain|includes) affiliate|(as an amazon associate|we may earn|we earn)( a)? (commission|from qualifying)|affiliate (links?|disclosure)|follow us on|copyright ©|all rights reserved|filed under:?|tags?:|continue reading|read the full (story|article)|the post .{1,300} appeared first on )/i;
const SPAM = /\b(social signals?|backlinks?|seo (services?|agency|expert)|buy (cheap |real )?(followers|likes|views)|viagra|cialis|essay writing service)\b/i;
const GIBBERISH_MIN_SHARE = 0.6;

/** Removes furniture lines and trailing sections from plain text. */
export function dropFurniture(text: string): string {
  const kept: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    if (line.length <= 60 && TRAILER_START.test(line)) break;
    if (FURNITURE_LINE.test(line)) continue;
    const clean = dropSpamSentences(line);
    if (clean) kept.push(clean);
  }
  return kept.join('\n');
}

function dropSpamSentences(line: string): string {
  if (!SPAM.test(line) && !hasGibberishWord(line)) return line;
  return line
    .split(/(?<=[.!?:;])\s+/)
    .filter((sentence) => !SPAM.test(sentence) && !isGibberish(sentence))
    .join(' ');
}

function hasGibberishWord(line: string): boolean {
  const lower = line.toLowerCase();
  // Every gibberish verdict needs four consonants in a row, so a line without them is settled in one scan.
  if (!CONSONANT_RUN.test(lower)) return false;
  return lower.match(/[a-z]{4,}/g)?.some(isGibberishWord) ?? false;
}

const CONSONANT_RUN = /[bcdfghjklmnpqrstvwxyz]{4}/;

/** A sentence most of whose words could not be English: random letters mashed out by a spam bot. */
export function isGibberish(sentence: string): boolean {
  const words = sentence.toLowerCase().match(/[a-z]{4,}/g) ?? [];
  const bad = words.filter(isGibberishWord).length;
  return bad >= 2 && bad / words.length >= GIBBERISH_MIN_SHARE;
}

// Prose repeats its words, and each verdict costs several regex scans: decided once per word and process.
const isGibberishWord = memoize((word) => judgeWord(word), 50_000);

function judgeWord(word: string): boolean {
  // Short vowel-less words are acronyms (html, pdfs); a q without u is a name (Iraqi, Qatar, Nasdaq).
  if (!/[aeiouy]/.test(word)) return word.length >= 6;
  if (/[bcdfghjklmnpqrstvwxz]{5}/.test(word)) return true;
  // Four consonants in a row (y counted as one, so "iccyp" is caught) are English only around a few
  // clusters: i-nstr-uct, stre-ngth-s, li-ght-s, wo-rld-s.
  const runs = word.match(/[bcdfghjklmnpqrstvwxyz]{4,}/g) ?? [];
  return runs.some((run) => !COMMON_CLUSTER.test(run));
}

const COMMON_CLUSTER = /str|scr|spr|spl|thr|chr|sch|ght|ngth|nst|nct|rst|rth|rch|tch|nch|lth|mpl|mpt|nds|nts|rts|lds|ckl|ngl|ndl|rld|ntl|stl|phr|shr|ncr|ngs|rgs|mbl|nkl|lls|sts|rds|rns|rms|cks/;
