import { expect, test, type Page } from '@playwright/test';
import {
  DEMO_PASSWORD, expectNoAxeViolations, expectNoAxeViolationsInBothThemes, expectNoSidewaysScroll, logIn, openSection, waitForHydration,
} from './helpers';

// Notities: practical information every member adds and reads; the writer
// and the admin change it; the home-care organisation never sees it.
// Mijn verhaal: the trusted group writes, everyone (staff too) reads and prints.

// The smallest PNG: one transparent pixel.
const PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGMAAQAABQABDQottAAAAABJRU5ErkJggg==',
  'base64',
);

async function logOut(page: Page) {
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page).toHaveURL(/\/inloggen$/);
}

async function openNotes(page: Page) {
  await openSection(page, 'Notities');
  await expect(page.getByRole('heading', { name: 'Notities', level: 1 })).toBeVisible();
}

function noteTitled(page: Page, title: string) {
  return page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: title }) });
}

test('a helper adds a note with a phone number; the admin sees it, changes it and deletes it', async ({ page }, testInfo) => {
  const title = `Tandarts (${testInfo.project.name} ${Date.now()})`;
  await logIn(page, 'sanne@kring.test', DEMO_PASSWORD);
  await openNotes(page);
  // The demo's pinned notes come first.
  await expect(page.locator('li.note').first()).toHaveClass(/pinned/);
  await waitForHydration(page);
  await expectNoAxeViolationsInBothThemes(page);

  await page.getByRole('link', { name: 'Notitie toevoegen' }).click();
  await expect(page.getByRole('heading', { name: 'Nieuwe notitie' })).toBeVisible();
  await waitForHydration(page);
  await page.getByLabel('Titel').fill(title);
  await page.getByLabel('Tekst', { exact: true }).fill('Tandarts Smit, controle elk half jaar.');
  await page.getByLabel('Telefoonnummer').fill('030 - 244 55 66');
  await page.getByLabel('Adres').fill('Oudegracht 100\n3511 AX Utrecht');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByRole('status').filter({ hasText: `De notitie ‘${title}’ is opgeslagen.` })).toBeVisible();
  await expect(page).toHaveURL(/\/notities#notitie-\d+$/);
  const note = noteTitled(page, title);
  await expect(note.getByRole('link', { name: '030 - 244 55 66' })).toHaveAttribute('href', 'tel:0302445566');
  await expect(note.getByRole('link', { name: /Op de kaart/ })).toHaveAttribute('href', 'geo:0,0?q=Oudegracht+100+3511+AX+Utrecht');
  await expectNoSidewaysScroll(page);
  await logOut(page);

  await logIn(page, 'marieke@kring.test', DEMO_PASSWORD);
  await openNotes(page);
  const seen = noteTitled(page, title);
  await expect(seen.getByText('Gewijzigd door Sanne de Wit')).toBeVisible();
  await seen.getByRole('link', { name: `Wijzigen: ${title}` }).click();
  await expect(page.getByRole('heading', { name: 'Notitie wijzigen' })).toBeVisible();
  await waitForHydration(page);
  await expect(page.getByLabel('Telefoonnummer')).toHaveValue('030 - 244 55 66');
  await page.getByLabel('Bovenaan vastzetten').check();
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByRole('status').filter({ hasText: `De notitie ‘${title}’ is opgeslagen.` })).toBeVisible();
  const pinned = noteTitled(page, title);
  await expect(pinned.getByText('Vastgezet')).toBeVisible();
  await expect(pinned.getByText('Gewijzigd door Marieke Bakker')).toBeVisible();

  // Deleting takes a second step.
  await pinned.getByRole('link', { name: `Wijzigen: ${title}` }).click();
  await waitForHydration(page);
  await page.locator('summary').filter({ hasText: `Verwijderen – ${title}` }).click();
  await expect(page.getByText(`De notitie ‘${title}’ verdwijnt voor iedereen.`)).toBeVisible();
  await page.getByRole('button', { name: 'Ja, verwijder deze notitie' }).click();
  await expect(page.getByRole('status').filter({ hasText: `De notitie ‘${title}’ is verwijderd.` })).toBeVisible();
  await expect(page.getByRole('heading', { name: title })).toHaveCount(0);
});

test('the home-care nurse has no Notities; the trusted member writes a chapter of Mijn verhaal and the nurse reads and prints it', async ({ page }, testInfo) => {
  const line = `Op zondag luister ik naar de kerkdienst op de radio (${testInfo.project.name} ${Date.now()}).`;
  await logIn(page, 'pieter@kring.test', DEMO_PASSWORD);
  await openSection(page, 'Mijn verhaal');
  await expect(page.getByRole('heading', { name: 'Mijn verhaal', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Mijn jeugd' })).toBeVisible();
  await waitForHydration(page);
  await expectNoAxeViolationsInBothThemes(page);
  await page.getByRole('link', { name: /^(Schrijven|Wijzigen): Wat voor mij belangrijk is$/ }).click();
  await expect(page.getByRole('heading', { name: 'Wat voor mij belangrijk is', level: 1 })).toBeVisible();
  await waitForHydration(page);
  await page.getByLabel('Wat voor mij belangrijk is').fill(`Geloof is voor mij belangrijk.\n${line}`);
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByRole('status').filter({ hasText: '‘Wat voor mij belangrijk is’ is opgeslagen.' })).toBeVisible();
  await expect(page).toHaveURL(/\/mijn-verhaal#belangrijk$/);
  await expect(page.getByText(line)).toBeVisible();
  // A photo with its caption, through a plain form.
  const caption = `Onze trouwdag, 1961 (${testInfo.project.name})`;
  await page.getByLabel('Kies een foto').setInputFiles({ name: 'trouwdag.png', mimeType: 'image/png', buffer: PIXEL_PNG });
  await page.getByLabel('Bijschrift').fill(caption);
  await page.getByRole('button', { name: 'Foto toevoegen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'De foto is opgeslagen.' })).toBeVisible();
  await expect(page.getByRole('img', { name: caption })).toBeVisible();
  // The earlier versions are kept and can be read back.
  await page.getByRole('link', { name: 'Wijzigen: Mijn werk' }).click();
  await expect(page.getByRole('heading', { name: 'Eerdere versies' })).toBeVisible();
  await expectNoAxeViolations(page);
  await logOut(page);

  await logIn(page, 'fatima@delinde.test', DEMO_PASSWORD);
  await expect(page.getByRole('navigation', { name: 'Hoofdmenu' })).toBeVisible();
  await page.goto('/zorgpagina/1/mijn-verhaal');
  await expect(page.getByText(line)).toBeVisible();
  await expect(page.getByRole('link', { name: /^(Schrijven|Wijzigen):/ })).toHaveCount(0);
  await expect(page.getByRole('img', { name: caption })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Foto toevoegen' })).toHaveCount(0);
  const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });
  await expect(menu.getByRole('link', { name: 'Notities' })).toHaveCount(0);
  await waitForHydration(page);
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'Print mijn verhaal' }).click();
  await expect(page.getByRole('heading', { name: 'Het verhaal van Johanna Bakker' })).toBeVisible();
  await expect(page.getByText(line)).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('banner')).toBeHidden();
  const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
  const pages = pdf.match(/\/Type\s*\/Page(?![s\w])/g) ?? [];
  expect(pages.length, 'printed pages').toBe(1);
  const [, width, height] = pdf.match(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/)!;
  expect(Number(height), 'portrait').toBeGreaterThan(Number(width));
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a phone number that is no number is refused beside its field and what was typed stays', async ({ page }, testInfo) => {
    const title = `Buurman Jan (${testInfo.project.name} ${Date.now()})`;
    await logIn(page, 'pieter@kring.test', DEMO_PASSWORD);
    await page.goto('/zorgpagina/1/notities/nieuw');
    await page.getByLabel('Titel').fill(title);
    await page.getByLabel('Tekst', { exact: true }).fill('Heeft een reservesleutel.');
    await page.getByLabel('Telefoonnummer').fill('bel maar aan');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expect(page.getByLabel('Telefoonnummer')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Telefoonnummer')).toHaveAccessibleDescription(/telefoonnummer/i);
    await expect(page.getByLabel('Titel')).not.toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Titel')).toHaveValue(title);
    await expect(page.getByLabel('Tekst', { exact: true })).toHaveValue('Heeft een reservesleutel.');
    await page.getByLabel('Telefoonnummer').fill('06 1234 5678');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expect(page.getByRole('status').filter({ hasText: `De notitie ‘${title}’ is opgeslagen.` })).toBeVisible();
    await expect(noteTitled(page, title).getByRole('link', { name: '06 1234 5678' })).toHaveAttribute('href', 'tel:0612345678');
  });
});
