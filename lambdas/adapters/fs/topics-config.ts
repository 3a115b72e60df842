import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { ConfigError } from '../../core/errors.js';
import { parseTopicsConfig } from '../../core/config/topics.js';
import type { TopicsConfig } from '../../core/config/topics.js';

// Reads config/topics.yaml (or $TOPICWIRE_CONFIG_DIR/topics.yaml). Errors name the file as the admin
// would type it, relative to the working directory, so `file:line` can be pasted into an editor.

export interface TopicsConfigSource {
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export interface LoadedTopicsConfig {
  file: string;
  config: TopicsConfig;
}

export function topicsConfigPath({ env, cwd }: TopicsConfigSource): string {
  return resolve(cwd, env.TOPICWIRE_CONFIG_DIR ?? 'config', 'topics.yaml');
}

export function loadTopicsConfig(source: TopicsConfigSource): LoadedTopicsConfig {
  const path = topicsConfigPath(source);
  const shown = relative(source.cwd, path) || path;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`${shown}: cannot read topics config: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
  }
  return { file: shown, config: parseTopicsConfig(shown, text) };
}

