// The SSRF guard: runs on every hop, before any connect. The addresses vetted here are the only
// ones the connect step may use (see connect.ts), so a DNS answer that changes between check and
// connect (rebinding) cannot reach anything the guard did not see.
import { promises as dns } from 'node:dns';
import { isIP } from 'node:net';
import { classifyAddress } from '../../core/net/ip-address.js';
import { HopError } from './hop-error.js';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name once; injectable so tests never touch real DNS. */
export type Resolver = (hostname: string, signal: AbortSignal) => Promise<ResolvedAddress[]>;

export interface VettedTarget {
  url: URL;
  /** Host name without IPv6 brackets, for SNI and certificate checks. */
  hostname: string;
  port: number;
  /** Only these may be connected to. */
  addresses: ResolvedAddress[];
}

export const resolveWithSystem: Resolver = async (hostname, signal) => {
  // getaddrinfo cannot be cancelled; racing the abort keeps the deadline honest.
  const answers = await raceAbort(dns.lookup(hostname, { all: true, verbatim: true }), signal);
  return answers.map((answer) => ({ address: answer.address, family: answer.family === 6 ? 6 : 4 }));
};

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** `host:port` as the allowlist spells it: URL hostname (IPv6 in brackets), explicit port. */
export function originKey(url: URL): string {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return `${url.hostname}:${port}`.toLowerCase();
}

export function normalizeOrigin(origin: string): string {
  return origin.trim().toLowerCase();
}

/**
 * Checks scheme and every address the host resolves to. IP literals in any spelling (decimal,
 * octal, hex, `127.1`) reach here already canonicalized by WHATWG URL parsing, so they are
 * classified like DNS answers. Allowlisted origins (tests, demos) skip only the address check.
 */
export async function vetTarget(
  url: URL,
  resolve: Resolver,
  allowedOrigins: ReadonlySet<string>,
  signal: AbortSignal,
): Promise<VettedTarget> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new HopError('bad-url', `scheme "${url.protocol}" is not allowed, only http and https`);
  }
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const family = isIP(hostname);
  const addresses: ResolvedAddress[] =
    family === 4 || family === 6 ? [{ address: hostname, family }] : await resolveOrFail(hostname, resolve, signal);
  if (addresses.length === 0) throw new HopError('network', `${hostname} has no addresses`);
  if (!allowedOrigins.has(originKey(url))) {
    for (const { address } of addresses) {
      const verdict = classifyAddress(address);
      if (!verdict.allowed) {
        const subject = address === hostname ? address : `${hostname} resolves to ${address}, which`;
        throw new HopError('blocked-address', `refused to connect: ${subject} is a ${verdict.reason} address`);
      }
    }
  }
  return { url, hostname, port, addresses };
}

async function resolveOrFail(hostname: string, resolve: Resolver, signal: AbortSignal): Promise<ResolvedAddress[]> {
  try {
    return await resolve(hostname, signal);
  } catch (error) {
    if (signal.aborted) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new HopError('network', `cannot resolve ${hostname}: ${code}`, { cause: error });
  }
}
