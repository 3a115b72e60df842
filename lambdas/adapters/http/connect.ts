// The connect step: opens a TCP (or TLS) connection to one of the addresses the guard vetted and
// never resolves the host again. Injectable, so guard tests can prove nothing was connected.
import type { LookupFunction, Socket } from 'node:net';
import { connect as connectTcp, isIP } from 'node:net';
import { connect as connectTls } from 'node:tls';
import type { ResolvedAddress, VettedTarget } from './guard.js';

/** Resolves with a connected socket, or rejects; must stop and clean up when `signal` aborts. */
export type Connector = (target: VettedTarget, signal: AbortSignal) => Promise<Socket>;

/** A lookup that answers only with the vetted addresses, whatever name it is asked about. */
function vettedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const wanted = addresses.filter((a) => !options.family || a.family === options.family);
    const usable = wanted.length > 0 ? wanted : addresses;
    if (options.all) {
      callback(null, usable.map((a) => ({ address: a.address, family: a.family })));
    } else {
      const first = usable[0] as ResolvedAddress;
      callback(null, first.address, first.family);
    }
  };
}

export interface TlsTrust {
  /** Extra trusted CA certificates (PEM), for test servers; production uses Node's default store. */
  ca?: string | Buffer;
}

export function createVettedConnector(trust: TlsTrust = {}): Connector {
  return (target, signal) =>
    new Promise<Socket>((resolve, reject) => {
      const common = { host: target.hostname, port: target.port, lookup: vettedLookup(target.addresses) };
      const secure = target.url.protocol === 'https:';
      // SNI and the certificate check use the host name; an IP-literal URL has no SNI.
      const socket: Socket = secure
        ? connectTls({ ...common, servername: isIP(target.hostname) ? '' : target.hostname, ALPNProtocols: ['http/1.1'], ...(trust.ca ? { ca: trust.ca } : {}) })
        : connectTcp(common);
      const onAbort = (): void => {
        socket.destroy();
        reject(signal.reason);
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      socket.once(secure ? 'secureConnect' : 'connect', () => {
        signal.removeEventListener('abort', onAbort);
        resolve(socket);
      });
      socket.once('error', (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      });
    });
}

export const connectToVetted: Connector = createVettedConnector();
