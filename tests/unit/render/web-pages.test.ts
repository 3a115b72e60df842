import { describe, expect, it } from '@jest/globals';
import { renderFeedHealthPage, renderTopicsPage } from '../../../lambdas/core/render/web-pages.js';
import { sampleEntry, sampleFeedState, sampleTag } from '../../support/sample-entries.js';

const topic = { id: 'facial-recognition', label: 'Facial recognition', description: null };

describe('renderTopicsPage', () => {
  it('shows each entry with its outlet and the evidence for the tag', () => {
    const entry = sampleEntry({ topics: [sampleTag('facial-recognition', 'face recognition ban')] });
    const page = renderTopicsPage([{ topic, entries: [entry] }], new Map([['northwind', 'Northwind Tech Daily']]));
    expect(page).toContain('Northwind Tech Daily');
    expect(page).toContain('tagged facial-recognition (score 3.0): title &#39;face recognition ban&#39;');
    expect(page).toContain('The council voted to bar facial recognition searches.');
  });

  it('escapes hostile feed text and neutralizes non-http links', () => {
    const entry = sampleEntry({ title: '<img src=x onerror=alert(1)>', link: 'javascript:alert(1)', author: '"><script>' });
    const page = renderTopicsPage([{ topic, entries: [entry] }], new Map());
    expect(page).not.toContain('<img src=x');
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).toContain('href="#"');
  });

  it('says so when a topic has no items', () => {
    expect(renderTopicsPage([{ topic, entries: [] }], new Map())).toContain('No items yet.');
  });
});

describe('renderFeedHealthPage', () => {
  it('lists failing feeds first with their error', () => {
    const ok = sampleFeedState({ feedId: 'a-ok', title: 'Fine Feed' });
    const failing = sampleFeedState({ feedId: 'z-bad', title: 'Broken Feed', consecutiveFailures: 3, errorClass: 'FetchError', errorMessage: 'feed z-bad (https://bad.example/rss): connect ETIMEDOUT' });
    const page = renderFeedHealthPage([{ state: ok, itemsPerDay: 2 }, { state: failing, itemsPerDay: null }], [topic]);
    expect(page.indexOf('Broken Feed')).toBeLessThan(page.indexOf('Fine Feed'));
    expect(page).toContain('failing ×3');
    expect(page).toContain('FetchError: feed z-bad (https://bad.example/rss): connect ETIMEDOUT');
    expect(page).toContain('2.0');
  });
});
