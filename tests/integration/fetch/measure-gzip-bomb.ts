// Measures what a gzip bomb costs the fetcher: bytes taken off the wire and decoded before the cap
// stopped it, and the process's peak RSS before and after. Run in a fresh process:
//   node --import tsx tests/integration/fetch/measure-gzip-bomb.ts [decodedMiB=1024] [capMiB=10]
import type { BodyStats } from '../../../lambdas/adapters/http/body.js';
import { HttpFetcher } from '../../../lambdas/adapters/http/fetcher.js';
import { startFixtureServer } from '../../support/http-fixture-server.js';
import type { BombStats } from './gzip-bomb.js';
import { compressZeros, serveGzipBomb } from './gzip-bomb.js';

const MiB = 1024 * 1024;
const decodedMiB = Number(process.argv[2] ?? 1024);
const capMiB = Number(process.argv[3] ?? 10);

const bomb: BombStats = { bytesWritten: 0, decodedBytesOffered: 0 };
const server = await startFixtureServer({ '/bomb': (_req, res) => serveGzipBomb(res, decodedMiB * MiB, bomb) });
await compressZeros(16 * MiB);
const peakBeforeMiB = process.resourceUsage().maxRSS / 1024;
let body: BodyStats = { wireBytes: 0, decodedBytes: 0 };
const fetcher = new HttpFetcher({ allowedOrigins: [server.origin], maxBodyBytes: capMiB * MiB, deadlineMs: 60_000 }, { onBody: (_id, stats) => (body = stats) });
const outcome = await fetcher.fetchFeed({ feedId: 'bomb', url: server.url('/bomb') });
const peakAfterMiB = process.resourceUsage().maxRSS / 1024;
await server.close();

const figures = {
  bomb: `${decodedMiB} MiB of zeros as gzip, ${(bomb.bytesWritten / MiB).toFixed(2)} MiB handed to the socket by the server`,
  outcome: outcome.kind === 'failed' ? `${outcome.error.kind}: ${outcome.error.message}` : outcome.kind,
  wireBytesRead: body.wireBytes,
  decodedBytesAtStop: body.decodedBytes,
  capBytes: capMiB * MiB,
  durationMs: outcome.durationMs,
  peakRssBeforeMiB: Math.round(peakBeforeMiB),
  peakRssAfterMiB: Math.round(peakAfterMiB),
};
process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
