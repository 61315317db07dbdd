import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, codeFromSmsOutbox, expectNoAxeViolations, logIn, waitForHydration, openSection, expectSection } from './helpers';

// The smallest PNG: one transparent pixel.
const PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGMAAQAABQABDQottAAAAABJRU5ErkJggg==',
  'base64',
);

test('the admin changes the phone number and the photo; a helper sees them but cannot edit', async ({ page }, testInfo) => {
  // A number per viewport: both runs share one demo page.
  const phone = testInfo.project.name === 'desktop' ? '030 - 999 88 77' : '030 - 111 22 33';
  await logIn(page, 'marieke@kring.test', DEMO_PASSWORD);
  await openSection(page, 'Profiel');
  await expect(page.getByRole('heading', { name: 'Profiel', level: 1 })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: 'Lindelaan 12' })).toBeVisible();
  await waitForHydration(page);
  await expectNoAxeViolations(page);

  await page.getByLabel('Telefoonnummer').fill(phone);
  await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Opgeslagen.' })).toBeVisible();
  await expect(page.getByRole('link', { name: phone })).toBeVisible();

  await page.getByLabel('Kies een foto').setInputFiles({ name: 'oma.png', mimeType: 'image/png', buffer: PIXEL_PNG });
  await page.getByRole('button', { name: 'Foto opslaan' }).click();
  await expect(page).toHaveURL(/\/profiel\?foto=opgeslagen$/);
  await expect(page.getByRole('status').filter({ hasText: 'De foto is opgeslagen.' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Foto van Johanna Bakker' })).toBeVisible();
  await expectNoAxeViolations(page);

  // A text file dressed up as a photo is refused, in Dutch.
  await page.getByLabel('Kies een foto').setInputFiles({ name: 'nep.png', mimeType: 'image/png', buffer: Buffer.from('<svg/>') });
  await page.getByRole('button', { name: 'Foto opslaan' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'geen foto die Kring kan tonen' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Foto van Johanna Bakker' })).toBeVisible();

  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page).toHaveURL(/\/inloggen$/);
  await logIn(page, 'sanne@kring.test', DEMO_PASSWORD);
  await openSection(page, 'Profiel');
  await expect(page.getByRole('img', { name: 'Foto van Johanna Bakker' })).toBeVisible();
  await expect(page.getByRole('link', { name: phone })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Gegevens wijzigen' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Zorgpagina definitief verwijderen' })).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test('a member confirms a mobile number with the code from the SMS', async ({ page }, testInfo) => {
  // An account and number per viewport, so the one-code-a-minute rule does not bite.
  const desktop = testInfo.project.name === 'desktop';
  const email = desktop ? 'pieter@kring.test' : 'sanne@kring.test';
  const [written, international, readable] = desktop
    ? ['06 1111 2222', '+31611112222', '06 11 11 22 22']
    : ['06-33334444', '+31633334444', '06 33 33 44 44'];
  await logIn(page, email, DEMO_PASSWORD);
  await openSection(page, 'Mijn gegevens');
  await expect(page.getByRole('heading', { name: 'Mijn gegevens' })).toBeVisible();
  // Your own settings keep the care page's way around, and say whose page it is.
  await expect(page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Kalender' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Ik zorg voor' })).toContainText('Johanna Bakker');
  await expectSection(page, 'Profiel van Johanna');
  await waitForHydration(page);
  await expectNoAxeViolations(page);

  if (desktop) {
    // Pieter has the demo's confirmed number already: another one is a choice behind a summary.
    await expect(page.getByLabel('Mobiel nummer om te bevestigen')).toBeHidden();
    await page.getByText('Een ander mobiel nummer gebruiken').click();
  }
  await page.getByLabel('Mobiel nummer om te bevestigen').fill(written);
  await page.getByLabel('Je wachtwoord, om het nummer te koppelen').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Code sturen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'De code is verstuurd' })).toBeVisible();
  await expect(page.getByText(`Er is een code gestuurd naar ${readable}`)).toBeVisible();
  // A code of digits opens the phone's number keyboard.
  await expect(page.getByLabel('Code uit de sms')).toHaveAttribute('inputmode', 'numeric');
  await page.getByLabel('Code uit de sms').fill('000000' === (await codeFromSmsOutbox(international)) ? '111111' : '000000');
  await page.getByRole('button', { name: 'Nummer bevestigen' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Deze code klopt niet' })).toBeVisible();
  await page.getByLabel('Code uit de sms').fill(await codeFromSmsOutbox(international));
  await page.getByRole('button', { name: 'Nummer bevestigen' }).click();
  await expect(page.getByText(`Je bevestigde mobiele nummer is ${readable}.`)).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Je mobiele nummer is bevestigd' })).toBeVisible();
  // Confirmed: asking for a number to confirm is no longer the first thing shown.
  await expect(page.getByLabel('Mobiel nummer om te bevestigen')).toBeHidden();
  await expect(page.getByText('Een ander mobiel nummer gebruiken')).toBeVisible();
  await expectNoAxeViolations(page);
});

test('the admin downloads everything on the page; a helper only what she wrote', async ({ page }) => {
  await logIn(page, 'marieke@kring.test', DEMO_PASSWORD);
  await openSection(page, 'Profiel');
  await expect(page.getByRole('heading', { name: 'Gegevens downloaden' })).toBeVisible();
  await expect(page.getByText('Het dossier komt erbij als je het dossier eerst opent')).toBeVisible();
  await waitForHydration(page);
  await expectNoAxeViolations(page);
  const [everything] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Alles downloaden' }).click(),
  ]);
  expect(everything.suggestedFilename()).toMatch(/^kring-alles-\d+-\d{4}-\d{2}-\d{2}\.zip$/);
  const zip = await everything.createReadStream().then(async (stream) => {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  });
  // A ZIP ("PK") that names its parts.
  expect(zip.subarray(0, 2).toString()).toBe('PK');
  expect(zip.includes(Buffer.from('berichten.json'))).toBe(true);
  expect(zip.includes(Buffer.from('index.html'))).toBe(true);
  // The page stays where it was, and the history says who took a copy.
  await expect(page.getByRole('heading', { name: 'Profiel', level: 1 })).toBeVisible();
  await openSection(page, 'Connecties');
  await expect(page.getByText('alles op de pagina gedownload (zonder dossier)').first()).toBeVisible();

  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await logIn(page, 'sanne@kring.test', DEMO_PASSWORD);
  await openSection(page, 'Profiel');
  await expect(page.getByRole('link', { name: 'Alles downloaden' })).toHaveCount(0);
  const [own] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download wat ik schreef' }).click(),
  ]);
  expect(own.suggestedFilename()).toMatch(/^kring-mijn-bijdragen-\d+-/);
});
