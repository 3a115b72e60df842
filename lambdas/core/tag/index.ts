export { cleanText, normalizeUnicode } from './clean-text.js';
export { compileTopics } from './compile.js';
export type { CompiledTopics } from './compile.js';
export { checkPatternSafety } from './regex-guard.js';
export { scoreEntry, tagEntry } from './tag-entry.js';
export type { SuppressedHit, TagInput, TopicScore } from './tag-entry.js';
