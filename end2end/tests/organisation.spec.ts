import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, expectNoAxeViolations, linkFromOutbox, logIn, uniqueEmail, openSection, waitForHydration } from './helpers';

async function logOut(page: Page) {
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page).toHaveURL(/\/inloggen$/);
}

test('staff add a client and print the letter; the family admin enters the code; the console shows the link', async ({ page }, testInfo) => {
  // A client per viewport: both runs share one demo database. The physio
  // practice, so that the home-care nurse of the other tests keeps one client page.
  const lastName = testInfo.project.name === 'desktop' ? 'Kok' : 'Koster';
  await logIn(page, 'joris@fysio-oost.test', DEMO_PASSWORD);
  await openSection(page, 'Organisatie');
  await expect(page.getByRole('heading', { name: 'Cliënten van Fysiotherapie Oost' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Johanna Bakker' })).toContainText('gekoppeld sinds');
  await expectNoAxeViolations(page);

  const add = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Cliënt toevoegen' }) });
  await add.getByLabel('Voornaam').fill('Gerrit');
  await add.getByLabel('Achternaam').fill(lastName);
  await add.getByLabel('Geboortedatum').fill('1940-05-05');
  await add.getByRole('button', { name: 'Cliënt toevoegen' }).click();
  await expect(page.getByRole('heading', { name: `Cliënt Gerrit ${lastName}` })).toBeVisible();
  await expect(page.getByText('nog geen code')).toBeVisible();

  await waitForHydration(page);
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

  // His daughter, new to Kring, makes an account, follows the letter's
  // steps ("Voeg toe", "Code invoeren") and gets a page for him.
  const email = uniqueEmail(testInfo, 'dochter');
  await page.goto('/registreren');
  await page.getByLabel('Voornaam').fill('Lotte');
  await page.getByLabel('Achternaam').fill(lastName);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Ik ga akkoord met de voorwaarden').check();
  await page.getByRole('button', { name: 'Start met Kring' }).click();
  await expect(page.getByRole('status')).toContainText('We hebben je een e-mail gestuurd');
  await page.goto(await linkFromOutbox(email, '/account/bevestigen'));
  await page.getByLabel('Wachtwoord', { exact: true }).fill('paarse fiets op de dijk');
  await page.getByLabel('Herhaal het wachtwoord').fill('paarse fiets op de dijk');
  await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
  await expect(page.getByRole('heading', { name: "Jouw zorgpagina's" })).toBeVisible();
  await page.getByRole('main').getByRole('link', { name: 'Voeg toe' }).click();
  await page.getByRole('link', { name: 'Code invoeren' }).first().click();
  await expect(page.getByRole('heading', { name: 'Code invoeren' })).toBeVisible();
  await expectNoAxeViolations(page);
  // Without pages of her own, a new page is the choice already made.
  await expect(page.getByLabel('Een nieuwe zorgpagina voor deze cliënt')).toBeChecked();
  await page.getByLabel('Activatiecode').fill(code);
  await page.getByLabel('Geboortedatum van de zorgontvanger').fill('1940-05-06');
  await page.getByRole('button', { name: 'Zorgaanbieder koppelen' }).click();
  // A wrong birth date: one clear message next to the code, nothing linked.
  await expect(page.getByText('Deze code kunnen we niet gebruiken').first()).toBeVisible();
  await page.getByLabel('Activatiecode').fill(code);
  await page.getByLabel('Geboortedatum van de zorgontvanger').fill('1940-05-05');
  await page.getByRole('button', { name: 'Zorgaanbieder koppelen' }).click();
  await expect(page.getByRole('heading', { name: 'Connecties' })).toBeVisible();
  await expect(page.getByText('Fysiotherapie Oost is gekoppeld aan de zorgpagina.')).toBeVisible();
  const providers = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Zorgaanbieders' }) });
  await expect(providers.getByText('Fysiotherapie Oost', { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
  const familyPage = new URL(page.url()).pathname.replace('/connecties', '');
  await logOut(page);

  // The console shows him linked; a visit planned there is in the family's week at once.
  await logIn(page, 'joris@fysio-oost.test', DEMO_PASSWORD);
  await openSection(page, 'Organisatie');
  await page.getByLabel('Zoek op naam').fill(`Gerrit ${lastName}`);
  await page.getByRole('button', { name: 'Zoeken' }).click();
  const row = page.getByRole('row').filter({ hasText: `Gerrit ${lastName}` });
  await expect(row).toContainText('gekoppeld sinds');
  await row.getByRole('link').click();
  await expect(page.getByRole('heading', { name: 'Bezoeken' })).toBeVisible();
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });
  await page.getByLabel('Wat', { exact: true }).fill('Steunkousen aantrekken');
  await page.getByLabel('Datum', { exact: true }).fill(today);
  await page.getByLabel('Tijd', { exact: true }).fill('23:00');
  await page.getByLabel('Duur in minuten').fill('20');
  await page.getByLabel('Wie komt er').selectOption({ label: 'Joris Smit' });
  await page.getByRole('button', { name: 'Bezoek plannen' }).click();
  await expect(page.getByRole('status').filter({ hasText: '1 bezoek gepland.' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Steunkousen aantrekken' })).toContainText('23:00');
  await expectNoAxeViolations(page);
  await logOut(page);

  await logIn(page, email, 'paarse fiets op de dijk');
  await expect(page.getByRole('heading', { name: 'Gerrits zorgpagina' })).toBeVisible();
  await page.goto(`${familyPage}/kalender`);
  const visit = page.locator('.item.visit').filter({ hasText: 'Steunkousen aantrekken' });
  await expect(visit).toContainText('Joris Smit');
  await logOut(page);
});

test('the organisation admin broadcasts to every linked client; it arrives on each page and in the inbox', async ({ page }, testInfo) => {
  const subject = `Ander telefoonnummer (${testInfo.project.name})`;
  await logIn(page, 'joris@fysio-oost.test', DEMO_PASSWORD);
  await openSection(page, 'Organisatie');
  const console = page.getByRole('navigation', { name: 'Onderdelen van de organisatie' });
  await console.getByRole('link', { name: 'Medewerkers' }).click();
  await expect(page.getByRole('heading', { name: 'Medewerkers van Fysiotherapie Oost' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Joris Smit' }).first()).toContainText('Beheerder van de organisatie');
  await expectNoAxeViolations(page);
  await console.getByRole('link', { name: 'API' }).click();
  await waitForHydration(page);
  await page.getByLabel('Naam van de sleutel').fill(`Planning ${testInfo.project.name}`);
  await page.getByLabel('visits:write').check();
  await page.getByRole('button', { name: 'Sleutel maken' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Bewaar deze sleutel nu' })).toContainText('kring_');
  await expectNoAxeViolations(page);

  await console.getByRole('link', { name: 'Berichten' }).click();
  await expect(page.getByRole('heading', { name: 'Berichten van cliënten van Fysiotherapie Oost' })).toBeVisible();
  await page.getByLabel('Onderwerp').fill(subject);
  await page.getByLabel('Bericht', { exact: true }).fill('Tussen kerst en oud en nieuw zijn we bereikbaar op 030 - 123 45 67.');
  await page.getByRole('button', { name: 'Bericht versturen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Het bericht staat op' })).toBeVisible();
  // One thread per linked page, each in the inbox.
  await expect(page.getByRole('listitem').filter({ hasText: subject })).not.toHaveCount(0);
  expect(await page.getByRole('listitem').filter({ hasText: subject }).count()).toBeGreaterThanOrEqual(2);
  await expectNoAxeViolations(page);
  await logOut(page);

  // Johanna's son, in the trusted group, reads it on her page.
  await logIn(page, 'pieter@kring.test', DEMO_PASSWORD);
  await openSection(page, 'Berichten');
  await expect(page.getByRole('link', { name: subject })).toBeVisible();
  await logOut(page);
});
