import { isSlug, MAX_POLL_MINUTES, MIN_POLL_MINUTES } from '../config/feeds.js';

// What OPML has no attribute for (the feed id, enabled, topic hints, poll interval) travels in
// topicwire:* attributes, so export → import gives back the same feeds. Other readers ignore them.

export const TOPICWIRE_NS = 'urn:topicwire:opml:1';

export interface OpmlExtras {
  id?: string;
  enabled?: boolean;
  topics?: string[];
  pollIntervalMinutes?: number;
}

export function readExtras(attrs: Record<string, string>): OpmlExtras {
  const extras: OpmlExtras = {};
  const id = attrs['topicwire:id'];
  if (id && isSlug(id)) extras.id = id;
  if (attrs['topicwire:enabled'] === 'false') extras.enabled = false;
  const topics = (attrs['topicwire:topics'] ?? '').split(',').map((t) => t.trim()).filter(isSlug);
  if (topics.length > 0) extras.topics = topics;
  const interval = Number(attrs['topicwire:pollIntervalMinutes']);
  if (Number.isInteger(interval) && interval >= MIN_POLL_MINUTES && interval <= MAX_POLL_MINUTES) extras.pollIntervalMinutes = interval;
  return extras;
}

export function writeExtras(extras: OpmlExtras): Record<string, string> {
  const attrs: Record<string, string> = {};
  if (extras.id) attrs['topicwire:id'] = extras.id;
  if (extras.enabled === false) attrs['topicwire:enabled'] = 'false';
  if (extras.topics && extras.topics.length > 0) attrs['topicwire:topics'] = extras.topics.join(',');
  if (extras.pollIntervalMinutes !== undefined) attrs['topicwire:pollIntervalMinutes'] = String(extras.pollIntervalMinutes);
  return attrs;
}
