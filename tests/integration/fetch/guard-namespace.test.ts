// The guard against real sockets: redirects to loopback, 169.254.169.254 and private ranges with
// the real resolver and connect step. These run only where nothing but loopback is reachable: in
// place when this process is already in a loopback-only namespace (as CI runs it), otherwise in a
// child re-run under `unshare -n`; if that is impossible, with a connect step that can only reach
// 127.0.0.1 / ::1, so no packet can leave the machine even if the guard were broken.
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { networkInterfaces } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Connector } from '../../../lambdas/adapters/http/connect.js';
import { connectToVetted } from '../../../lambdas/adapters/http/connect.js';
import type { ScenarioResult } from './guard-scenarios.js';
import { runGuardScenarios } from './guard-scenarios.js';

function onlyLoopback(): boolean {
  return Object.values(networkInterfaces()).every((addresses) => (addresses ?? []).every((a) => a.internal));
}

const loopbackOnlyConnect: Connector = (target, signal) =>
  target.addresses.every((a) => a.address === '127.0.0.1' || a.address === '::1')
    ? connectToVetted(target, signal)
    : Promise.reject(new Error(`test connect step only reaches loopback, not ${target.addresses[0]?.address}`));

function runInNamespace(): ScenarioResult[] | null {
  const script = fileURLToPath(new URL('./run-guard-scenarios.ts', import.meta.url));
  const child = spawnSync('unshare', ['-n', '--', 'sh', '-c', 'ip link set lo up && exec node --import tsx "$0"', script], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, NODE_OPTIONS: '--no-warnings' },
  });
  if (child.error || child.status !== 0) {
    process.stderr.write(`guard-namespace: cannot use unshare -n (${child.error?.message ?? child.stderr.trim()}); using a loopback-only connect step\n`);
    return null;
  }
  return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '[]') as ScenarioResult[];
}

async function scenarios(): Promise<ScenarioResult[]> {
  if (onlyLoopback()) return runGuardScenarios();
  return runInNamespace() ?? runGuardScenarios(loopbackOnlyConnect);
}

describe('SSRF guard in a loopback-only namespace', () => {
  it('refuses every redirect to loopback, metadata and private addresses, naming the URL', async () => {
    // Act
    const results = await scenarios();
    // Assess
    expect(results.map((r) => r.name)).toEqual([
      'loopback 127.0.0.1',
      'loopback [::1]',
      'metadata 169.254.169.254',
      'private 10.0.0.1',
      'private 192.168.1.1',
      'decimal loopback',
      'localhost by name',
    ]);
    for (const result of results) {
      expect({ name: result.name, kind: result.kind, errorKind: result.errorKind, bystander: result.bystanderRequests }).toEqual({
        name: result.name,
        kind: 'failed',
        errorKind: 'blocked-address',
        bystander: 0,
      });
      expect(result.message).toContain(`redirected to ${new URL(result.target).href}`);
    }
  });
});
