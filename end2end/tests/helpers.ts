import { expect, type Page, type TestInfo } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { dataDir } from '../playwright.config';

export const DEMO_PASSWORD = 'zonnebloem-op-dinsdag';

/** An e-mail address of its own for each test and viewport. */
export function uniqueEmail(testInfo: TestInfo, name: string): string {
  return `${name}.${testInfo.project.name}.${Date.now()}@example.nl`;
}

/** Undoes quoted-printable, as a mail program would. */
function decodeQuotedPrintable(text: string): string {
  const joined = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-F]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The newest link to `linkPath` in the outbox mails to `email`; waits for the mail. */
export async function linkFromOutbox(email: string, linkPath: string): Promise<string> {
  const outbox = path.join(dataDir, 'outbox');
  let found: string | undefined;
  await expect
    .poll(() => {
      const mails = fs.existsSync(outbox)
        ? fs.readdirSync(outbox).filter((f) => f.endsWith('.eml'))
            .map((f) => path.join(outbox, f))
            .sort((a, b) => fs.statSync(a).mtimeMs - fs.statSync(b).mtimeMs)
            .map((f) => decodeQuotedPrintable(fs.readFileSync(f, 'utf8')))
            .filter((mail) => mail.includes(`<${email}>`) || mail.includes(`\nTo: ${email}\r\n`))
        : [];
      const match = mails.reverse().map((mail) => mail.match(new RegExp(`https?://[^\\s]*${linkPath}\\?code=[A-Za-z0-9_-]+`))).find(Boolean);
      found = match?.[0];
      return Boolean(found);
    }, { message: `a mail to ${email} with a link to ${linkPath}` })
    .toBe(true);
  return new URL(found!).pathname + new URL(found!).search;
}

/** An accessibility scan (WCAG 2.0–2.2, A and AA) that must find nothing. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'])
    .analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, 'axe violations').toEqual([]);
}

export async function logIn(page: Page, email: string, password: string) {
  await page.goto('/inloggen');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
}

/** The same scan in the ordinary and the high-contrast theme (switched back after). */
export async function expectNoAxeViolationsInBothThemes(page: Page) {
  await expectNoAxeViolations(page);
  const contrast = page.getByRole('button', { name: 'Contrast' });
  await contrast.click();
  await expect(contrast).toHaveAttribute('aria-pressed', 'true');
  await expectNoAxeViolations(page);
  await contrast.click();
  await expect(contrast).toHaveAttribute('aria-pressed', 'false');
}

/** The enhanced (AAA, 7:1) text-contrast rule alone: the high-contrast theme must pass it. */
export async function expectEnhancedContrast(page: Page) {
  const results = await new AxeBuilder({ page }).withRules(['color-contrast-enhanced']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, 'text below 7:1 in the high-contrast theme').toEqual([]);
}

/** Every button, field and stand-alone link is at least 44×44 CSS pixels. */
export async function expectLargeTouchTargets(page: Page) {
  const small = await page.evaluate(() => {
    const targets = document.querySelectorAll('button, input:not([type=hidden]), summary, a.button, nav a, .links a');
    return Array.from(targets)
      .filter((el) => (el as HTMLElement).offsetParent !== null)
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ el, box }) => {
        const isCheckbox = (el as HTMLInputElement).type === 'checkbox';
        // A checkbox counts with its label, which is part of the same target.
        return isCheckbox ? false : box.height < 44 || box.width < 44;
      })
      .map(({ el, box }) => `${el.tagName.toLowerCase()} "${(el.textContent || (el as HTMLInputElement).name || '').trim()}" ${Math.round(box.width)}×${Math.round(box.height)}`);
  });
  expect(small, 'touch targets smaller than 44×44').toEqual([]);
}

/** Nothing scrolls sideways: the page reflows. */
export async function expectNoSidewaysScroll(page: Page) {
  const { overflow, outside } = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    // The innermost elements that reach past the right edge, to name them.
    const outside = Array.from(document.querySelectorAll('body *'))
      .filter((el) => el.getBoundingClientRect().right > width + 0.5)
      .filter((el) => !Array.from(el.children).some((child) => child.getBoundingClientRect().right > width + 0.5))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} "${(el.textContent || '').trim().slice(0, 30)}" ${Math.round(el.getBoundingClientRect().right)}`);
    return { overflow: document.documentElement.scrollWidth - width, outside };
  });
  expect(overflow, `horizontal overflow in CSS pixels at ${page.url()}: ${outside.join('; ')}`).toBeLessThanOrEqual(0);
}

/** Waits until the WASM app has hydrated the server-rendered page. */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
  // A block whose data did not come with the page (now and then Leptos asks
  // again while hydrating a nested <Suspense>) gets its handlers only once
  // that answer is in: until then its forms post without JavaScript.
  await page.waitForLoadState('networkidle');
}

/** The code in the newest SMS to `number` (international form) in the outbox; waits for it. */
export async function codeFromSmsOutbox(number: string): Promise<string> {
  const outbox = path.join(dataDir, 'outbox');
  let code: string | undefined;
  await expect
    .poll(() => {
      const texts = fs.existsSync(outbox)
        ? fs.readdirSync(outbox).filter((f) => f.endsWith('.sms')).sort()
            .map((f) => fs.readFileSync(path.join(outbox, f), 'utf8'))
            .filter((text) => text.startsWith(`To: ${number}\n`))
        : [];
      code = texts.at(-1)?.match(/\b(\d{6})\b/)?.[1];
      return Boolean(code);
    }, { message: `an SMS to ${number}` })
    .toBe(true);
  return code!;
}

/** The care page's navigation: four sections in a phone's bar and the rest
 * (with "Mijn gegevens", Help and the console) under "Meer"; a wide screen
 * shows every section in one bar and the account's links beside it. */
async function sectionLink(page: Page, name: string) {
  const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });
  const account = page.getByRole('navigation', { name: 'Jouw account' });
  // A page still loading (just after logging in) has no menu yet.
  await expect(menu).toBeVisible();
  for (const link of [menu.getByRole('link', { name }), account.getByRole('link', { name })]) {
    if (await link.first().isVisible()) return link.first();
  }
  await menu.getByText('Meer').click();
  const inMore = menu.getByRole('link', { name });
  await expect(inMore.first()).toBeVisible();
  return inMore.first();
}

/** Opens a section (or an account link) as a person would on this screen. */
export async function openSection(page: Page, name: string) {
  await (await sectionLink(page, name)).click();
}

/** A section is offered, in the bar or under "Meer" (which is closed again). */
export async function expectSection(page: Page, name: string) {
  await expect(await sectionLink(page, name)).toBeVisible();
  const more = page.getByRole('navigation', { name: 'Hoofdmenu' }).locator('details[open] > summary');
  if (await more.count()) await more.click();
}
