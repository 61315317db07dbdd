import { expect, test, type Page } from '@playwright/test';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { dataDir } from '../playwright.config';
import { DEMO_PASSWORD, expectNoAxeViolations, expectNoAxeViolationsInBothThemes, expectNoSidewaysScroll, logIn, waitForHydration, openSection } from './helpers';

// The demo numbers; Pieter's may have been changed by the profile test.
const PIETER = ['+31623456789', '+31611112222'];
const MARIEKE = ['+31612345678'];

/** The code in the newest dossier SMS to one of `numbers`, sent after `since`. */
async function dossierCode(numbers: string[], since: number): Promise<string> {
  const outbox = path.join(dataDir, 'outbox');
  let code: string | undefined;
  await expect
    .poll(() => {
      const texts = fs.readdirSync(outbox).filter((f) => f.endsWith('.sms')).sort()
        .filter((f) => fs.statSync(path.join(outbox, f)).mtimeMs >= since)
        .map((f) => fs.readFileSync(path.join(outbox, f), 'utf8'))
        .filter((text) => numbers.some((n) => text.startsWith(`To: ${n}\n`)) && text.includes('dossier'));
      code = texts.at(-1)?.match(/\b(\d{6})\b/)?.[1];
      return Boolean(code);
    }, { message: `a dossier SMS to ${numbers}` })
    .toBe(true);
  return code!;
}

/** Opens the dossier from the navigation with a fresh code, as a person would. */
async function openDossier(page: Page, numbers: string[]) {
  await openSection(page, 'Dossier');
  await expect(page.getByRole('heading', { name: 'Dossier van Johanna' })).toBeVisible();
  await waitForHydration(page);
  await expectNoAxeViolations(page);
  const since = Date.now() - 1000;
  await page.getByRole('button', { name: 'Stuur mij een code' }).click();
  const field = page.getByLabel('Code uit de sms');
  await expect(field).toHaveAttribute('autocomplete', 'one-time-code');
  await field.fill(await dossierCode(numbers, since));
  await page.getByRole('button', { name: 'Open het dossier' }).click();
  await expect(page.getByRole('heading', { name: 'Zorgplan', level: 2 })).toBeVisible();
}

test('the trusted member opens the dossier with a code, reads the charts and downloads the care plan', async ({ page }) => {
  // The open dossier's screens come alive in the browser too (no hydration error).
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().includes('Failed to load resource')) errors.push(m.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await logIn(page, 'pieter@kring.test', DEMO_PASSWORD);
  await openDossier(page, PIETER);
  await expect(page.getByRole('heading', { name: 'Lichamelijk welbevinden' })).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download als PDF' }).click();
  expect((await download).suggestedFilename()).toMatch(/^zorgplan-.*\.pdf$/);
  await expectNoAxeViolations(page);

  await page.getByRole('navigation', { name: 'Onderdelen van het dossier' }).getByRole('link', { name: 'Meetwaarden' }).click();
  await page.getByRole('link', { name: '1 jaar' }).click();
  const pressure = page.getByRole('img', { name: /Bloeddruk.*Laatste meting/ });
  await expect(pressure).toBeVisible();
  await expect(page.getByRole('img', { name: /Gewicht.*Laatste meting/ })).toBeVisible();
  // Values out of range are listed under the chart, not only coloured in it.
  const pressureChart = page.getByRole('region', { name: /Bloeddruk/ });
  await expect(pressureChart.getByRole('heading', { name: 'Buiten de grens' })).toBeVisible();
  await pressureChart.getByText('Toon als tabel').click();
  await expect(pressureChart.getByRole('table')).toBeVisible();
  await expect(pressureChart.getByRole('cell', { name: /mmHg/ }).first()).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Contrast' }).click();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Contrast' }).click();

  await page.getByRole('navigation', { name: 'Onderdelen van het dossier' }).getByRole('link', { name: 'Rapportages' }).click();
  await expect(page.getByRole('heading', { name: 'Rapportages', level: 2 })).toBeVisible();
  await expect(page.getByText('Geschreven door Fatima El Amrani, Thuiszorg De Linde').first()).toBeVisible();
  await waitForHydration(page);
  expect(errors).toEqual([]);

  // At the largest text size on a 320 px phone every dossier screen reflows,
  // the chart's table open too. (The cookie alone: the demo account, shared
  // with other tests, keeps its own choice.)
  await page.context().addCookies([{ name: 'kring_tekstgrootte', value: '2', url: page.url() }]);
  await page.setViewportSize({ width: 320, height: 640 });
  for (const part of ['/zorgplan', '/rapportages', '/meetwaarden?periode=1j']) {
    await page.goto(`/zorgpagina/1/dossier${part}`);
    await expect(page.locator('html')).toHaveClass('text-larger');
    await expectNoSidewaysScroll(page);
  }
  await page.getByRole('region', { name: /Bloeddruk/ }).first().getByText('Toon als tabel').click();
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page);
});

test('a helper has no Dossier link and is refused by address', async ({ page }) => {
  await logIn(page, 'sanne@kring.test', DEMO_PASSWORD);
  await expect(page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Kalender' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Dossier' })).toHaveCount(0);
  const id = new URL(page.url()).pathname.match(/\/zorgpagina\/(\d+)/)?.[1] ?? '1';
  await page.goto(`/zorgpagina/${id}/dossier/meetwaarden`);
  await expect(page.getByRole('alert')).toContainText('Niet gevonden');
  await expect(page.getByRole('img')).toHaveCount(0);
});

test('the admin sees who looked in the dossier', async ({ page }) => {
  await logIn(page, 'marieke@kring.test', DEMO_PASSWORD);
  await openDossier(page, MARIEKE);
  await page.getByRole('link', { name: 'Wie keek in het dossier' }).click();
  await expect(page.getByRole('heading', { name: 'Wie keek in het dossier', level: 2 })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: 'Pieter Bakker' }).filter({ hasText: 'Meetwaarden bekeken' });
  await expect(row.first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Download als CSV' })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('the nurse adds a medicine behind the door and prints the medication overview on one A4 page', async ({ page }, testInfo) => {
  const name = `Vitamine D (${testInfo.project.name} ${Date.now()})`;
  await logIn(page, 'fatima@delinde.test', DEMO_PASSWORD);
  await expect(page.getByRole('navigation', { name: 'Hoofdmenu' })).toBeVisible();
  await page.goto('/zorgpagina/1/dossier/medicijnen');
  await expect(page.getByRole('heading', { name: 'Dossier van Johanna' })).toBeVisible();
  // Behind the door: not one medicine's name before the code.
  await expect(page.getByText('Metoprolol')).toHaveCount(0);
  await waitForHydration(page);
  const since = Date.now() - 1000;
  await page.getByRole('button', { name: 'Stuur mij een code' }).click();
  await page.getByLabel('Code uit de sms').fill(await dossierCode(['+31634567890'], since));
  await page.getByRole('button', { name: 'Open het dossier' }).click();
  await expect(page.getByRole('heading', { name: 'Nu in gebruik' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Metoprolol' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Gestopt' })).toBeVisible();
  await expectNoAxeViolationsInBothThemes(page);

  await page.getByRole('link', { name: 'Medicijn toevoegen' }).click();
  await expect(page.getByRole('heading', { name: 'Medicijn toevoegen' })).toBeVisible();
  await waitForHydration(page);
  await page.getByLabel('Naam van het medicijn').fill(name);
  await page.getByLabel('Sterkte').fill('10 µg');
  await page.getByLabel('Dosering').fill('1 tablet');
  await page.getByLabel('Wanneer').fill("'s ochtends");
  await page.getByLabel('Met eten?').selectOption({ label: 'Met eten' });
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${name} is opgeslagen.` })).toBeVisible();
  const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name }) });
  await expect(item.getByText('10 µg · 1 tablet')).toBeVisible();
  await expect(item.getByText(/Gewijzigd door Fatima El Amrani/)).toBeVisible();
  await expectNoSidewaysScroll(page);

  await page.getByRole('link', { name: 'Medicatieoverzicht afdrukken' }).click();
  await expect(page.getByRole('heading', { name: 'Medicatieoverzicht van Johanna Bakker' })).toBeVisible();
  await expect(page.getByRole('cell', { name })).toBeVisible();
  await expect(page.getByText('Afgedrukt op')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('banner')).toBeHidden();
  const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
  const pages = pdf.match(/\/Type\s*\/Page(?![s\w])/g) ?? [];
  expect(pages.length, 'printed pages').toBe(1);
  const [, width, height] = pdf.match(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/)!;
  expect(Number(height), 'portrait').toBeGreaterThan(Number(width));
});
