import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import type { WebData, WebServer } from '../../lambdas/adapters/web/server.js';
import { startWebServer } from '../../lambdas/adapters/web/server.js';
import { launchChromium } from '../support/browser.js';
import { sampleEntry, sampleFeedState, sampleTag } from '../support/sample-entries.js';

const topics = [
  { id: 'immigration', label: 'Immigration', description: 'Borders, visas, asylum and enforcement.' },
  { id: 'facial-recognition', label: 'Facial recognition', description: null },
];

const data: WebData = {
  topics: () => topics,
  sections: async () => [
    { topic: topics[0]!, entries: [sampleEntry({ id: 'e1', title: 'Asylum backlog passes three million', topics: [sampleTag('immigration', 'asylum')] })] },
    { topic: topics[1]!, entries: [sampleEntry({ id: 'e2', title: '<b>Face scans</b> at airports', topics: [sampleTag('facial-recognition', 'face scans')] })] },
  ],
  feedTitles: async () => new Map([['northwind', 'Northwind Tech Daily']]),
  feedHealth: async () => [
    { state: sampleFeedState(), itemsPerDay: 4 },
    { state: sampleFeedState({ feedId: 'broken', title: 'Broken Feed', consecutiveFailures: 2, errorClass: 'FetchError', errorMessage: 'feed broken: HTTP 500' }), itemsPerDay: null },
  ],
};

describe('local web app in Chromium', () => {
  let server: WebServer;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;

  beforeAll(async () => {
    server = await startWebServer({ data, port: 0 });
    ({ browser, close: closeBrowser } = await launchChromium());
  }, 60_000);

  afterAll(async () => {
    await closeBrowser?.();
    await server?.close();
  });

  it('shows the latest items per topic with their evidence, hostile markup shown as text', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await expect(page.locator('section#immigration h3').innerText()).resolves.toBe('Asylum backlog passes three million');
    await expect(page.locator('section#facial-recognition h3').innerText()).resolves.toBe('<b>Face scans</b> at airports');
    await expect(page.locator('section#immigration .evidence').innerText()).resolves.toContain("title 'asylum'");
    await page.close();
  });

  it('navigates to a topic page and to feed health, where the failing feed comes first', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await page.click('header nav a[href="/topics/immigration"]');
    await expect(page.locator('main p').first().innerText()).resolves.toBe('Borders, visas, asylum and enforcement.');
    await page.click('header nav a[href="/feeds"]');
    const firstRow = await page.locator('tbody tr').first().innerText();
    expect(firstRow).toContain('Broken Feed');
    expect(firstRow).toContain('failing ×2');
    await page.close();
  });

  it('answers unknown paths with 404 and refuses writes', async () => {
    expect((await fetch(`${server.url}/topics/nope`)).status).toBe(404);
    expect((await fetch(`${server.url}/`, { method: 'POST' })).status).toBe(405);
  });
});
