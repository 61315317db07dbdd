import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, expectNoAxeViolations, linkFromOutbox, logIn, uniqueEmail, openSection, expectSection } from './helpers';

test('the admin invites a helper, who registers through the link, joins, is promoted and later loses access', async ({ browser, page }, testInfo) => {
  const email = uniqueEmail(testInfo, 'kees');
  // A surname per viewport: both runs share one demo page.
  const lastName = testInfo.project.name === 'desktop' ? 'Jansen' : 'de Groot';
  await logIn(page, 'marieke@kring.test', DEMO_PASSWORD);
  // The address of a provider thread, to try later as the helper.
  await openSection(page, 'Berichten');
  const providerThread = await page.getByRole('link', { name: "Medicijnen 's avonds" }).getAttribute('href');
  await openSection(page, 'Connecties');
  await expect(page.getByRole('heading', { name: 'Connecties' })).toBeVisible();
  await expect(page.getByText('Pieter Bakker', { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel('E-mailadres').fill(email);
  await expect(page.getByLabel('Rol', { exact: true })).toHaveValue('helper');
  await page.getByRole('button', { name: 'Uitnodiging versturen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'De uitnodiging is verstuurd' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: email }).filter({ hasText: 'geldig tot' })).toContainText('Helpende');
  // The admin's page history says who invited whom.
  await expect(page.getByRole('listitem').filter({ hasText: `Marieke Bakker: uitnodiging aan ${email} als helpende` })).toBeVisible();
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page).toHaveURL(/\/inloggen$/);

  await page.goto(await linkFromOutbox(email, '/uitnodiging'));
  await expect(page.getByText('Marieke Bakker nodigt je uit voor de zorgpagina van Johanna Bakker, als helpende.')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel('Voornaam').fill('Kees');
  await page.getByLabel('Achternaam').fill(lastName);
  await page.getByLabel('Wachtwoord', { exact: true }).fill('paarse fiets op de dijk');
  // Submitted from the keyboard, as a phone's "Ga" key does.
  await page.getByLabel('Herhaal het wachtwoord').fill('paarse fiets op de dijk');
  await page.getByLabel('Herhaal het wachtwoord').press('Enter');
  await expect(page.getByRole('heading', { name: "Johanna's zorgpagina" })).toBeVisible();
  await expect(page.getByText('Jouw rol: Helpende')).toBeVisible();
  const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });
  await expect(menu.getByRole('link', { name: 'Kalender' })).toBeVisible();
  await expectSection(page, 'Connecties');
  // As a helper: the family's messages, not the provider's, not even by address.
  await menu.getByRole('link', { name: 'Berichten' }).click();
  await expect(page.getByRole('link', { name: 'Boodschappen deze week' })).toBeVisible();
  await expect(page.getByRole('link', { name: "Medicijnen 's avonds" })).toHaveCount(0);
  await page.goto(providerThread!);
  await expect(page.getByRole('alert')).toContainText('Niet gevonden, of je hebt hier geen toegang toe.');
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page).toHaveURL(/\/inloggen$/);

  // The admin moves Kees into the trusted group; it counts at his next visit.
  await logIn(page, 'marieke@kring.test', DEMO_PASSWORD);
  await openSection(page, 'Connecties');
  await page.getByLabel(`Rol – Kees ${lastName}`).selectOption('trusted');
  await page.getByRole('button', { name: `Rol opslaan – Kees ${lastName}` }).click();
  await expect(page.getByRole('listitem').filter({ hasText: `Kees ${lastName}` }).first()).toContainText('Vertrouwensgroep');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page).toHaveURL(/\/inloggen$/);

  // In the trusted group, Kees reads the provider thread.
  await logIn(page, email, 'paarse fiets op de dijk');
  await openSection(page, 'Berichten');
  await page.getByRole('link', { name: "Medicijnen 's avonds" }).click();
  await expect(page.getByText('Dat kan. Ik zet het donderdag')).toBeVisible();

  // Meanwhile the admin takes his access away, in a second browser: the
  // first tap only explains, the second does it.
  const adminContext = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
  const admin = await adminContext.newPage();
  await logIn(admin, 'marieke@kring.test', DEMO_PASSWORD);
  await openSection(admin, 'Connecties');
  await admin.getByText(`Toegang intrekken – Kees ${lastName}`, { exact: true }).click();
  await expect(admin.getByText(`Kees ${lastName} kan daarna niet meer op de zorgpagina van Johanna Bakker.`)).toBeVisible();
  await expectNoAxeViolations(admin);
  await admin.getByRole('button', { name: `Ja, toegang intrekken – Kees ${lastName}` }).click();
  await expect(admin.getByRole('listitem').filter({ hasText: `Marieke Bakker: Kees ${lastName} heeft geen toegang meer` })).toBeVisible();
  await expect(admin.locator('.members').getByText(`Kees ${lastName}`)).toHaveCount(0);
  await adminContext.close();

  // Kees's very next step finds the page closed to him.
  await openSection(page, 'Kalender');
  await expect(page.getByRole('alert')).toContainText('Niet gevonden, of je hebt hier geen toegang toe.');
});
