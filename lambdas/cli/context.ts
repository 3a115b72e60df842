import type { Readable, Writable } from 'node:stream';

/** What a CLI command may touch, so commands run in-process in tests with captured streams. */
export interface CliContext {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Set by a command that wants a non-zero exit without throwing. */
  exitCode?: number;
}

export function processContext(): CliContext {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env };
}
