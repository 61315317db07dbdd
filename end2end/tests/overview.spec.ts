import { expect, test, type Page } from '@playwright/test';
import {
  DEMO_PASSWORD, expectLargeTouchTargets, expectNoAxeViolations, expectNoSidewaysScroll, logIn,
  openSection, waitForHydration,
} from './helpers';

// The Overzicht is where logging in lands: who comes today and tomorrow,
// where help is asked (with the sign-up right there), what is new for the
// reader — and nothing the reader may not see elsewhere.

/** A day `days` from today in the Netherlands, as a date field writes it. */
function dayFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });
}

function block(page: Page, heading: string | RegExp) {
  return page.locator('section').filter({ has: page.getByRole('heading', { name: heading, level: 2 }) });
}

async function logOut(page: Page) {
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page).toHaveURL(/\/inloggen$/);
}

async function askForHelp(page: Page, title: string, date: string) {
  await page.goto(`/zorgpagina/1/kalender/nieuw?datum=${date}`);
  await page.getByLabel('Titel').fill(title);
  await page.getByLabel('Begintijd').fill('10:00');
  await page.getByLabel('Wie wil er helpen?').check();
  await page.getByRole('button', { name: 'Afspraak opslaan' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Afspraak opgeslagen: ${title},` })).toBeVisible();
}

test('the Overzicht says who comes today, where help is asked, and what is new', async ({ page }, testInfo) => {
  const title = `Naar de kapper (${testInfo.project.name})`;
  const subject = `Wie rijdt er morgen? (${testInfo.project.name})`;
  await logIn(page, 'marieke@kring.test', DEMO_PASSWORD);
  // Logging in lands here.
  await expect(page).toHaveURL(/\/zorgpagina\/1$/);
  await expect(page.getByRole('heading', { name: "Johanna's zorgpagina", level: 1 })).toBeVisible();
  const today = block(page, /^Vandaag/);
  await expect(today).toContainText('Persoonlijke verzorging');
  await expect(today).toContainText('van Thuiszorg De Linde');
  await expect(block(page, /^Morgen/)).toBeVisible();
  // The admin sees the dossier's news, and how the help is shared.
  await expect(block(page, 'Nieuw voor jou').getByRole('link', { name: /nieuwe? rapportages? in het dossier/ })).toBeVisible();
  await expect(block(page, 'Hoe de hulp verdeeld is')).toBeVisible();

  await askForHelp(page, title, dayFromToday(1));
  await openSection(page, 'Berichten');
  await page.getByRole('link', { name: 'Nieuw bericht' }).click();
  await page.getByLabel('Onderwerp').fill(subject);
  await page.getByLabel('Bericht', { exact: true }).fill('Mam moet morgen om tien uur naar de kapper.');
  await page.getByRole('button', { name: 'Versturen' }).click();
  await expect(page.getByRole('heading', { name: subject })).toBeVisible();
  await logOut(page);

  // Sanne, a helper, opens Kring in the morning.
  await logIn(page, 'sanne@kring.test', DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/zorgpagina\/1$/);
  await waitForHydration(page);
  const news = block(page, 'Nieuw voor jou');
  const thread = news.getByRole('listitem').filter({ hasText: subject });
  await expect(thread).toContainText('1 nieuw bericht');
  await expect(thread).toContainText(/vandaag \d\d:\d\d/);
  await expect(thread).toContainText('Zichtbaar voor alle mantelzorgers');
  // Nothing about the dossier, not even a count.
  await expect(page.getByText(/rapportage/)).toHaveCount(0);
  await expect(page.getByText('Hoe de hulp verdeeld is')).toHaveCount(0);
  await expectNoAxeViolations(page);

  const help = block(page, 'Wie wil er helpen?');
  const request = help.getByRole('listitem').filter({ hasText: title });
  await request.getByRole('button', { name: /^Ik help mee op/ }).click();
  await expect(page.getByRole('status').filter({ hasText: `Je helpt mee: ${title},` })).toBeVisible();
  await expect(help.getByText(title)).toHaveCount(0);
  await expect(block(page, /^Morgen/).getByRole('listitem').filter({ hasText: title })).toContainText('Jij helpt mee');

  // Read once, no longer new.
  await news.getByRole('link', { name: subject }).click();
  await expect(page.getByRole('heading', { name: subject })).toBeVisible();
  await openSection(page, 'Overzicht');
  await expect(block(page, 'Nieuw voor jou')).toBeVisible();
  await expect(block(page, 'Nieuw voor jou').getByRole('link', { name: subject })).toHaveCount(0);

  // The high-contrast theme passes the same scan.
  const contrast = page.getByRole('button', { name: 'Contrast' });
  await contrast.click();
  await expect(contrast).toHaveAttribute('aria-pressed', 'true');
  await expectNoAxeViolations(page);
  await contrast.click();
  await expect(contrast).toHaveAttribute('aria-pressed', 'false');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('signing up for help from the Overzicht is a plain form', async ({ page }, testInfo) => {
    const title = `Boodschappen doen (${testInfo.project.name}, zonder script)`;
    await logIn(page, 'marieke@kring.test', DEMO_PASSWORD);
    await askForHelp(page, title, dayFromToday(4));
    await logOut(page);
    await logIn(page, 'pieter@kring.test', DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/zorgpagina\/1$/);
    const request = block(page, 'Wie wil er helpen?').getByRole('listitem').filter({ hasText: title });
    await request.getByRole('button', { name: /^Ik help mee op/ }).click();
    // Back where the form was sent from.
    await expect(page).toHaveURL(/\/zorgpagina\/1\??$/);
    await expect(page.getByRole('status').filter({ hasText: `Je helpt mee: ${title},` })).toBeVisible();
    await expect(block(page, 'Wie wil er helpen?').getByText(title)).toHaveCount(0);
  });
});

test('a phone shows the page title above the fold, and "Meer" holds the rest', async ({ page }, testInfo) => {
  await logIn(page, 'pieter@kring.test', DEMO_PASSWORD);
  const title = page.getByRole('heading', { name: "Johanna's zorgpagina", level: 1 });
  await expect(title).toBeVisible();
  await waitForHydration(page);
  const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });
  const more = menu.getByText('Meer');
  if (testInfo.project.name === 'telefoon') {
    const box = (await title.boundingBox())!;
    const height = page.viewportSize()!.height;
    // The header leaves the first screen to the page.
    expect(box.y + box.height).toBeLessThan(height * 0.3);
    for (const name of ['Overzicht', 'Kalender', 'Berichten', 'Dossier']) {
      await expect(menu.getByRole('link', { name, exact: true })).toBeVisible();
    }
    await expect(menu.getByRole('link', { name: 'Connecties' })).toHaveCount(0);
    await expectLargeTouchTargets(page);
    // By keyboard, as a screen reader user would.
    await more.focus();
    await page.keyboard.press('Enter');
    await expect(menu.getByRole('link', { name: 'Connecties' })).toBeVisible();
    await expect(menu.getByRole('link', { name: 'Mijn gegevens' })).toBeVisible();
    await expectNoAxeViolations(page);
    await menu.getByRole('link', { name: 'Connecties' }).click();
    await expect(page.getByRole('heading', { name: 'Connecties', level: 1 })).toBeVisible();
    await expect(menu.getByRole('link', { name: 'Mijn gegevens' })).toHaveCount(0);
  } else {
    await expect(more).toBeHidden();
    for (const name of ['Overzicht', 'Kalender', 'Berichten', 'Dossier', 'Profiel van Johanna', 'Connecties']) {
      await expect(menu.getByRole('link', { name, exact: true })).toBeVisible();
    }
  }
  await expectNoSidewaysScroll(page);
});

test('"Meer" opened on a slow phone before the page comes alive stays open', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'telefoon', '"Meer" is only on a phone');
  await logIn(page, 'pieter@kring.test', DEMO_PASSWORD);
  // The login lands on the care page first: waiting for it keeps what follows from racing the login.
  await expect(page).toHaveURL(/\/zorgpagina\/1$/);
  await waitForHydration(page);
  // The next load's code arrives a second late, as over a slow line.
  await page.route(/\/pkg\/.*\.wasm$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await route.continue();
  });
  await page.evaluate(() => document.documentElement.removeAttribute('data-hydrated'));
  await page.reload();
  const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });
  await menu.getByText('Meer').click();
  await expect(menu.getByRole('link', { name: 'Connecties' })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.dataset.hydrated), 'opened before hydration').toBeUndefined();
  await waitForHydration(page);
  await expect(menu.getByRole('link', { name: 'Connecties' })).toBeVisible();
  // And it still closes once a section is chosen.
  await menu.getByRole('link', { name: 'Connecties' }).click();
  await expect(page.getByRole('heading', { name: 'Connecties', level: 1 })).toBeVisible();
  await expect(menu.getByRole('link', { name: 'Mijn gegevens' })).toHaveCount(0);
});

test('printing the week page itself gives one landscape page', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'the printed page does not depend on the screen');
  await logIn(page, 'marieke@kring.test', DEMO_PASSWORD);
  await openSection(page, 'Kalender');
  await expect(page.getByRole('heading', { name: /Kalender/ })).toBeVisible();
  await waitForHydration(page);
  // On screen, the columns break titles between words, never inside one
  // ("Persoonlijk-e verzorging"): no word's text spans two lines, on a
  // laptop (four columns) or a wide screen (seven).
  for (const width of [1280, 1920]) {
    await page.setViewportSize({ width, height: 900 });
    const broken = await page.evaluate(() => {
      const split: string[] = [];
      for (const title of Array.from(document.querySelectorAll('ol.week .item .title'))) {
        const node = title.firstChild;
        if (!node || node.nodeType !== Node.TEXT_NODE) continue;
        let at = 0;
        for (const word of (node.textContent ?? '').split(' ')) {
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + word.length);
          if (word.length > 0 && range.getClientRects().length > 1) split.push(word);
          at += word.length + 1;
        }
      }
      return split;
    });
    expect(broken, `words broken across lines in the week at ${width} px`).toEqual([]);
  }
  const columns = await page.evaluate(() => getComputedStyle(document.querySelector('ol.week')!).gridTemplateColumns.split(' ').length);
  expect(columns, 'seven columns on a wide screen').toBe(7);
  const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
  const pages = pdf.match(/\/Type\s*\/Page(?![s\w])/g) ?? [];
  expect(pages.length, 'printed pages').toBe(1);
  const [, width, height] = pdf.match(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/)!;
  expect(Number(width)).toBeGreaterThan(Number(height));
});

test('Kring on the home screen: a manifest, and the last week readable offline until logout', async ({ page, context, request }) => {
  const manifest = await request.get('/manifest.webmanifest');
  expect(manifest.headers()['content-type']).toBe('application/manifest+json');
  const icons: { src: string; type: string }[] = (await manifest.json()).icons;
  for (const icon of icons) {
    const answer = await request.get(icon.src);
    expect(answer.status(), icon.src).toBe(200);
    expect(answer.headers()['content-type'], icon.src).toContain(icon.type);
  }
  const worker = await request.get('/sw.js');
  expect(worker.headers()['content-type']).toMatch(/javascript/);

  await logIn(page, 'marieke@kring.test', DEMO_PASSWORD);
  // The login lands on the care page first: waiting for it keeps what follows from racing the login.
  await expect(page).toHaveURL(/\/zorgpagina\/1$/);
  await openSection(page, 'Kalender');
  await expect(page.getByRole('heading', { name: /Kalender/ })).toBeVisible();
  await waitForHydration(page);
  const copyOfWeek = () => page.evaluate(async () => (await caches.match('/zorgpagina/1/kalender'))?.status ?? 0);
  await expect.poll(copyOfWeek, { message: 'a copy of the week on the device' }).toBe(200);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByText(/^Offline – bijgewerkt om \d\d:\d\d$/)).toBeVisible();
  await expect(page.getByRole('heading', { name: /Kalender/ })).toBeVisible();
  await expect(page.getByText('Persoonlijke verzorging').first()).toBeVisible();
  await expectNoAxeViolations(page);
  // Messages are never kept: offline, they are simply not there.
  await page.goto('/zorgpagina/1/berichten').catch(() => undefined);
  await expect(page.getByRole('heading', { name: 'Geen verbinding' })).toBeVisible();
  await expect(page.getByText('Boodschappen deze week')).toHaveCount(0);

  await context.setOffline(false);
  await page.goto('/zorgpagina/1/kalender');
  await expect(page.getByText(/^Offline –/)).toHaveCount(0);
  await waitForHydration(page);
  await logOut(page);
  await expect.poll(() => page.evaluate(async () => (await caches.keys()).length), { message: 'nothing kept after logout' }).toBe(0);
});

test('a page the worker does not control still keeps the copy of the week last viewed', async ({ page, context }) => {
  await logIn(page, 'marieke@kring.test', DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/zorgpagina\/1$/);
  await openSection(page, 'Kalender');
  await waitForHydration(page);
  const keptWeek = () => page.evaluate(async () => {
    const copy = await caches.match('/zorgpagina/1/kalender');
    return copy ? (await copy.text()).match(/Week \d+/)?.[0] ?? 'no week' : '';
  });
  await expect.poll(keptWeek, { message: 'a copy of this week' }).not.toBe('');
  const thisWeek = await keptWeek();

  // A hard reload: the worker no longer controls the page (as also happens
  // to a page loaded while the worker was still being set up).
  const devtools = await context.newCDPSession(page);
  await devtools.send('Page.reload', { ignoreCache: true });
  await waitForHydration(page);
  expect(await page.evaluate(() => navigator.serviceWorker.controller), 'a page the worker does not control').toBeNull();

  await page.getByRole('link', { name: /Volgende week/ }).click();
  await expect(page).toHaveURL(/kalender\?week=\d{4}-W\d{2}/);
  const nextWeek = (await page.getByRole('heading', { level: 1 }).textContent())!.match(/Week \d+/)![0];
  expect(nextWeek).not.toBe(thisWeek);
  await expect.poll(keptWeek, { message: 'the copy follows to the next week' }).toBe(nextWeek);
});

test('An offline copy is not shown once the session that kept it would have ended while idle', async ({ page, context }) => {
  await logIn(page, 'marieke@kring.test', DEMO_PASSWORD);
  // The login lands on the care page first: waiting for it keeps what follows from racing the login.
  await expect(page).toHaveURL(/\/zorgpagina\/1$/);
  await openSection(page, 'Kalender');
  await expect(page.getByRole('heading', { name: /Kalender/ })).toBeVisible();
  await waitForHydration(page);
  const copyUntil = () => page.evaluate(async () => (await caches.match('/zorgpagina/1/kalender'))?.headers.get('kring-copy-until') ?? '');
  await expect.poll(copyUntil, { message: 'a copy of the week, with until when it may be shown' }).not.toBe('');
  const until = Date.parse(await copyUntil());
  expect(until - Date.now(), 'about two idle hours').toBeGreaterThan(110 * 60 * 1000);

  // Three hours later on the device's clock (the worker's), still offline.
  const worker = context.serviceWorkers().find((sw) => sw.url().endsWith('/sw.js'))!;
  expect(worker, 'the service worker runs').toBeTruthy();
  await worker.evaluate(() => {
    const real = Date.now;
    Date.now = () => real() + 3 * 60 * 60 * 1000;
  });
  await context.setOffline(true);
  await page.reload().catch(() => undefined);
  await expect(page.getByRole('heading', { name: 'Geen verbinding' })).toBeVisible();
  await expect(page.getByText('Persoonlijke verzorging')).toHaveCount(0);
  await expect.poll(() => page.evaluate(async () => (await caches.match('/zorgpagina/1/kalender'))?.status ?? 0), { message: 'the copies are gone' }).toBe(0);
  await context.setOffline(false);
});

test('"Hoe gaat het met jou?": thirteen questions, a score with advice, only for the carer', async ({ page }) => {
  await logIn(page, 'pieter@kring.test', DEMO_PASSWORD);
  await expect(page.getByRole('heading', { name: "Johanna's zorgpagina", level: 1 })).toBeVisible();
  await waitForHydration(page);
  const card = block(page, 'Hoe gaat het met jou?');
  await expect(card).toBeVisible();
  await card.getByRole('link', { name: /Vragen invullen|Bekijk je scores/ }).click();
  await expect(page.getByRole('heading', { name: 'Hoe gaat het met jou?', level: 1 })).toBeVisible();
  await expect(page.getByText('Alleen jij ziet je antwoorden.')).toBeVisible();
  await waitForHydration(page);
  const questions = page.getByRole('group', { name: /^\d+\. / });
  await expect(questions).toHaveCount(13);
  // Nine times "ja": heavy, and said kindly, with where to find support.
  for (let n = 0; n < 13; n++) {
    await questions.nth(n).getByLabel(n < 9 ? 'Ja' : 'Nee').check();
  }
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Opgeslagen. Je score is 9 van 13.' })).toBeVisible();
  await expect(page.getByText(/^Je score op .*: 9 van 13\.$/)).toBeVisible();
  await expect(page.getByRole('link', { name: 'Steun voor mantelzorgers in jouw regio' })).toHaveAttribute('href', 'https://www.mantelzorg.nl/');

  await page.getByLabel('Stuur me één keer per maand een e-mail om dit in te vullen').setChecked(true);
  await page.getByRole('button', { name: 'Herinnering opslaan' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Je krijgt één keer per maand een herinnering.' })).toBeVisible();
  await expectNoAxeViolations(page);

  // Back on the Overzicht: the last check, no longer an invitation.
  await openSection(page, 'Overzicht');
  await expect(block(page, 'Hoe gaat het met jou?')).toContainText(/Je laatste check was op .*: 9 van 13\./);
  await expect(block(page, 'Hoe gaat het met jou?').getByRole('link', { name: 'Bekijk je scores' })).toBeVisible();
});
