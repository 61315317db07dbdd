import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, expectNoAxeViolations, logIn } from './helpers';

async function logOut(page: Page) {
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page).toHaveURL(/\/inloggen$/);
}

test('staff add a client and print the letter; the family admin enters the code; the console shows the link', async ({ page }, testInfo) => {
  // A client per viewport: both runs share one demo database.
  const lastName = testInfo.project.name === 'desktop' ? 'Kok' : 'Koster';
  await logIn(page, 'ineke@delinde.test', DEMO_PASSWORD);
  await page.getByRole('link', { name: 'Organisatie' }).click();
  await expect(page.getByRole('heading', { name: 'Cliënten van Thuiszorg De Linde' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Johanna Bakker' })).toContainText('gekoppeld sinds');
  await expect(page.getByRole('row').filter({ hasText: 'Hendrik Jansen' })).toContainText('code verstuurd, geldig tot');
  await expectNoAxeViolations(page);

  const add = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Cliënt toevoegen' }) });
  await add.getByLabel('Voornaam').fill('Gerrit');
  await add.getByLabel('Achternaam').fill(lastName);
  await add.getByLabel('Geboortedatum').fill('1940-05-05');
  await add.getByLabel('Locatie').selectOption({ label: 'Team Utrecht-Oost' });
  await add.getByRole('button', { name: 'Cliënt toevoegen' }).click();
  await expect(page.getByRole('heading', { name: `Cliënt Gerrit ${lastName}` })).toBeVisible();
  await expect(page.getByText('nog geen code')).toBeVisible();

  await page.getByRole('button', { name: 'Activatiecode maken' }).click();
  const issued = page.getByRole('status').filter({ hasText: 'De nieuwe activatiecode is' });
  await expect(issued).toBeVisible();
  const code = (await issued.textContent())!.match(/\d{4} \d{4} \d{2}/)![0];
  await expectNoAxeViolations(page);
  // "Brief afdrukken" opens the letter, a PDF, in a tab of its own.
  const letter = page.context().waitForEvent('response', (response) => response.url().endsWith('/brief'));
  await issued.getByRole('button', { name: 'Brief afdrukken' }).click();
  const response = await letter;
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/pdf');
  await logOut(page);

  // The daughter enters the code from the letter and makes a page for him.
  await logIn(page, 'marieke@kring.test', DEMO_PASSWORD);
  await page.goto('/code-invoeren');
  await expect(page.getByRole('heading', { name: 'Code invoeren' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel('Activatiecode').fill(code);
  await page.getByLabel('Geboortedatum van de zorgontvanger').fill('1940-05-06');
  await page.getByLabel('Een nieuwe zorgpagina voor deze cliënt').check();
  await page.getByRole('button', { name: 'Zorgaanbieder koppelen' }).click();
  // A wrong birth date: one clear message, next to the code, nothing linked.
  await expect(page.getByText('Deze code kunnen we niet gebruiken').first()).toBeVisible();
  await page.getByLabel('Activatiecode').fill(code);
  await page.getByLabel('Geboortedatum van de zorgontvanger').fill('1940-05-05');
  await page.getByLabel('Een nieuwe zorgpagina voor deze cliënt').check();
  await page.getByRole('button', { name: 'Zorgaanbieder koppelen' }).click();
  await expect(page.getByRole('heading', { name: 'Connecties' })).toBeVisible();
  await expect(page.getByText('Thuiszorg De Linde is gekoppeld aan de zorgpagina.')).toBeVisible();
  const providers = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Zorgaanbieders' }) });
  await expect(providers.getByText('Thuiszorg De Linde')).toBeVisible();
  await expectNoAxeViolations(page);
  await logOut(page);

  // The console now shows the client as linked, with a way to his page.
  await logIn(page, 'ineke@delinde.test', DEMO_PASSWORD);
  await page.goto('/organisatie?zoek=Gerrit');
  await expect(page.getByRole('row').filter({ hasText: `Gerrit ${lastName}` })).toContainText('gekoppeld sinds');
  await logOut(page);
});
