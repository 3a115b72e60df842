// Rarer date shapes the reference parser (Python feedparser) also reads; tried only after the common ones fail.

const GREEK_MONTHS: Record<string, string> = {
  Ιαν: 'Jan', Φεβ: 'Feb', Μάώ: 'Mar', Μαώ: 'Mar', Απρ: 'Apr', Μάι: 'May', Μαϊ: 'May', Μαι: 'May', Ιούν: 'Jun', Ιον: 'Jun',
  Ιούλ: 'Jul', Ιολ: 'Jul', Αύγ: 'Aug', Αυγ: 'Aug', Σεπ: 'Sep', Οκτ: 'Oct', Νοέ: 'Nov', Νοε: 'Nov', Δεκ: 'Dec',
};
const GREEK_DATE = /^[^,]+,\s+(\d{2})\s+(\S+)\s+(\d{4})\s+(\d{2}:\d{2}:\d{2})\s+(\S+)/;
// Perforce's "Fri, 2006/09/15 08:19:53 EDT".
const SLASHED_DATE = /^\w{1,3}, (\d{4})\/(\d{1,2})\/(\d{1,2}) (\d{1,2}:\d{2}:\d{2}) (\w{1,3})$/;
const ENGLISH_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const TIME = String.raw`(?:T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}(?::?\d{2})?)?)?`;
// ISO 8601 ordinal dates ("2026-335") and two-digit years ("26-12-01", read as this century).
const ORDINAL_DATE = new RegExp(String.raw`^(\d{4})-?([0-3]\d\d)${TIME}$`);
const SHORT_YEAR_DATE = new RegExp(String.raw`^(\d{2})-?([01]\d)-?([0-3]\d)${TIME}$`);
// Unpadded months and days ("2026-1-5T07:00:00Z").
const UNPADDED_DATE = new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})${TIME}$`);
// A zone offset written with seconds ("+01:00:00"); the seconds are dropped.
const OFFSET_SECONDS_DATE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?([+-]\d{2}:\d{2}):\d{2}$/;
// A calendar date followed by something unreadable ("2026-05-25 오후 11:23:17"): the day is still right.
const DATE_PREFIX = /^(\d{4})-([01]\d)-([0-3]\d)(?![\dT:])/;

type Build = (y: number, mo: number, d: number, h: number, mi: number, s: number, offset: number) => number | null;

// Shapes whose groups are year, month, day, hour, minute, second, zone; the number is added to the year.
const NUMERIC_SHAPES: ReadonlyArray<readonly [RegExp, number]> = [[SHORT_YEAR_DATE, 2000], [UNPADDED_DATE, 0], [OFFSET_SECONDS_DATE, 0]];

/**
 * Reads the rarer shapes; `readRfc822` is the caller's RFC 822 reader and `build` its validating
 * constructor (year, month, day, hour, minute, second, zone offset in minutes → epoch ms or null).
 */
export function parseRareDate(text: string, readRfc822: (text: string) => number | null, build: Build): number | null {
  const greek = GREEK_DATE.exec(text);
  if (greek && GREEK_MONTHS[greek[2]!]) return readRfc822(`${greek[1]} ${GREEK_MONTHS[greek[2]!]} ${greek[3]} ${greek[4]} ${greek[5]}`);
  const slashed = SLASHED_DATE.exec(text);
  const slashedMonth = slashed ? ENGLISH_MONTHS[Number(slashed[2]) - 1] : undefined;
  if (slashed && slashedMonth) return readRfc822(`${slashed[3]} ${slashedMonth} ${slashed[1]} ${slashed[4]} ${slashed[5]}`);
  const ordinal = ORDINAL_DATE.exec(text);
  if (ordinal) return fromOrdinal(ordinal, build);
  for (const [shape, yearBase] of NUMERIC_SHAPES) {
    const m = shape.exec(text);
    if (m) return build(yearBase + Number(m[1]), +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), zoneMinutes(m[7]));
  }
  const prefix = DATE_PREFIX.exec(text);
  return prefix ? build(+prefix[1]!, +prefix[2]!, +prefix[3]!, 0, 0, 0, 0) : null;
}

function fromOrdinal(m: RegExpExecArray, build: Build): number | null {
  const day = Number(m[2]);
  const start = build(Number(m[1]), 1, 1, 0, 0, 0, 0);
  if (start === null || day < 1 || day > 366) return null;
  const time = build(2000, 1, 1, +(m[3] ?? 0), +(m[4] ?? 0), +(m[5] ?? 0), zoneMinutes(m[6]));
  return time === null ? null : start + (day - 1) * 86_400_000 + (time - Date.UTC(2000, 0, 1));
}

function zoneMinutes(zone: string | undefined): number {
  if (!zone || zone === 'Z') return 0;
  const minutes = Number(zone.slice(1, 3)) * 60 + Number(zone.replace(':', '').slice(3, 5) || 0);
  return zone[0] === '-' ? -minutes : minutes;
}
