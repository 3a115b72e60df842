import type { TopicTag } from '../model.js';

/** One line an editor can read: "title 'face recognition ban', summary 'police'". */
export function describeEvidence(tag: TopicTag, maxHits = 3): string {
  const hits = [...tag.evidence].sort((a, b) => b.weight - a.weight).slice(0, maxHits);
  const parts = hits.map((hit) => `${hit.field} '${hit.phrase}'`);
  const more = tag.evidence.length - hits.length;
  return parts.join(', ') + (more > 0 ? ` and ${more} more` : '');
}
