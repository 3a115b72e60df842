// Links as a reader can follow them: absolute, and without the campaign parameters newsletters and
// feed services append (they make one article look like many and leak where a reader came from).

const TRACKING_PARAM = /^(utm_[a-z_]+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|yclid|_hsenc|_hsmi|mkt_tok|igshid|oly_anon_id|oly_enc_id|vero_id|__s|ref_src)$/i;

/** Resolves `url` against `base` (xml:base, the feed URL or the feed link); returns it untouched when it cannot. */
export function resolveUrl(url: string, base: string | null | undefined): string {
  const trimmed = url.trim();
  if (!base || /^[a-z][a-z0-9+.-]*:/i.test(trimmed)) return trimmed;
  try {
    const href = new URL(trimmed, base).href;
    // An IRI (non-ASCII path written as such) stays readable, as feedparser keeps it; only the bytes the
    // resolver itself percent-encoded are turned back.
    return NON_ASCII.test(trimmed) || NON_ASCII.test(base) ? href.replace(ENCODED_NON_ASCII, decodeOrKeep) : href;
  } catch {
    return trimmed;
  }
}

// eslint-disable-next-line no-control-regex -- the ASCII range is the point
const NON_ASCII = /[^\u0000-\u007f]/;
const ENCODED_NON_ASCII = /(?:%[89a-f][0-9a-f])+/gi;

function decodeOrKeep(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
}

/** Removes utm_* and similar click-tracking parameters; leaves everything else byte for byte. */
export function stripTrackingParams(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const hashAt = url.indexOf('#', q);
  const query = url.slice(q + 1, hashAt < 0 ? undefined : hashAt);
  const kept = query.split('&').filter((pair) => pair !== '' && !TRACKING_PARAM.test(pair.split('=')[0] ?? ''));
  if (kept.length === query.split('&').length) return url;
  const hash = hashAt < 0 ? '' : url.slice(hashAt);
  return url.slice(0, q) + (kept.length ? `?${kept.join('&')}` : '') + hash;
}

/** True for URLs a reader may open or load: http(s), mailto, and relative ones — never javascript: or data:. */
// Browsers ignore control characters and spaces inside a scheme ("java\tscript:"), so the check must too.
// eslint-disable-next-line no-control-regex
const IGNORED_IN_SCHEME = /[\u0000-\u0020\u007f]/g;

export function isSafeUrl(url: string): boolean {
  if (url.startsWith('https://') || url.startsWith('http://')) return true;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url.replace(IGNORED_IN_SCHEME, ''));
  return !scheme || ['http', 'https', 'mailto', 'ftp', 'news', 'tel', 'magnet'].includes(scheme[1]!.toLowerCase());
}

/** Joins a possibly relative base onto its parent base (nested xml:base attributes). */
export function joinBase(parent: string | null, base: string | null): string | null {
  if (!base) return parent;
  return parent ? resolveUrl(base, parent) : base.trim();
}
