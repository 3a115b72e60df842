// Feed dates to ISO-8601 UTC. Anything we cannot read becomes null, never "now": a wrong date would
// reorder a digest, a missing one only loses a sort key.
import { parseRareDate } from './dates-extra.js';

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};
const DAY_NAMES = new Set(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
// RFC 822 names plus the North American ones feeds use; RFC 822 military letters as the RFC wrote them.
const ZONE_HOURS: Record<string, number> = {
  ut: 0, utc: 0, gmt: 0, z: 0, adt: -3, ast: -4, at: -4, edt: -4, est: -5, et: -5, cdt: -5, cst: -6, ct: -6,
  mdt: -6, mst: -7, mt: -7, pdt: -7, pst: -8, pt: -8, a: -1, n: 1, m: -12, y: 12, met: 1, mest: 2, cet: 1, cest: 2,
  bst: 1, ist: 5.5, jst: 9, kst: 9, hkt: 8, aest: 10, aedt: 11, nzst: 12, nzdt: 13,
};

const W3DTF = /^(\d{4})(?:-?(\d{2})(?:-?(\d{2})(?:[T\s]+(\d{1,2}):?(\d{2})(?::?(\d{2})(?:[.,]\d+)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/i;
// asctime(), optionally with the zone `date` prints: "Thu Jan  1 19:48:21 EST 2004".
const ASCTIME = /^[A-Za-z]{3}\s+([A-Za-z]{3})\s+(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})\s+(?:([A-Za-z]{1,5}|[+-]\d{4})\s+)?(\d{4})$/;

export function parseDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const text = value.trim();
  // No date format needs more; longer input is not a date and only costs regex time.
  if (!text || text.length > 80) return null;
  const ms = (/^\d{4}/.test(text) ? parseW3dtf(text) : (parseCommonRfc822(text) ?? parseRfc822(text) ?? parseAsctime(text))) ?? parseRareDate(text, parseRfc822, build);
  return ms === null ? null : formatUtc(ms);
}

/** ISO-8601 UTC without fractional seconds, the shape every consumer of the contract expects. */
export function formatUtc(ms: number): string {
  // Civil-from-days arithmetic (Howard Hinnant's algorithm): no Date object per item.
  const days = Math.floor(ms / 86_400_000);
  const secondsOfDay = Math.floor((ms - days * 86_400_000) / 1000);
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
  const time = `${pad(Math.floor(secondsOfDay / 3600))}:${pad(Math.floor(secondsOfDay / 60) % 60)}:${pad(secondsOfDay % 60)}`;
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}T${time}Z`;
}

function parseW3dtf(text: string): number | null {
  const m = W3DTF.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, zone] = m;
  const offset = zone ? zoneOffsetMinutes(zone) : 0;
  if (offset === null) return null;
  return build(+y!, mo ? +mo : 1, d ? +d : 1, h ? +h : 0, mi ? +mi : 0, s ? +s : 0, offset);
}

// The shape nearly every RSS feed uses ("Tue, 01 Dec 2026 07:00:00 +0100"), read with one regex.
const COMMON_RFC822 = /^(?:[A-Za-z]{3},\s*)?(\d{1,2}) ([A-Za-z]{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) ([+-]\d{4}|GMT|UTC|UT|Z)$/;

function parseCommonRfc822(text: string): number | null {
  const m = COMMON_RFC822.exec(text);
  const month = m ? MONTHS[m[2]!.toLowerCase()] : undefined;
  if (!m || !month) return null;
  const zone = m[7]!;
  const offset = zone[0] === '+' || zone[0] === '-' ? (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3))) : 0;
  return build(+m[3]!, month, +m[1]!, +m[4]!, +m[5]!, +m[6]!, offset);
}

function parseRfc822(text: string): number | null {
  let parts = text.toLowerCase().replace(/,/g, ' ').split(/\s+/).filter(Boolean);
  if (parts[0] && DAY_NAMES.has(parts[0].slice(0, 3))) parts = parts.slice(1);
  if (parts.length < 3) return null;
  let day = Number(parts[0]);
  let month = MONTHS[parts[1]!.slice(0, 3)];
  if (Number.isNaN(day) && MONTHS[parts[0]!.slice(0, 3)]) {
    month = MONTHS[parts[0]!.slice(0, 3)];
    day = Number(parts[1]);
  }
  if (!month || !Number.isInteger(day)) return null;
  let yearText = parts[2]!;
  let timeText = parts[3] ?? '00:00:00';
  // "Dec 1 07:00:00 2026": the year after the time.
  if (yearText.includes(':') && parts[3] && /^\d{4}$/.test(parts[3])) [yearText, timeText] = [parts[3], yearText];
  if (!/^\d{2,4}$/.test(yearText)) return null;
  let year = Number(yearText);
  if (yearText.length <= 2) year += year < 90 ? 2000 : 1900;
  const time = timeText.split(':');
  if (time.length > 3 || time.some((t) => !/^\d{1,2}$/.test(t))) return null;
  const [h = 0, mi = 0, s = 0] = time.map(Number);
  const offset = parts[4] ? zoneOffsetMinutes(parts[4]) ?? 0 : 0;
  return build(year, month, day, h, mi, s, offset);
}

function parseAsctime(text: string): number | null {
  const m = ASCTIME.exec(text);
  const month = m ? MONTHS[m[1]!.toLowerCase()] : undefined;
  if (!m || !month) return null;
  const offset = m[6] ? zoneOffsetMinutes(m[6]) : 0;
  return offset === null ? null : build(+m[7]!, month, +m[2]!, +m[3]!, +m[4]!, +m[5]!, offset);
}

function zoneOffsetMinutes(zone: string): number | null {
  let z = zone.toLowerCase();
  if (z.startsWith('etc/')) z = z.slice(4);
  if ((z.startsWith('gmt') || z.startsWith('utc')) && z.length > 3) z = z.slice(3);
  const m = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(z);
  if (m) {
    const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
    return m[1] === '-' ? -minutes : minutes;
  }
  const hours = ZONE_HOURS[z];
  return hours === undefined ? null : hours * 60;
}

function build(y: number, mo: number, d: number, h: number, mi: number, s: number, offsetMin: number): number | null {
  if (y < 1000 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 24 || mi > 59 || s > 60) return null;
  return Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59)) - offsetMin * 60_000;
}

function daysInMonth(y: number, mo: number): number {
  if (mo === 2) return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28;
  return mo === 4 || mo === 6 || mo === 9 || mo === 11 ? 30 : 31;
}
