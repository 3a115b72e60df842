import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'feeds');

export function fixture(path: string): Uint8Array {
  return readFileSync(join(FIXTURES, path));
}
