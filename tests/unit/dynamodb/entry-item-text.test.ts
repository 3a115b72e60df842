import { describe, expect, it } from '@jest/globals';
import { toEntryItem, toPlainText, toTopicIndexItem, trimText } from '../../../lambdas/adapters/dynamodb/entry-item.js';
import { entryKey, topicIndexKey } from '../../../lambdas/adapters/dynamodb/keys.js';
import type { StoredEntry } from '../../../lambdas/core/model.js';

const entry = (summary: string | null, content: string | null): StoredEntry => ({
  id: 'urn:text:1', feedId: 'text-feed', firstSeenAt: '2026-12-01T00:00:00.000Z', title: 'A title', link: null, published: null,
  updated: null, author: null, summary, content, categories: [], enclosures: [], imageUrl: null, topics: [],
});

describe('toPlainText', () => {
  it('collapses whitespace in text without markup', () => {
    // Prepare
    const text = '  Harbour   lights\n\tat dusk  ';

    // Act
    const plain = toPlainText(text);

    // Assess
    expect(plain).toBe('Harbour lights at dusk');
  });

  it('strips tags, decodes entities and separates closed elements', () => {
    // Prepare
    const html = '<p>Fish &amp; <b>chips</b></p><p>Second&nbsp;line</p>';

    // Act
    const plain = toPlainText(html);

    // Assess
    expect(plain).toBe('Fish & chips Second line');
  });

  it('stops early on a long body but keeps every character a summary cut looks at', () => {
    // Prepare: entities and tags fall across the reading slices
    const body = `<div>${'Lanterns &amp; <em>meadows</em> by the &eacute;cluse, '.repeat(900)}</div><p cla`;

    // Act
    const full = toPlainText(body);
    const early = toPlainText(body, 700);

    // Assess
    expect(early.length).toBeGreaterThan(700);
    expect(early.length).toBeLessThan(full.length);
    expect(full.startsWith(early)).toBe(true);
    expect(trimText(early, 700)).toBe(trimText(full, 700));
  });
});

describe('toEntryItem summary', () => {
  it('stores the same summary from a long HTML content as from its full plain text', () => {
    // Prepare
    const content = `<p>${'Copper signals over granite harbours &amp; willow banks. '.repeat(400)}</p>`;

    // Act
    const item = toEntryItem(entry(null, content), 90);

    // Assess
    expect(item.summary).toBe(trimText(toPlainText(content), 700));
    expect(String(item.summary).endsWith('…')).toBe(true);
  });
});

describe('row keys', () => {
  it('puts the table keys first in entry and topic-index rows', () => {
    // Prepare
    const stored = entry('Plain summary', null);
    const tag = { topic: 'immigration', score: 3, evidence: [] };

    // Act
    const row = toEntryItem(stored, 90);
    const index = toTopicIndexItem(stored, tag, 90);

    // Assess
    expect(Object.keys(row).slice(0, 3)).toEqual(['pk', 'sk', 'type']);
    expect({ pk: row.pk, sk: row.sk }).toEqual(entryKey('text-feed', 'urn:text:1'));
    expect(Object.keys(index).slice(0, 3)).toEqual(['pk', 'sk', 'type']);
    expect({ pk: index.pk, sk: index.sk }).toEqual(topicIndexKey('immigration', stored.firstSeenAt, 'text-feed', 'urn:text:1'));
  });
});
