import { Parser } from 'htmlparser2';
import { dropFurniture } from './furniture.js';
import { walkWellFormedHtml } from './well-formed-html.js';
import type { HtmlEvents } from './well-formed-html.js';

// Tagging sees what a reader sees: markup stripped, entities decoded, Unicode folded to one spelling
// (NFKC turns ligatures and non-breaking spaces into plain letters and spaces), and page furniture
// (comments, share/newsletter/affiliate footers, related-story lists, spam) removed.

const SKIPPED_TAGS = new Set(['script', 'style', 'noscript', 'iframe', 'form', 'nav', 'footer', 'aside', 'button', 'svg', 'select', 'textarea', 'template', 'figcaption']);
const BLOCK_TAGS = new Set(['p', 'div', 'br', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr', 'td', 'th', 'blockquote', 'section', 'article', 'header', 'dt', 'dd', 'pre', 'hr', 'table']);
// class / id / role values that mark furniture in the common blog and CMS themes.
const FURNITURE_ATTR = /(^|[\s_-])(comments?|comment-respond|respond|replies|reply|share|sharing|sharedaddy|social|related|newsletter|subscribe|subscription|signup|affiliate|disclosure|promo|advert|ads|sponsored|sidebar|widget|breadcrumbs?|jp-relatedposts|yarpp|disqus)($|[\s_-])/i;

const QUOTES: Record<string, string> = { '\u2018': "'", '\u2019': "'", '\u201a': "'", '\u201b': "'", '\u2032': "'", '\u201c': '"', '\u201d': '"', '\u201e': '"', '\u201f': '"', '\u2033': '"', '\u00ab': '"', '\u00bb': '"', '\u2013': '-', '\u2014': '-', '\u2010': '-', '\u2011': '-', '\u2212': '-' };
const QUOTE_CHARS = /[\u2018\u2019\u201a\u201b\u2032\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u2013\u2014\u2010\u2011\u2212]/g;
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
const DOTTED_ACRONYM = /\b(?:[A-Z]\.){2,}/g;
// eslint-disable-next-line no-control-regex -- the whole ASCII range, control characters included
const NON_ASCII = /[^\u0000-\u007f]/;
const SPACE_RUN = /[^\S\n]{2,}|[^\S \n]/g;

/** Plain, normalized, furniture-free text from an HTML fragment or plain text. */
export function cleanText(input: string | null | undefined): string {
  if (!input) return '';
  const text = input.includes('<') || input.includes('&') ? htmlToText(input) : input;
  return dropFurniture(normalizeUnicode(text));
}

/** NFKC plus the folds NFKC leaves alone: curly quotes, dashes, invisible characters, runs of spaces. */
export function normalizeUnicode(text: string): string {
  // NFKC and the folds below change only non-ASCII characters, and most feed text is plain ASCII.
  const folded = NON_ASCII.test(text) ? text.normalize('NFKC').replace(INVISIBLE, '').replace(QUOTE_CHARS, (ch) => QUOTES[ch] ?? ch) : text;
  return (
    folded
      // House styles that dot acronyms ("A.I.", "U.S.") write the same words as everyone else.
      .replace(DOTTED_ACRONYM, (m) => m.replace(/\./g, ''))
      // Same as collapsing every run of spaces to one, but a lone plain space is not rewritten.
      .replace(SPACE_RUN, ' ')
  );
}

function htmlToText(html: string): string {
  const out: string[] = [];
  let skipDepth = 0;
  const events: HtmlEvents = {
    open(name, attrs) {
      if (skipDepth > 0 || SKIPPED_TAGS.has(name) || isFurniture(attrs)) {
        skipDepth++;
        return;
      }
      if (BLOCK_TAGS.has(name)) out.push('\n');
    },
    text(text) {
      if (skipDepth === 0) out.push(text);
    },
    close(name) {
      if (skipDepth > 0) skipDepth--;
      else if (BLOCK_TAGS.has(name)) out.push('\n');
    },
  };
  if (!walkWellFormedHtml(html, events)) {
    const parser = new Parser({ onopentag: events.open, ontext: events.text, onclosetag: events.close }, { decodeEntities: true, lowerCaseTags: true });
    parser.write(html);
    parser.end();
  }
  return out.join('');
}

function isFurniture(attrs: Record<string, string>): boolean {
  const marks = `${attrs.class ?? ''} ${attrs.id ?? ''} ${attrs.role ?? ''}`;
  return marks.trim() !== '' && FURNITURE_ATTR.test(marks);
}
