export { cleanText, normalizeUnicode } from './clean-text.js';
export { compileTopics } from './compile.js';
export type { CompiledTopics } from './compile.js';
export { checkPatternSafety } from './regex-guard.js';
export { createTagger, scoreEntry, tagEntry } from './tag-entry.js';
export type { SuppressedHit, TagInput, Tagger, TopicScore } from './tag-entry.js';
