import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import dynalite from 'dynalite';
import { TopicwireError } from '../../core/errors.js';

/** Another Topicwire process (or this one) already serves the data folder. */
export class DataDirLockedError extends TopicwireError {}

export interface EmbeddedDynamo {
  endpoint: string;
  close(): Promise<void>;
}

/** dynalite in this process on 127.0.0.1 and a free port; `path` persists the data in LevelDB across restarts. */
export async function startDynalite(options: { path?: string } = {}): Promise<EmbeddedDynamo> {
  const release = options.path ? lockDataDir(options.path) : () => {};
  const server: Server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, path: options.path });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
  } catch (error) {
    release();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections?.();
        server.close((error) => {
          release();
          if (error) reject(error);
          else resolve();
        });
      }),
  };
}

// LevelDB allows one opener; a second one makes dynalite hang on every request instead of failing, so a
// pid file turns "already running" into a clear error. A pid file left by a killed process is taken over.
function lockDataDir(path: string): () => void {
  mkdirSync(path, { recursive: true });
  const file = join(path, 'topicwire.pid');
  try {
    writeFileSync(file, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = Number(readFileSync(file, 'utf8').trim());
    if (isAlive(holder)) throw new DataDirLockedError(`data folder ${path} is in use by process ${holder}; stop it first`);
    writeFileSync(file, String(process.pid));
  }
  return () => rmSync(file, { force: true });
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
