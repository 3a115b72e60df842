import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

// Debian's Chromium, started the way it works on a machine without internet: no background networking,
// no component updates. Playwright gives each launch a fresh temporary profile and removes it on close.
export async function launchChromium(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  return { browser, close: () => browser.close() };
}
