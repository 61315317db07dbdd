import { chromium, devices } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
const ctx = await browser.newContext({ ...devices['Pixel 7'], locale: 'nl-NL' });
const page = await ctx.newPage();
await page.goto('http://127.0.0.1:3200/inloggen');
await page.getByLabel('E-mailadres').fill(process.argv[2] || 'marieke@kring.test');
await page.getByLabel('Wachtwoord', { exact: true }).fill('zonnebloem-op-dinsdag');
await page.getByRole('button', { name: 'Inloggen' }).click();
await page.waitForURL(/zorgpagina/);
for (const sel of ['.header-buttons', 'nav.sections', 'h1', '.site-header']) {
  console.log(sel, JSON.stringify(await page.locator(sel).first().boundingBox()));
}
await browser.close();
