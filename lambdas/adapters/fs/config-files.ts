import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FeedsConfig } from '../../core/config/feeds.js';
import { parseFeedsConfig } from '../../core/config/feeds.js';
import { ConfigError } from '../../core/errors.js';

// Config files live in one directory: <repo>/config by default, TOPICWIRE_CONFIG_DIR or --config to override.

export const DEFAULT_CONFIG_DIR = fileURLToPath(new URL('../../../config', import.meta.url));
export const FEEDS_FILE = 'feeds.yaml';

export interface ConfigDirOptions {
  /** A --config option, taken relative to `cwd`. */
  option?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** Picks the config directory: the --config option, else TOPICWIRE_CONFIG_DIR, else the repository's config/. */
export function resolveConfigDir({ option, env = {}, cwd = process.cwd() }: ConfigDirOptions = {}): string {
  const chosen = option ?? env.TOPICWIRE_CONFIG_DIR;
  return chosen ? resolve(cwd, chosen) : DEFAULT_CONFIG_DIR;
}

export interface ConfigFile {
  path: string;
  /** How messages name the file: relative to `cwd` when inside it, e.g. `config/feeds.yaml`. */
  label: string;
  text: string;
}

/** Reads `name` from the config dir; null when the file does not exist. */
export async function readConfigFile(configDir: string, name: string, cwd = process.cwd()): Promise<ConfigFile | null> {
  const path = join(configDir, name);
  const label = labelOf(path, cwd);
  try {
    return { path, label, text: await readFile(path, 'utf8') };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ConfigError(`${label}: cannot read: ${(error as Error).message}`, { cause: error });
  }
}

/** Loads and validates feeds.yaml; throws ConfigError (file:line: path: reason) when it is missing or invalid. */
export async function loadFeedsConfig(configDir: string, cwd = process.cwd()): Promise<FeedsConfig> {
  const file = await readConfigFile(configDir, FEEDS_FILE, cwd);
  if (!file) throw new ConfigError(`${labelOf(join(configDir, FEEDS_FILE), cwd)}: not found (set --config or TOPICWIRE_CONFIG_DIR)`);
  return parseFeedsConfig(file.label, file.text);
}

/** Replaces a config file atomically, so a crash never leaves a half-written feeds.yaml behind. */
export async function writeConfigFile(path: string, text: string): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  await mkdir(dirname(path), { recursive: true });
  await writeFile(temp, text, 'utf8');
  await rename(temp, path);
}

export function labelOf(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
