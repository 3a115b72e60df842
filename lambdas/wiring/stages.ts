import { loadTopics } from '../adapters/fs/topics-config.js';
import type { Stages } from './pipeline.js';

/** Reads and compiles config/topics.yaml once per process; a bad file stops the start with file:line errors. */
export async function loadStages(configDir: string): Promise<Stages> {
  const { tagEntry } = await loadTopics(configDir);
  return { tagEntry };
}
