import { join } from 'node:path';
import { parseTopicsConfig } from '../../core/config/topics.js';
import type { TopicsConfig } from '../../core/config/topics.js';
import { ConfigError } from '../../core/errors.js';
import { compileTopics, createTagger } from '../../core/tag/index.js';
import type { CompiledTopics, Tagger } from '../../core/tag/index.js';
import { labelOf, readConfigFile, resolveConfigDir } from './config-files.js';

// topics.yaml lives beside feeds.yaml: the --config option, else $TOPICWIRE_CONFIG_DIR, else the
// repository's config/. Errors name the file relative to the working directory (file:line: path: reason).

export const TOPICS_FILE = 'topics.yaml';

export interface LoadedTopics {
  file: string;
  config: TopicsConfig;
  compiled: CompiledTopics;
  tagEntry: Tagger;
}

export async function loadTopicsConfig(configDir: string, cwd = process.cwd()): Promise<{ file: string; config: TopicsConfig }> {
  const file = await readConfigFile(configDir, TOPICS_FILE, cwd);
  if (!file) throw new ConfigError(`${labelOf(join(configDir, TOPICS_FILE), cwd)}: not found (set --config or TOPICWIRE_CONFIG_DIR)`);
  return { file: file.label, config: parseTopicsConfig(file.label, file.text) };
}

/** Reads, validates and compiles topics.yaml once; the returned tagger is what the pipeline calls per entry. */
export async function loadTopics(configDir: string, cwd = process.cwd()): Promise<LoadedTopics> {
  const { file, config } = await loadTopicsConfig(configDir, cwd);
  const compiled = compileTopics(config);
  return { file, config, compiled, tagEntry: createTagger(compiled) };
}

/** The config directory a command should use: `--config`, else $TOPICWIRE_CONFIG_DIR, else the repository's. */
export function topicsConfigDir(option: string | undefined, env: NodeJS.ProcessEnv, cwd: string): string {
  return resolveConfigDir({ option, env, cwd });
}
