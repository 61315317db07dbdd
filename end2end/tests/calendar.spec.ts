import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, expectNoAxeViolations, logIn, waitForHydration } from './helpers';

async function openCalendar(page: Page, email: string) {
  await logIn(page, email, DEMO_PASSWORD);
  await expect(page.getByRole('heading', { name: "Johanna's zorgpagina" })).toBeVisible();
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Kalender' }).click();
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
  await page.getByLabel('Eindtijd').fill('11:00');
  await page.getByLabel('Wie wil er helpen?').check();
  await page.getByRole('button', { name: 'Afspraak opslaan' }).click();

  // The innermost list item is the appointment (the outer one is its day).
  const item = page.getByRole('listitem').filter({ hasText: title }).last();
  await expect(item).toContainText('▲ Wie wil er helpen?');
  await logOut(page);

  await openCalendar(page, 'pieter@kring.test');
  const pietersItem = page.getByRole('listitem').filter({ hasText: title }).last();
  await pietersItem.getByText(title).click();
  await pietersItem.getByRole('button', { name: 'Ik help mee' }).click();
  await expect(pietersItem).toContainText('● Jij helpt mee');
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
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('banner')).toBeHidden();
  const pdf = await page.pdf({ format: 'A4', landscape: true, preferCSSPageSize: true });
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
  expect(pages.length).toBe(1);
});
