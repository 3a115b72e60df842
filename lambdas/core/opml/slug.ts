// Ids and tags derived from free text (OPML titles, folder names) must pass the feeds.yaml slug rule.

export const MAX_DERIVED_SLUG = 48;

/** "Tom's Café & Bar" → "toms-cafe-and-bar"; may return '' when nothing usable is left. */
export function slugify(text: string, maxLength = MAX_DERIVED_SLUG): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, maxLength)
    .replace(/^-+|-+$/g, '');
}

/** A slug for `preferred` (else `fallback`) that is not in `taken`, suffixed -2, -3… when needed. */
export function uniqueSlug(preferred: string, fallback: string, taken: ReadonlySet<string>): string {
  const base = slugify(preferred) || slugify(fallback) || 'feed';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base.slice(0, MAX_DERIVED_SLUG - String(n).length - 1).replace(/-+$/, '')}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
