// Which IP addresses a feed fetch may connect to. Pure: the fetcher resolves names and asks here, once
// per address, on every hop. Input is the canonical text DNS answers and WHATWG URL hostnames use
// (dotted-quad IPv4; IPv6 with `::` and an optional trailing dotted quad); anything else is refused.

export type AddressVerdict = { allowed: true } | { allowed: false; reason: string };

interface Range {
  base: number;
  bits: number;
  reason: string;
}

function v4(text: string, bits: number, reason: string): Range {
  return { base: parseIpv4(text) ?? 0, bits, reason };
}

// IANA IPv4 special-purpose registry, plus multicast and the reserved class E block: none of these
// hosts a public feed, and several (loopback, RFC 1918, link-local metadata at 169.254.169.254)
// are exactly what an SSRF wants to reach.
const IPV4_BLOCKED: readonly Range[] = [
  v4('0.0.0.0', 8, 'unspecified ("this network")'),
  v4('10.0.0.0', 8, 'private (RFC 1918)'),
  v4('100.64.0.0', 10, 'carrier-grade NAT (RFC 6598)'),
  v4('127.0.0.0', 8, 'loopback'),
  v4('169.254.0.0', 16, 'link-local (cloud metadata lives here)'),
  v4('172.16.0.0', 12, 'private (RFC 1918)'),
  v4('192.0.0.0', 24, 'IETF protocol assignments'),
  v4('192.0.2.0', 24, 'documentation (TEST-NET-1)'),
  v4('192.31.196.0', 24, 'AS112 service'),
  v4('192.52.193.0', 24, 'AMT relay'),
  v4('192.88.99.0', 24, 'deprecated 6to4 relay anycast'),
  v4('192.168.0.0', 16, 'private (RFC 1918)'),
  v4('192.175.48.0', 24, 'AS112 direct delegation'),
  v4('198.18.0.0', 15, 'benchmarking'),
  v4('198.51.100.0', 24, 'documentation (TEST-NET-2)'),
  v4('203.0.113.0', 24, 'documentation (TEST-NET-3)'),
  v4('224.0.0.0', 4, 'multicast'),
  v4('255.255.255.255', 32, 'broadcast'),
  v4('240.0.0.0', 4, 'reserved'),
];

/** Strict dotted-quad decimal to an unsigned 32-bit number; null for anything else. */
export function parseIpv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = value * 256 + octet;
  }
  return value;
}

/** IPv6 text (with `::`, an optional trailing dotted quad, an optional `%zone`) to eight 16-bit groups. */
export function parseIpv6(text: string): number[] | null {
  const unzoned = text.replace(/%[^%]*$/, '');
  const halves = unzoned.split('::');
  if (halves.length > 2) return null;
  const head = parseGroups(halves[0] ?? '');
  const tail = halves.length === 2 ? parseGroups(halves[1] ?? '') : [];
  if (head === null || tail === null) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  return [...head, ...new Array<number>(missing).fill(0), ...tail];
}

function parseGroups(text: string): number[] | null {
  if (text === '') return [];
  const groups: number[] = [];
  const parts = text.split(':');
  for (const [index, part] of parts.entries()) {
    if (index === parts.length - 1 && part.includes('.')) {
      const quad = parseIpv4(part);
      if (quad === null) return null;
      groups.push(Math.floor(quad / 65536), quad % 65536);
    } else {
      if (!/^[0-9a-fA-F]{1,4}$/.test(part)) return null;
      groups.push(parseInt(part, 16));
    }
  }
  return groups;
}

function inRange(value: number, range: Range): boolean {
  const size = 2 ** (32 - range.bits);
  return Math.floor(value / size) === Math.floor(range.base / size);
}

function classifyIpv4(value: number): AddressVerdict {
  const hit = IPV4_BLOCKED.find((range) => inRange(value, range));
  return hit ? { allowed: false, reason: hit.reason } : { allowed: true };
}

function embeddedIpv4(groups: number[], high: number, low: number): number {
  return (groups[high] ?? 0) * 65536 + (groups[low] ?? 0);
}

function startsWith(groups: number[], prefix: number[]): boolean {
  return prefix.every((group, index) => groups[index] === group);
}

// IPv6 is judged by what the address really reaches: forms that embed an IPv4 address
// (mapped, compatible, NAT64, 6to4) are judged by that IPv4 address, so `::ffff:127.0.0.1`
// or `64:ff9b::a00:1` cannot smuggle loopback or RFC 1918 past the guard.
function classifyIpv6(groups: number[]): AddressVerdict {
  const first = groups[0] ?? 0;
  const zeroPrefix = groups.slice(0, 5).every((group) => group === 0);
  if (zeroPrefix && groups[5] === 0xffff) return embedded(groups, 6, 7, 'IPv4-mapped');
  if (zeroPrefix && groups[5] === 0 && groups[6] === 0 && (groups[7] ?? 0) <= 1) {
    return { allowed: false, reason: groups[7] === 1 ? 'loopback' : 'unspecified' };
  }
  if (zeroPrefix && groups[5] === 0) return embedded(groups, 6, 7, 'IPv4-compatible');
  if (startsWith(groups, [0x64, 0xff9b, 0, 0, 0, 0])) return embedded(groups, 6, 7, 'NAT64');
  if (first === 0x2002) return embedded(groups, 1, 2, '6to4');
  // Everything public lives in 2000::/3; outside it are ULA fc00::/7, link-local fe80::/10,
  // site-local, multicast ff00::/8, discard 100::/64, local NAT64 64:ff9b:1::/48 and reserved space.
  if (first < 0x2000 || first > 0x3fff) return { allowed: false, reason: describeNonGlobal(first) };
  if (first === 0x2001 && (groups[1] ?? 0) < 0x200) return { allowed: false, reason: 'IETF protocol assignments (incl. Teredo)' };
  if (first === 0x2001 && groups[1] === 0xdb8) return { allowed: false, reason: 'documentation' };
  if (first === 0x3fff && (groups[1] ?? 0) < 0x1000) return { allowed: false, reason: 'documentation' };
  return { allowed: true };
}

function embedded(groups: number[], high: number, low: number, form: string): AddressVerdict {
  const verdict = classifyIpv4(embeddedIpv4(groups, high, low));
  return verdict.allowed ? verdict : { allowed: false, reason: `${form} ${verdict.reason}` };
}

function describeNonGlobal(first: number): string {
  if (first >= 0xfc00 && first <= 0xfdff) return 'unique-local (fc00::/7)';
  if (first >= 0xfe80 && first <= 0xfebf) return 'link-local (fe80::/10)';
  if (first >= 0xfec0 && first <= 0xfeff) return 'site-local (deprecated)';
  if (first >= 0xff00) return 'multicast';
  return 'reserved (outside global unicast 2000::/3)';
}

/** Whether a fetch may connect to `address`; refuses everything it cannot parse. */
export function classifyAddress(address: string): AddressVerdict {
  const text = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  const quad = parseIpv4(text);
  if (quad !== null) return classifyIpv4(quad);
  const groups = text.includes(':') ? parseIpv6(text) : null;
  if (groups !== null) return classifyIpv6(groups);
  return { allowed: false, reason: 'not an IP address' };
}
