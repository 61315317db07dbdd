import { expect, test, type Browser, type Page, type TestInfo } from '@playwright/test';
import { baseURL } from '../playwright.config';
import { DEMO_PASSWORD, linkFromOutbox, expectNoAxeViolations, logIn, waitForHydration, openSection } from './helpers';

/** A second person at their own device, with the viewport of this run. */
async function secondPerson(browser: Browser, testInfo: TestInfo, email: string): Promise<Page> {
  const context = await browser.newContext({ ...testInfo.project.use, baseURL });
  const page = await context.newPage();
  await logIn(page, email, DEMO_PASSWORD);
  await expect(page.getByRole('navigation', { name: 'Hoofdmenu' })).toBeVisible();
  return page;
}

async function openMessages(page: Page) {
  await openSection(page, 'Berichten');
  await expect(page.getByRole('heading', { name: 'Berichten', level: 1 })).toBeVisible();
}

test('a provider thread: started by the trusted member, answered by the nurse, live, and hidden from the helper', async ({ page, browser }, testInfo) => {
  const subject = `Valpartij (${testInfo.project.name} ${Date.now()})`;
  await logIn(page, 'pieter@kring.test', DEMO_PASSWORD);
  await openMessages(page);
  const familyThread = page.getByRole('listitem').filter({ hasText: 'Boodschappen deze week' });
  await expect(familyThread.getByText('Zichtbaar voor alle mantelzorgers')).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'Nieuw bericht' }).click();
  await page.getByLabel('Onderwerp').fill(subject);
  await page.getByLabel('Bericht', { exact: true }).fill('Mam is gisteren gevallen in de badkamer.\nKunnen jullie extra letten op haar heup?');
  await expect(page.getByLabel(/Met alle mantelzorgers: iedereen/)).toBeChecked();
  await page.getByLabel(/Met Thuiszorg De Linde: .*helpers niet/).check();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Versturen' }).click();
  await expect(page.getByRole('heading', { name: subject })).toBeVisible();
  await expect(page.getByText('Gedeeld met zorgaanbieder en vertrouwensgroep (Thuiszorg De Linde)').first()).toBeVisible();
  const threadUrl = page.url();
  await waitForHydration(page);
  await expectNoAxeViolations(page);

  // The nurse answers from her own device; the reply appears here without a reload.
  const nurse = await secondPerson(browser, testInfo, 'fatima@delinde.test');
  await openMessages(nurse);
  await expect(nurse.getByText('Boodschappen deze week')).toHaveCount(0);
  await nurse.getByRole('link', { name: subject }).click();
  await nurse.getByLabel('Je reactie').fill('Ik kom morgen even kijken en neem een loophulp mee.');
  await nurse.getByRole('button', { name: 'Versturen' }).click();
  await expect(nurse.getByText('Ik kom morgen even kijken')).toBeVisible();
  await expect(nurse.getByLabel('Je reactie')).toHaveValue('');

  const messages = page.getByRole('list', { name: 'Berichten in dit gesprek' });
  await expect(messages.getByText('Ik kom morgen even kijken en neem een loophulp mee.')).toBeVisible({ timeout: 15_000 });
  await expect(messages.getByText('Fatima El Amrani · Thuiszorg De Linde').last()).toBeVisible();
  expect(page.url()).toBe(threadUrl);

  // The helper sees the family thread, not this one, not even by its address.
  const helper = await secondPerson(browser, testInfo, 'sanne@kring.test');
  await openMessages(helper);
  await expect(helper.getByRole('link', { name: 'Boodschappen deze week' })).toBeVisible();
  await expect(helper.getByRole('link', { name: subject })).toHaveCount(0);
  await expectNoAxeViolations(helper);
  await helper.goto(new URL(threadUrl).pathname);
  await expect(helper.getByRole('alert')).toContainText('Niet gevonden');
  await expect(helper.getByText('Mam is gisteren gevallen')).toHaveCount(0);
});

test('a family thread started by the helper reaches the others with its line breaks and a link', async ({ page, browser }, testInfo) => {
  const subject = `Soep (${testInfo.project.name} ${Date.now()})`;
  await logIn(page, 'sanne@kring.test', DEMO_PASSWORD);
  await openMessages(page);
  await page.getByRole('link', { name: 'Nieuw bericht' }).click();
  // A helper is not offered sharing with the provider.
  await expect(page.getByText('Met wie deel je dit bericht?')).toHaveCount(0);
  await expect(page.getByText('Zichtbaar voor alle mantelzorgers')).toBeVisible();
  await page.getByLabel('Onderwerp').fill(subject);
  await page.getByLabel('Bericht', { exact: true }).fill('Ik breng woensdag soep.\nRecept: https://example.nl/erwtensoep');
  await page.getByRole('button', { name: 'Versturen' }).click();
  await expect(page.getByRole('heading', { name: subject })).toBeVisible();
  await expect(page.getByRole('link', { name: 'https://example.nl/erwtensoep' })).toBeVisible();

  const admin = await secondPerson(browser, testInfo, 'marieke@kring.test');
  await openMessages(admin);
  const line = admin.getByRole('listitem').filter({ hasText: subject });
  await expect(line.getByText('1 nieuw bericht')).toBeVisible();
  await line.getByRole('link', { name: subject }).click();
  await expect(admin.getByText('Ik breng woensdag soep.')).toBeVisible();
  await admin.getByRole('link', { name: '← Alle berichten' }).click();
  await expect(admin.getByRole('listitem').filter({ hasText: subject }).getByText('1 nieuw bericht')).toHaveCount(0);
  await expectNoAxeViolations(admin);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a message is started and answered with plain forms', async ({ page }, testInfo) => {
    const subject = `Zonder script (${testInfo.project.name} ${Date.now()})`;
    await logIn(page, 'pieter@kring.test', DEMO_PASSWORD);
    await page.goto('/');
    await openSection(page, 'Berichten');
    await page.getByRole('link', { name: 'Nieuw bericht' }).click();
    await page.getByLabel('Onderwerp').fill(subject);
    await page.getByLabel('Bericht', { exact: true }).fill('Eerste bericht.');
    await page.getByRole('button', { name: 'Versturen' }).click();
    await expect(page.getByRole('heading', { name: subject })).toBeVisible();
    await page.getByLabel('Je reactie').fill('En een reactie.');
    await page.getByRole('button', { name: 'Versturen' }).click();
    await expect(page.getByRole('list', { name: 'Berichten in dit gesprek' }).getByText('En een reactie.')).toBeVisible();
  });
});

test('a mail about a new message can be turned off from the mail, without logging in', async ({ page, browser }, testInfo) => {
  const subject = `Afmelden (${testInfo.project.name} ${Date.now()})`;
  await logIn(page, 'pieter@kring.test', DEMO_PASSWORD);
  await openMessages(page);
  await waitForHydration(page);
  await page.getByLabel('Stuur mij een e-mail als er een nieuw bericht is dat ik mag lezen').check();
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Opgeslagen.' })).toBeVisible();

  const helper = await secondPerson(browser, testInfo, 'sanne@kring.test');
  await openMessages(helper);
  await helper.getByRole('link', { name: 'Nieuw bericht' }).click();
  await helper.getByLabel('Onderwerp').fill(subject);
  await helper.getByLabel('Bericht', { exact: true }).fill('Wie haalt zaterdag de boodschappen?');
  await helper.getByRole('button', { name: 'Versturen' }).click();
  await expect(helper.getByRole('heading', { name: subject })).toBeVisible();

  // Opened from the mail in a browser that is not logged in.
  const link = await linkFromOutbox('pieter@kring.test', '/afmelden');
  const context = await browser.newContext({ ...testInfo.project.use, baseURL });
  const stranger = await context.newPage();
  await stranger.goto(link);
  await expect(stranger.getByText('nieuw bericht is op de zorgpagina van Johanna Bakker')).toBeVisible();
  await expectNoAxeViolations(stranger);
  await stranger.getByRole('button', { name: 'Meld mij af voor deze e-mails' }).click();
  await expect(stranger.getByRole('status').filter({ hasText: 'Je bent afgemeld.' })).toBeVisible();
  await context.close();

  await page.reload();
  await expect(page.getByLabel('Stuur mij een e-mail als er een nieuw bericht is dat ik mag lezen')).not.toBeChecked();
});
