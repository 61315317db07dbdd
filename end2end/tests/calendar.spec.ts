import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, expectNoAxeViolations, logIn, waitForHydration, openSection } from './helpers';

async function openCalendar(page: Page, email: string) {
  await logIn(page, email, DEMO_PASSWORD);
  await expect(page.getByRole('heading', { name: "Johanna's zorgpagina" })).toBeVisible();
  await openSection(page, 'Kalender');
  await waitForHydration(page);
  await expect(page.getByRole('heading', { name: /Kalender/ })).toBeVisible();
}

async function logOut(page: Page) {
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page).toHaveURL(/\/inloggen$/);
}

test('an appointment that asks for help, and a second member who helps', async ({ page }, testInfo) => {
  const title = `Naar de tandarts (${testInfo.project.name})`;
  await openCalendar(page, 'marieke@kring.test');
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: /Afspraak toevoegen/ }).click();
  await expect(page.getByRole('heading', { name: 'Afspraak toevoegen' })).toBeVisible();
  await expectNoAxeViolations(page);
  // A mistake first: the end before the start.
  await page.getByLabel('Titel').fill(title);
  await page.getByLabel('Begintijd').fill('10:00');
  await page.getByLabel('Eindtijd').fill('09:00');
  await page.getByRole('button', { name: 'Afspraak opslaan' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'na de begintijd' })).toBeVisible();
  await expect(page.getByLabel('Eindtijd')).toHaveAccessibleDescription(/na de begintijd/);
  await expect(page.getByLabel('Eindtijd')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Eindtijd').fill('11:00');
  await page.getByLabel('Wie wil er helpen?').check();
  await page.getByRole('button', { name: 'Afspraak opslaan' }).click();
  // Saved: said at the top, with what and when.
  await expect(page.getByRole('status').filter({ hasText: `Afspraak opgeslagen: ${title},` })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '10:00' })).toBeVisible();
  // …and the saved appointment is marked and scrolled to, as without JavaScript.
  await expect(page.locator('.item[data-target]')).toContainText(title);
  await expect(page.locator('.item[data-target]')).toBeInViewport();

  // The innermost list item is the appointment (the outer one is its day).
  const item = page.getByRole('listitem').filter({ hasText: title }).last();
  await expect(item).toContainText('Wie wil er helpen?');
  await expect(item).not.toContainText('▲');
  await logOut(page);

  await openCalendar(page, 'pieter@kring.test');
  const pietersItem = page.getByRole('listitem').filter({ hasText: title }).last();
  await pietersItem.getByText(title).click();
  // The button says for which day.
  await pietersItem.getByRole('button', { name: /^Ik help mee op (ma|di|wo|do|vr|za|zo) \d+ \w+$/ }).click();
  await expect(pietersItem).toContainText('● Jij helpt mee');
  await expect(page.getByRole('status').filter({ hasText: `Je helpt mee: ${title},` })).toBeVisible();
  await logOut(page);

  await openCalendar(page, 'marieke@kring.test');
  const again = page.getByRole('listitem').filter({ hasText: title }).last();
  await again.getByText(title).click();
  await expect(again).toContainText('Helpt mee: Pieter Bakker');
  await expectNoAxeViolations(page);

  // The maker changes the time; the helper stays signed up.
  await again.getByRole('link', { name: 'Wijzigen' }).click();
  await expect(page.getByRole('heading', { name: 'Afspraak wijzigen' })).toBeVisible();
  await expect(page.getByLabel('Titel')).toHaveValue(title);
  await expectNoAxeViolations(page);
  await page.getByLabel('Begintijd').fill('10:30');
  await page.getByLabel('Eindtijd').fill('11:30');
  await page.getByRole('button', { name: 'Afspraak opslaan' }).click();
  const moved = page.getByRole('listitem').filter({ hasText: title }).last();
  await expect(moved).toContainText('10:30');
  await moved.getByText(title).click();
  await expect(moved).toContainText('Helpt mee: Pieter Bakker');

  // Deleting asks once more; only the second button deletes.
  await moved.getByText('Verwijderen', { exact: true }).click();
  await expect(moved).toContainText('verdwijnt uit de kalender van iedereen');
  await expectNoAxeViolations(page);
  await moved.getByRole('button', { name: 'Ja, verwijderen' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Afspraak verwijderd: ${title}` })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: title })).toHaveCount(0);
});

test('a helper signs up for every time of a weekly appointment, and stops again', async ({ page }, testInfo) => {
  const title = `Wandelen (${testInfo.project.name} ${Date.now()})`;
  await openCalendar(page, 'marieke@kring.test');
  await page.getByRole('link', { name: /Afspraak toevoegen/ }).click();
  await waitForHydration(page);
  await page.getByLabel('Titel').fill(title);
  await page.getByLabel('Begintijd').fill('15:00');
  await page.getByLabel('Wie wil er helpen?').check();
  await page.getByRole('combobox', { name: 'Herhalen' }).selectOption({ label: 'Elke week' });
  await page.getByLabel('Of: aantal keer').fill('3');
  await page.getByRole('button', { name: 'Afspraak opslaan' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Afspraak opgeslagen: ${title}` })).toBeVisible();
  await logOut(page);

  await openCalendar(page, 'pieter@kring.test');
  const item = page.getByRole('listitem').filter({ hasText: title }).last();
  await item.getByText(title).click();
  await item.getByRole('button', { name: 'Ik help elke keer' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Je helpt elke keer mee: ${title}` })).toBeVisible();
  await expect(item).toContainText('Jij helpt elke keer mee.');
  await expectNoAxeViolations(page);
  // Next week too, without signing up again.
  await page.getByRole('link', { name: /Volgende week/ }).click();
  const next = page.getByRole('listitem').filter({ hasText: title }).last();
  await expect(next).toContainText('● Jij helpt mee');
  await next.getByText(title).click();
  await next.getByRole('button', { name: 'Ik help niet meer elke keer' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Je helpt niet meer elke keer mee: ${title}` })).toBeVisible();
  await expect(next).not.toContainText('Jij helpt mee');
  await logOut(page);

  // Cleaned up, so the shared week stays as the other tests expect it.
  await openCalendar(page, 'marieke@kring.test');
  const own = page.getByRole('listitem').filter({ hasText: title }).last();
  await own.getByText(title).click();
  await own.getByText('De hele reeks verwijderen', { exact: true }).click();
  await own.getByRole('button', { name: 'Ja, verwijderen' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: title })).toHaveCount(0);
});

test('moving between weeks keeps the week in the address', async ({ page }) => {
  await openCalendar(page, 'sanne@kring.test');
  const heading = page.getByRole('heading', { level: 1 });
  const thisWeek = (await heading.textContent())!;
  await page.getByRole('link', { name: /Volgende week/ }).click();
  await expect(page).toHaveURL(/kalender\?week=\d{4}-W\d{2}/);
  await expect(heading).not.toHaveText(thisWeek);
  await page.reload();
  await expect(heading).not.toHaveText(thisWeek);
  // A click in the split second while the app takes over can be lost; wait for it.
  await waitForHydration(page);
  await page.getByRole('link', { name: /Vorige week/ }).click();
  await expect(heading).toHaveText(thisWeek);
  await page.getByLabel('Ga naar datum').fill('2026-12-31');
  await page.getByRole('button', { name: 'Toon' }).click();
  await expect(page.getByText('Maandag 28 december 2026 – Zondag 3 januari 2027')).toBeVisible();
  await expect(heading).toContainText('Week 53');
  await page.getByRole('link', { name: 'Deze week' }).click();
  await expect(heading).toHaveText(thisWeek);
});

test('the week prints on exactly one landscape A4 page', async ({ page }) => {
  await openCalendar(page, 'marieke@kring.test');
  await page.getByRole('link', { name: 'Print' }).click();
  await expect(page.getByRole('heading', { name: /Kalender van Johanna Bakker/ })).toBeVisible();
  await expectNoAxeViolations(page);
  // On a phone the days are a list: nothing scrolls sideways.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(page.getByRole('heading', { level: 2 }).first()).toContainText('Maandag');
  // The Print button opens the browser's print dialog, under Kring's own
  // Content-Security-Policy (no inline handler the browser would refuse).
  const refused: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) refused.push(message.text());
  });
  await waitForHydration(page);
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => { (window as unknown as { printed: number }).printed += 1; };
  });
  await page.getByRole('button', { name: 'Print' }).click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  expect(refused).toEqual([]);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('banner')).toBeHidden();
  const pdf = await page.pdf({ format: 'A4', landscape: true, preferCSSPageSize: true });
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
  expect(pages.length).toBe(1);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a mistake keeps what was typed; saving and deleting say what happened', async ({ page }, testInfo) => {
    const title = `Zonder script (${testInfo.project.name} ${Date.now()})`;
    await logIn(page, 'marieke@kring.test', DEMO_PASSWORD);
    await openSection(page, 'Kalender');
    await page.getByRole('link', { name: /Afspraak toevoegen/ }).click();
    await page.getByLabel('Titel').fill(title);
    await page.getByLabel('Begintijd').fill('10:00');
    await page.getByLabel('Eindtijd').fill('09:00');
    await page.getByLabel('Plaats').fill('Kapsalon Els, Dorpsstraat 4');
    await page.getByLabel('Wie wil er helpen?').check();
    await page.getByRole('button', { name: 'Afspraak opslaan' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'na de begintijd' }).first()).toBeVisible();
    // …and beside the field it is about, read out with it.
    await expect(page.getByLabel('Eindtijd')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Eindtijd')).toHaveAccessibleDescription(/na de begintijd/);
    await expect(page.getByLabel('Begintijd')).not.toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Titel')).toHaveValue(title);
    await expect(page.getByLabel('Plaats')).toHaveValue('Kapsalon Els, Dorpsstraat 4');
    await expect(page.getByLabel('Begintijd')).toHaveValue('10:00');
    await expect(page.getByLabel('Wie wil er helpen?')).toBeChecked();
    await page.getByLabel('Eindtijd').fill('11:00');
    await page.getByRole('button', { name: 'Afspraak opslaan' }).click();
    await expect(page.getByRole('status').filter({ hasText: `Afspraak opgeslagen: ${title}` })).toBeVisible();
    // The saved appointment is the page's target: scrolled to and marked.
    await expect(page).toHaveURL(/#afspraak-\d+-\d{4}-\d{2}-\d{2}$/);
    expect(await page.evaluate(() => document.querySelector(':target')?.textContent ?? '')).toContain(title);

    const item = page.getByRole('listitem').filter({ hasText: title }).last();
    await item.getByText(title).click();
    await item.getByText('Verwijderen', { exact: true }).click();
    await item.getByRole('button', { name: 'Ja, verwijderen' }).click();
    await expect(page.getByRole('status').filter({ hasText: `Afspraak verwijderd: ${title}` })).toBeVisible();
    await expect(page.getByRole('listitem').filter({ hasText: title })).toHaveCount(0);

    // A calendar link made without JavaScript is shown, with the way into
    // the phone's own calendar.
    await page.getByRole('button', { name: /Agenda-link maken|Nieuwe agenda-link maken/ }).click();
    const link = page.getByLabel(/Je persoonlijke agenda-link/);
    await expect(link).toHaveValue(/\/agenda\/.+\.ics$/);
    const url = await link.inputValue();
    await expect(page.getByRole('link', { name: 'Zet in mijn agenda' }))
      .toHaveAttribute('href', url.replace(/^https?:\/\//, 'webcal://'));
  });
});

test('the calendar link can be copied and opened in the own calendar', async ({ page, context }) => {
  await openCalendar(page, 'pieter@kring.test');
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: /Agenda-link maken|Nieuwe agenda-link maken/ }).click();
  const link = page.getByLabel(/Je persoonlijke agenda-link/);
  await expect(link).toHaveValue(/\/agenda\/.+\.ics$/);
  await expect(page.getByRole('link', { name: 'Zet in mijn agenda' })).toHaveAttribute('href', /^webcal:\/\//);
  await page.getByRole('button', { name: 'Kopieer' }).click();
  await expect(page.getByRole('button', { name: 'Gekopieerd' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await link.inputValue());
});
