import { expect, test } from '@playwright/test';
import { expectEnhancedContrast, expectNoAxeViolations, linkFromOutbox, uniqueEmail, waitForHydration, openSection } from './helpers';

// A new person's first visit, as in the seeds' registration steps:
// register → confirm (link from the mail) → password → care page → a second
// page → switch → contrast → log out → log in again.
test('a new family member finds their way from registration to a care page', async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo, 'anna');
  const password = 'paarse fiets op de dijk';

  // A new visitor reads what Kring is, and making an account is as easy to
  // find as logging in; the terms are a real page.
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Welkom bij Kring' })).toBeVisible();
  await expect(page.getByRole('main').getByRole('link', { name: 'Inloggen' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('contentinfo').getByRole('link', { name: 'Voorwaarden' }).click();
  await expect(page.getByRole('heading', { name: 'Voorwaarden', level: 1 })).toBeVisible();
  await page.goto('/');
  await page.getByRole('main').getByRole('link', { name: 'Account aanmaken' }).click();

  await expect(page.getByRole('heading', { name: 'Wat is je naam?' })).toBeVisible();
  await waitForHydration(page);
  await expectNoAxeViolations(page);
  await page.getByLabel('Voornaam').fill('Anna');
  await page.getByLabel('Achternaam').fill('de Vries');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Ik ga akkoord met de voorwaarden').check();
  await page.getByRole('button', { name: 'Start met Kring' }).click();
  await expect(page.getByRole('status')).toContainText('We hebben je een e-mail gestuurd');

  await page.goto(await linkFromOutbox(email, '/account/bevestigen'));
  await expect(page.getByRole('heading', { name: 'Kies een wachtwoord' })).toBeVisible();
  await waitForHydration(page);
  await expectNoAxeViolations(page);
  // The rule is there before typing; "Toon" shows what was typed.
  await expect(page.getByText('niet je naam of e-mailadres').first()).toBeVisible();
  await page.getByLabel('Wachtwoord', { exact: true }).fill('zichtbaar even');
  // Each field has its own "Toon", right after it.
  const show = page.getByRole('button', { name: 'Toon', exact: true }).first();
  await expect(show).toHaveAttribute('aria-pressed', 'false');
  await show.click();
  await expect(page.getByLabel('Wachtwoord', { exact: true })).toHaveAttribute('type', 'text');
  await expect(show).toHaveAttribute('aria-pressed', 'true');
  await show.click();
  await expect(page.getByLabel('Wachtwoord', { exact: true })).toHaveAttribute('type', 'password');
  // Too short first: a Dutch message, and nothing is lost.
  await page.getByLabel('Wachtwoord', { exact: true }).fill('kort');
  await page.getByLabel('Herhaal het wachtwoord').fill('kort');
  await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
  await expect(page.getByRole('alert')).toContainText('te kort');
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  await page.getByLabel('Herhaal het wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();

  // Logged in, without pages yet: "Voeg toe" starts one.
  await expect(page.getByRole('heading', { name: "Jouw zorgpagina's" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('main').getByRole('link', { name: 'Voeg toe' }).click();
  await expect(page.getByRole('heading', { name: 'Een zorgpagina starten' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel('Voornaam van de zorgontvanger').fill('Piet');
  await page.getByLabel('Achternaam van de zorgontvanger').fill('de Vries');
  await page.getByLabel('Geboortedatum').fill('1941-03-14');
  await page.getByRole('button', { name: 'Zorgpagina starten' }).click();
  await expect(page.getByRole('heading', { name: "Piets zorgpagina" })).toBeVisible();
  await expect(page.getByText('Geboren op 14 maart 1941')).toBeVisible();
  await expect(page.getByText('Jouw rol: Beheerder')).toBeVisible();
  // A new page says how to begin.
  await expect(page.getByRole('heading', { name: 'Zo begin je' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Iemand uitnodigen' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Eerste afspraak toevoegen' })).toBeVisible();
  await expectNoAxeViolations(page);

  // A second page, then switch back through "Ik zorg voor".
  const switcher = page.getByRole('navigation', { name: 'Ik zorg voor' });
  await switcher.locator('summary').click();
  await switcher.getByRole('link', { name: 'Voeg toe' }).click();
  await page.getByLabel('Voornaam van de zorgontvanger').fill('Truus');
  await page.getByLabel('Achternaam van de zorgontvanger').fill('de Vries');
  await page.getByLabel('Geboortedatum').fill('1944-07-02');
  await page.getByRole('button', { name: 'Zorgpagina starten' }).click();
  await expect(page.getByRole('heading', { name: "Truus' zorgpagina" })).toBeVisible();
  await switcher.locator('summary').click();
  await switcher.getByRole('link', { name: 'Piet de Vries' }).click();
  await expect(page.getByRole('heading', { name: "Piets zorgpagina" })).toBeVisible();

  // The admin corrects the name on Profiel: the form says so, and "Ik zorg
  // voor" shows the new name at once, without a reload.
  await openSection(page, 'Profiel');
  await expect(page.getByRole('heading', { name: 'Profiel', level: 1 })).toBeVisible();
  await waitForHydration(page);
  await page.getByLabel('Voornaam van de zorgontvanger').fill('Pieter');
  await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Opgeslagen.' })).toBeVisible();
  await switcher.locator('summary').click();
  await expect(switcher.getByRole('link', { name: 'Pieter de Vries' })).toBeVisible();
  await expect(switcher.getByRole('link', { name: 'Piet de Vries' })).toHaveCount(0);
  await switcher.getByRole('link', { name: 'Pieter de Vries' }).click();
  await expect(page.getByRole('heading', { name: "Pieters zorgpagina" })).toBeVisible();

  // Contrast: pressed, remembered across a reload (painted by the server).
  const contrast = page.getByRole('button', { name: 'Contrast' });
  await expect(contrast).toHaveAttribute('aria-pressed', 'false');
  await contrast.click();
  await expect(contrast).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.app')).toHaveClass(/contrast/);
  await page.reload();
  await expect(page.locator('.app')).toHaveClass(/contrast/);
  await expectNoAxeViolations(page);
  await expectEnhancedContrast(page);
  await waitForHydration(page);
  await page.getByRole('button', { name: 'Contrast' }).click();
  await expect(page.locator('.app')).not.toHaveClass(/contrast/);

  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page).toHaveURL(/\/inloggen$/);
  await expect(page.getByRole('button', { name: 'Uitloggen' })).toHaveCount(0);

  // And back in with the chosen password.
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page.getByRole('heading', { name: /zorgpagina$/ })).toBeVisible();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('registration says where the e-mail went and can send it again', async ({ page }, testInfo) => {
    const email = uniqueEmail(testInfo, 'kees');
    await page.goto('/registreren');
    await page.getByLabel('Voornaam').fill('Kees');
    await page.getByLabel('Achternaam').fill('de Boer');
    await page.getByLabel('E-mailadres').fill(email);
    await page.getByLabel('Ik ga akkoord met de voorwaarden').check();
    await page.getByRole('button', { name: 'Start met Kring' }).click();
    await expect(page.getByText(`Kijk in je mailbox (${email})`)).toBeVisible();
    await page.getByRole('button', { name: 'Stuur de e-mail opnieuw' }).click();
    await expect(page.getByText(`Kijk in je mailbox (${email})`)).toBeVisible();
    expect(await linkFromOutbox(email, '/account/bevestigen')).toContain('/account/bevestigen');
  });
});
