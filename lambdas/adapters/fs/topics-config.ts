import { join } from 'node:path';
import { parseTopicModelFile } from '../../core/config/topic-model.js';
import type { LearnedModels } from '../../core/config/topic-model.js';
import { parseTopicsConfig } from '../../core/config/topics.js';
import type { TopicsConfig } from '../../core/config/topics.js';
import { ConfigError } from '../../core/errors.js';
import { compileTopics, createTagger } from '../../core/tag/index.js';
import type { CompiledTopics, Tagger } from '../../core/tag/index.js';
import { labelOf, readConfigFile, resolveConfigDir } from './config-files.js';

// topics.yaml lives beside feeds.yaml: the --config option, else $TOPICWIRE_CONFIG_DIR, else the
// repository's config/. Errors name the file relative to the working directory (file:line: path: reason).

export const TOPICS_FILE = 'topics.yaml';
/** Learned weights written by `topicwire topics train`; optional (without it, rules alone tag). */
export const TOPIC_MODEL_FILE = 'topics.model.json';

export interface LoadedTopics {
  file: string;
  config: TopicsConfig;
  /** The model file's label, or null when the config dir has none. */
  modelFile: string | null;
  compiled: CompiledTopics;
  tagEntry: Tagger;
}

export async function loadTopicsConfig(configDir: string, cwd = process.cwd()): Promise<{ file: string; config: TopicsConfig }> {
  const file = await readConfigFile(configDir, TOPICS_FILE, cwd);
  if (!file) throw new ConfigError(`${labelOf(join(configDir, TOPICS_FILE), cwd)}: not found (set --config or TOPICWIRE_CONFIG_DIR)`);
  return { file: file.label, config: parseTopicsConfig(file.label, file.text) };
}

/** Reads, validates and compiles topics.yaml (and topics.model.json) once; the tagger is what the pipeline calls per entry. */
export async function loadTopics(configDir: string, cwd = process.cwd()): Promise<LoadedTopics> {
  const { file, config } = await loadTopicsConfig(configDir, cwd);
  const model = await loadTopicModels(configDir, config, cwd);
  const compiled = compileTopics(config, model?.learned ?? null);
  return { file, config, modelFile: model?.file ?? null, compiled, tagEntry: createTagger(compiled) };
}

async function loadTopicModels(configDir: string, config: TopicsConfig, cwd: string): Promise<{ file: string; learned: LearnedModels } | null> {
  const file = await readConfigFile(configDir, TOPIC_MODEL_FILE, cwd);
  if (!file) return null;
  return { file: file.label, learned: parseTopicModelFile(file.label, file.text, config.topics.map((t) => t.id)) };
}

/** The config directory a command should use: `--config`, else $TOPICWIRE_CONFIG_DIR, else the repository's. */
export function topicsConfigDir(option: string | undefined, env: NodeJS.ProcessEnv, cwd: string): string {
  return resolveConfigDir({ option, env, cwd });
}
