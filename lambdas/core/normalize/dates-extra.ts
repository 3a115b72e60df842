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
// A calendar date followed by something unreadable ("2026-05-25 오후 11:23:17"): the day is still right.
const DATE_PREFIX = /^(\d{4})-([01]\d)-([0-3]\d)(?![\dT:])/;

/**
 * Reads the rarer shapes; `readRfc822` is the caller's RFC 822 reader and `build` its validating
 * constructor (year, month, day, hour, minute, second, zone offset in minutes → epoch ms or null).
 */
export function parseRareDate(
  text: string,
  readRfc822: (text: string) => number | null,
  build: (y: number, mo: number, d: number, h: number, mi: number, s: number, offset: number) => number | null,
): number | null {
  const greek = GREEK_DATE.exec(text);
  if (greek && GREEK_MONTHS[greek[2]!]) return readRfc822(`${greek[1]} ${GREEK_MONTHS[greek[2]!]} ${greek[3]} ${greek[4]} ${greek[5]}`);
  const slashed = SLASHED_DATE.exec(text);
  const slashedMonth = slashed ? ENGLISH_MONTHS[Number(slashed[2]) - 1] : undefined;
  if (slashed && slashedMonth) return readRfc822(`${slashed[3]} ${slashedMonth} ${slashed[1]} ${slashed[4]} ${slashed[5]}`);
  const ordinal = ORDINAL_DATE.exec(text);
  if (ordinal) {
    const day = Number(ordinal[2]);
    const start = build(Number(ordinal[1]), 1, 1, 0, 0, 0, 0);
    if (start === null || day < 1 || day > 366) return null;
    const time = build(2000, 1, 1, +(ordinal[3] ?? 0), +(ordinal[4] ?? 0), +(ordinal[5] ?? 0), zoneMinutes(ordinal[6]));
    return time === null ? null : start + (day - 1) * 86_400_000 + (time - Date.UTC(2000, 0, 1));
  }
  const short = SHORT_YEAR_DATE.exec(text);
  if (short) return build(2000 + Number(short[1]), +short[2]!, +short[3]!, +(short[4] ?? 0), +(short[5] ?? 0), +(short[6] ?? 0), zoneMinutes(short[7]));
  const unpadded = UNPADDED_DATE.exec(text);
  if (unpadded) return build(+unpadded[1]!, +unpadded[2]!, +unpadded[3]!, +(unpadded[4] ?? 0), +(unpadded[5] ?? 0), +(unpadded[6] ?? 0), zoneMinutes(unpadded[7]));
  const prefix = DATE_PREFIX.exec(text);
  return prefix ? build(+prefix[1]!, +prefix[2]!, +prefix[3]!, 0, 0, 0, 0) : null;
}

function zoneMinutes(zone: string | undefined): number {
  if (!zone || zone === 'Z') return 0;
  const minutes = Number(zone.slice(1, 3)) * 60 + Number(zone.replace(':', '').slice(3, 5) || 0);
  return zone[0] === '-' ? -minutes : minutes;
}
