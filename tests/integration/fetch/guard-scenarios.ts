// Redirects from an allowlisted loopback server to loopback, metadata and private addresses, with
// the real resolver and connect step. Run only inside a loopback-only network namespace (see
// guard-namespace.test.ts): there, even a broken guard could reach nothing but loopback.
import type { Connector } from '../../../lambdas/adapters/http/connect.js';
import { HttpFetcher } from '../../../lambdas/adapters/http/fetcher.js';
import { startFixtureServer } from '../../support/http-fixture-server.js';

export interface ScenarioResult {
  name: string;
  target: string;
  kind: string;
  errorKind: string | null;
  message: string | null;
  /** Requests that reached the bystander server, which only a broken guard lets through. */
  bystanderRequests: number;
}

export async function runGuardScenarios(connect?: Connector): Promise<ScenarioResult[]> {
  const bystander = await startFixtureServer({ '/secret': (_req, res) => void res.writeHead(200).end('secret') });
  const targets: Record<string, string> = {
    'loopback 127.0.0.1': bystander.url('/secret'),
    'loopback [::1]': `http://[::1]:${bystander.port}/secret`,
    'metadata 169.254.169.254': 'http://169.254.169.254/latest/meta-data/iam/security-credentials/',
    'private 10.0.0.1': 'http://10.0.0.1/feed',
    'private 192.168.1.1': 'http://192.168.1.1:8080/feed',
    'decimal loopback': `http://2130706433:${bystander.port}/secret`,
    'localhost by name': `http://localhost:${bystander.port}/secret`,
  };
  const origin = await startFixtureServer();
  for (const [name, target] of Object.entries(targets)) {
    origin.route(`/${encodeURIComponent(name)}`, (_req, res) => void res.writeHead(302, { location: target }).end());
  }
  const fetcher = new HttpFetcher({ allowedOrigins: [origin.origin], deadlineMs: 3000, connectTimeoutMs: 1000 }, connect ? { connect } : {});
  const results: ScenarioResult[] = [];
  try {
    for (const [name, target] of Object.entries(targets)) {
      const before = bystander.requests.length;
      const outcome = await fetcher.fetchFeed({ feedId: 'guarded', url: origin.url(`/${encodeURIComponent(name)}`) });
      results.push({
        name,
        target,
        kind: outcome.kind,
        errorKind: outcome.kind === 'failed' ? outcome.error.kind : null,
        message: outcome.kind === 'failed' ? outcome.error.message : null,
        bystanderRequests: bystander.requests.length - before,
      });
    }
  } finally {
    await Promise.all([origin.close(), bystander.close()]);
  }
  return results;
}
