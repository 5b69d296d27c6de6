import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { expect } from 'vitest';

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
// Generous: the suite shares two cores between PostgreSQL, the app, Chromium and other test files.
const NAVIGATION_TIMEOUT_MS = 30_000;

type AxeNode = {
  html: string;
  any: { id: string; data: unknown }[];
  all: { id: string; data: unknown }[];
  none: { id: string; data: unknown }[];
};

/**
 * The one excused finding, and why: with JavaScript, govuk-frontend marks a radio or checkbox that
 * reveals a conditional question `aria-expanded`, which ARIA does not list for those roles, so axe
 * reports aria-allowed-attr. The GOV.UK Design System keeps it on purpose, after research with
 * screen reader users, who are told the question was revealed (alphagov/govuk-frontend#979). Only
 * `aria-expanded` on an input controlling a `conditional-` reveal is excused; any other attribute,
 * on those inputs or anywhere else, still fails.
 */
export function designSystemConditionalReveal(ruleId: string, node: AxeNode): boolean {
  if (ruleId !== 'aria-allowed-attr') return false;
  if (!/class="govuk-(radios|checkboxes)__input"/.test(node.html) || !/aria-controls="conditional-/.test(node.html))
    return false;
  const attributes = [...node.any, ...node.all, ...node.none]
    .filter((check) => check.id === 'aria-allowed-attr')
    .flatMap((check) => (Array.isArray(check.data) ? (check.data as unknown[]).map(String) : []));
  return attributes.length > 0 && attributes.every((attribute) => attribute.startsWith('aria-expanded='));
}

/**
 * Runs axe on the page as it is now; fails with every violation, the rule, its help and where.
 * Legacy mode runs axe.run() in the page (frames of the same origin included) instead of finishing
 * each check in a new blank tab: the service's pages have no cross-origin frames (CSP), and it is
 * about three times faster, which matters with a check on every page.
 */
export async function checkAccessibility(page: Page, address = page.url()): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).setLegacyMode().analyze();
  const violations = results.violations
    .map((v) => ({ ...v, nodes: v.nodes.filter((node) => !designSystemConditionalReveal(v.id, node)) }))
    .filter((v) => v.nodes.length > 0);
  if (violations.length === 0) return;
  const lines = violations.map((violation) => {
    const targets = violation.nodes.map((node) => `      at ${node.target.map(String).join(' ')}`).join('\n');
    return `  - ${violation.id} (${violation.impact ?? 'unknown impact'}): ${violation.help}\n      ${violation.helpUrl}\n${targets}`;
  });
  throw new Error(
    `Accessibility (axe) found ${violations.length} violation(s) on ${address} ("${await page.title()}"):\n${lines.join('\n')}`,
  );
}

/**
 * One person's browser. Every way of reaching a page (visit, submit, click) ends in `arrived`,
 * which checks the status, runs axe and fails on any script error or CSP report in the console.
 */
export class Journey {
  /** Every page checked with axe, in order: "status path". */
  readonly checked: string[] = [];
  private readonly browserErrors: string[] = [];
  /** A scripted tab in which pages seen without JavaScript are checked (see checkWithoutJavaScript). */
  private checker: Page | undefined;

  constructor(
    private readonly browser: Browser,
    readonly context: BrowserContext,
    readonly page: Page,
    readonly javaScript: boolean,
  ) {
    page.setDefaultTimeout(NAVIGATION_TIMEOUT_MS);
    page.on('pageerror', (error) => this.browserErrors.push(`script error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      // Chromium logs every 4xx document as an error; the status of the page itself is asserted instead.
      if (message.text().startsWith('Failed to load resource') && message.location().url === page.url()) return;
      this.browserErrors.push(`console error: ${message.text()} (${message.location().url})`);
    });
  }

  /** Opens a page by its address, as typing it or following an e-mailed link would. */
  async visit(path: string, expectedStatus = 200): Promise<void> {
    const response = await this.page.goto(path);
    await this.arrived(response, expectedStatus);
  }

  /** Does something that leaves the page (a click, Enter in a form) and checks where it lands. */
  async submit(action: () => Promise<unknown>, expectedStatus = 200): Promise<void> {
    const [response] = await Promise.all([this.page.waitForNavigation({ waitUntil: 'load' }), action()]);
    await this.arrived(response, expectedStatus);
  }

  clickButton(name: string, expectedStatus = 200): Promise<void> {
    return this.submit(() => this.page.getByRole('button', { name, exact: true }).click(), expectedStatus);
  }

  clickLink(name: string, expectedStatus = 200): Promise<void> {
    return this.submit(() => this.page.getByRole('link', { name, exact: true }).click(), expectedStatus);
  }

  /** Types into the field with this label (the label text, as a sighted or screen-reader user finds it). */
  async fill(label: string, value: string): Promise<void> {
    await this.page.getByLabel(label, { exact: true }).fill(value);
  }

  /** Presses Tab until the focused control has this accessible name: proves it is reachable by keyboard. */
  async tabTo(name: string, maxPresses = 40): Promise<void> {
    for (let i = 0; i < maxPresses; i++) {
      await this.page.keyboard.press('Tab');
      const focused = await this.page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        return (element?.getAttribute('aria-label') ?? element?.innerText ?? element?.textContent ?? '').trim();
      });
      if (focused === name) return;
    }
    throw new Error(`"${name}" was not reached after pressing Tab ${maxPresses} times on ${this.page.url()}`);
  }

  /** Presses a key that leaves the page (Enter on a focused button or in a field). */
  pressToNavigate(key: string, expectedStatus = 200): Promise<void> {
    return this.submit(() => this.page.keyboard.press(key), expectedStatus);
  }

  async heading(): Promise<string> {
    return (await this.page.locator('h1').first().innerText()).trim();
  }

  async expectHeading(text: string): Promise<void> {
    expect(await this.heading(), `heading on ${this.page.url()}`).toBe(text);
  }

  path(): string {
    const url = new URL(this.page.url());
    return url.pathname + url.search;
  }

  /** The error summary's messages, as a screen reader announces them on arrival. */
  async errorSummary(): Promise<string[]> {
    return (await this.page.locator('.govuk-error-summary__list li').allInnerTexts()).map((text) => text.trim());
  }

  async close(): Promise<void> {
    await this.checker?.context().close();
    await this.context.close();
  }

  /**
   * axe is itself JavaScript, and cannot run in a page with scripts off. The page as the browser
   * built it without scripts is copied, scripts removed, into a scripted tab of the same browser
   * open on the service's origin (styles load from the service as before), and axe checks it there.
   */
  private async checkWithoutJavaScript(path: string): Promise<void> {
    const html = await this.page.content();
    expect(
      /<body[^>]*class="[^"]*(js-enabled|govuk-frontend-supported)/.test(html),
      `${path} ran its scripts although JavaScript is off`,
    ).toBe(false);
    const url = this.page.url();
    if (!this.checker) {
      const context = await this.browser.newContext({ javaScriptEnabled: true });
      this.checker = await context.newPage();
      this.checker.setDefaultTimeout(NAVIGATION_TIMEOUT_MS);
      // A document of the service's origin (and CSP), so the copy's styles are same-origin as in the original.
      await this.checker.goto(new URL('/health', url).href);
    }
    const copy = html
      .replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '')
      .replace(/<head>/i, `<head><base href="${url.replace(/&/g, '&amp;')}">`);
    await this.checker.setContent(copy, { waitUntil: 'load' });
    // Colour contrast is only checked truly if the service's styles applied to the copy.
    const styled = await this.checker.evaluate(() =>
      [...document.styleSheets].some(
        (sheet) => sheet.href?.endsWith('/assets/application.css') && sheet.cssRules.length > 0,
      ),
    );
    expect(styled, `the service's stylesheet applied to the copy of ${path}`).toBe(true);
    await checkAccessibility(this.checker, url);
  }

  private async arrived(response: Response | null, expectedStatus: number): Promise<void> {
    const path = this.path();
    expect(response, `no response for ${path}`).not.toBeNull();
    expect(response?.status(), `HTTP status of ${path}`).toBe(expectedStatus);
    if (this.javaScript) await checkAccessibility(this.page);
    else await this.checkWithoutJavaScript(path);
    this.checked.push(`${expectedStatus} ${path}`);
    expect(this.browserErrors, `browser errors on ${path}`).toEqual([]);
  }
}

/** The sign-in page, filled in and sent with the button. */
export async function signInWithPassword(
  journey: Journey,
  email: string,
  password: string,
  expectedStatus = 200,
): Promise<void> {
  await journey.visit('/sign-in');
  await journey.fill('Email address', email);
  await journey.fill('Password', password);
  await journey.clickButton('Sign in', expectedStatus);
}
