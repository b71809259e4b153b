import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium with the flags that keep it off the network (ECOSYSTEM.md). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe-core on the page as it is now; returns "url: rule (n nodes)" lines, empty when clean. */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return result.violations.map(
    (v) =>
      `${new URL(page.url()).pathname}: ${v.id} – ${v.help} (${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join('; ')})`,
  );
}

/** Screenshots of test runs go to a git-ignored folder. */
export const SCREENSHOT_DIR = join(__dirname, '..', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** What tests read of the page's focused element (the test tsconfig has no DOM library). */
export interface Focused {
  id: string;
  tagName: string;
  innerText?: string;
  value?: string;
}
export interface BrowserGlobals {
  document: { activeElement: Focused | null };
}

/** Presses Tab until the focused link's or button's text (a field's value) matches, as a keyboard user does. */
export async function tabTo(page: Page, label: RegExp, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    // Only controls count: a scrollable table region is focusable too but is not the target.
    const text = await page.evaluate(() => {
      const el = (globalThis as unknown as BrowserGlobals).document.activeElement;
      if (!el) return null;
      if (el.tagName === 'A' || el.tagName === 'BUTTON') return (el.innerText ?? '').trim();
      if (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT')
        return el.value ?? '';
      return null;
    });
    if (text === null) continue;
    if (label.test(text)) return;
  }
  throw new Error(`Tab never reached ${String(label)}`);
}
