// Inline styles the way established feed readers filter them: a short list of presentational
// properties with plain values, no url(), nothing that could load or run anything.

const PROPERTIES = new Set([
  'azimuth', 'background-color', 'border-bottom-color', 'border-collapse', 'border-color', 'border-left-color',
  'border-right-color', 'border-top-color', 'clear', 'color', 'cursor', 'direction', 'display', 'elevation', 'float',
  'font', 'font-family', 'font-size', 'font-style', 'font-variant', 'font-weight', 'height', 'letter-spacing',
  'line-height', 'overflow', 'pause', 'pause-after', 'pause-before', 'pitch', 'pitch-range', 'richness', 'speak',
  'speak-header', 'speak-numeral', 'speak-punctuation', 'speech-rate', 'stress', 'text-align', 'text-decoration',
  'text-indent', 'unicode-bidi', 'vertical-align', 'voice-family', 'volume', 'white-space', 'width',
]);
const KEYWORDS = new Set([
  '!important', 'aqua', 'auto', 'black', 'block', 'blue', 'bold', 'both', 'bottom', 'brown', 'center', 'collapse',
  'dashed', 'dotted', 'fuchsia', 'gray', 'green', 'italic', 'left', 'lime', 'maroon', 'medium', 'navy', 'none',
  'normal', 'nowrap', 'olive', 'pointer', 'purple', 'red', 'right', 'silver', 'solid', 'teal', 'top', 'transparent',
  'underline', 'white', 'yellow',
]);
// Shorthands (margin: 0 auto; border: 1px solid red) are kept when every word is a keyword or a plain value.
const SHORTHANDS = new Set(['background', 'border', 'margin', 'padding']);
const PLAIN_VALUE = /^(#[0-9a-f]+|rgb\(\d+%?,\d*%?,?\d*%?\)?|\d{0,2}\.?\d{0,2}(cm|em|ex|in|mm|pc|pt|px|%|,|\))?)$/;
const ALLOWED_CHARS = /^([:,;#%.\sa-zA-Z0-9!]|\w-\w|'[\s\w]+'|"[\s\w]+"|\([\d,\s]+\))*$/;
const DECLARATION = /([-\w]+)\s*:\s*([^:;]*)/g;

/** The safe part of a style attribute, written `prop: value;` and space-separated; '' when nothing is safe. */
export function sanitizeStyle(style: string): string {
  if (style.length > 2000) return '';
  const text = style.replace(/url\s*\(\s*[^\s)]+?\s*\)\s*/g, ' ');
  if (!ALLOWED_CHARS.test(text)) return '';
  if (text.replace(/\s*[-\w]+\s*:\s*[^:;]*;?/g, '').trim()) return '';
  const kept: string[] = [];
  for (const [, property, value] of text.matchAll(DECLARATION)) {
    if (!value) continue;
    const name = property!.toLowerCase();
    if (PROPERTIES.has(name) || (SHORTHANDS.has(name.split('-')[0]!) && value.split(/\s+/).filter(Boolean).every(isPlainWord))) {
      kept.push(`${property}: ${value};`);
    }
  }
  return kept.join(' ');
}

function isPlainWord(word: string): boolean {
  return KEYWORDS.has(word) || PLAIN_VALUE.test(word);
}
