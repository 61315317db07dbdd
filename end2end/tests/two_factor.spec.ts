import { expect, test, type Page } from '@playwright/test';
import * as crypto from 'node:crypto';
import { expectNoAxeViolations, linkFromOutbox, logIn, uniqueEmail, waitForHydration } from './helpers';

/** RFC 4648 base32, as the secret is shown for typing. */
function base32Decode(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of text.replace(/\s+/g, '').toUpperCase()) {
    bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  }
  const bytes: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** What an authenticator app shows (RFC 6238, SHA-1, 30 s, six digits), `offset` steps from now. */
function appCode(secret: Buffer, offset: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30000) + offset));
  const digest = crypto.createHmac('sha1', secret).update(counter).digest();
  const at = digest[19] & 0x0f;
  const value = (digest.readUInt32BE(at) & 0x7fffffff) % 1_000_000;
  return value.toString().padStart(6, '0');
}

async function register(page: Page, email: string, password: string) {
  await page.goto('/registreren');
  // Sent before the page is taken over, the form goes the plain way, which says it differently.
  await waitForHydration(page);
  await page.getByLabel('Voornaam').fill('Bram');
  await page.getByLabel('Achternaam').fill('Jansen');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Ik ga akkoord met de voorwaarden').check();
  await page.getByRole('button', { name: 'Start met Kring' }).click();
  await expect(page.getByRole('status')).toContainText('We hebben je een e-mail gestuurd');
  await page.goto(await linkFromOutbox(email, '/account/bevestigen'));
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  await page.getByLabel('Herhaal het wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
  await expect(page.getByRole('heading', { name: "Jouw zorgpagina's" })).toBeVisible();
}

test('an authenticator app: set up in Mijn gegevens, then every login asks for its code', async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo, 'bram');
  const password = 'groene tram naar het strand';
  await register(page, email, password);

  await page.goto('/account');
  await waitForHydration(page);
  await expect(page.getByRole('heading', { name: 'Tweestapsverificatie' })).toBeVisible();
  await page.getByLabel('Een code uit een app op mijn telefoon (authenticator)').check();
  await page.getByLabel('Je wachtwoord, om tweestapsverificatie in te stellen').fill(password);
  await page.getByRole('button', { name: 'Instellen' }).click();
  await expect(page.getByRole('img', { name: 'QR-code om in je authenticator-app te scannen' })).toBeVisible();
  // The section has loaded again with the setup: nothing is still on its way.
  await page.waitForLoadState('networkidle');
  await expectNoAxeViolations(page);
  const secret = base32Decode((await page.locator('code.secret').textContent()) ?? '');
  await page.getByLabel('Code', { exact: true }).fill(appCode(secret, 0));
  await page.getByRole('button', { name: 'Bevestigen', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Bewaar deze herstelcodes' })).toBeVisible();
  await expect(page.locator('.recovery-codes li')).toHaveCount(10);
  const recoveryCodes = await page.locator('.recovery-codes li').allTextContents();
  const recovery = recoveryCodes[0];

  // Log out; the password alone no longer opens the account.
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await logIn(page, email, password);
  await expect(page.getByRole('heading', { name: 'Inloggen: tweede stap' })).toBeVisible();
  await expectNoAxeViolations(page);
  // Six digits open the phone's number pad and take the code the phone offers.
  await expect(page.getByLabel('Code', { exact: true })).toHaveAttribute('inputmode', 'numeric');
  await expect(page.getByLabel('Code', { exact: true })).toHaveAttribute('autocomplete', 'one-time-code');
  await page.getByLabel('Code', { exact: true }).fill('000000');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page.getByRole('alert')).toContainText('Deze code klopt niet');
  await page.getByLabel('Code', { exact: true }).fill(appCode(secret, 1));
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page.getByRole('heading', { name: "Jouw zorgpagina's" })).toBeVisible();

  // A lost phone: a recovery code opens once.
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await logIn(page, email, password);
  await expect(page.getByRole('heading', { name: 'Inloggen: tweede stap' })).toBeVisible();
  await page.getByText('Telefoon kwijt? Gebruik een herstelcode').click();
  await expect(page.getByLabel('Herstelcode', { exact: true })).not.toHaveAttribute('inputmode', 'numeric');
  await page.getByLabel('Herstelcode', { exact: true }).fill(recovery);
  await page.getByLabel('Herstelcode', { exact: true }).press('Enter');
  await expect(page.getByRole('heading', { name: "Jouw zorgpagina's" })).toBeVisible();

  // Changing the password asks for a code again, not only the password.
  await page.goto('/account');
  await waitForHydration(page);
  const newPassword = 'blauwe fiets langs de gracht';
  const changePassword = async () => {
    await page.getByLabel('Huidig wachtwoord').fill(password);
    await page.getByLabel('Nieuw wachtwoord').fill(newPassword);
    await page.getByLabel('Herhaal het wachtwoord').fill(newPassword);
    await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
  };
  await changePassword();
  await expect(page.getByRole('alert').filter({ hasText: 'Bevestig eerst' })).toBeVisible();
  await page.getByText('Telefoon kwijt? Gebruik een herstelcode').click();
  await page.getByLabel('Herstelcode', { exact: true }).fill(recoveryCodes[1]);
  await page.getByLabel('Herstelcode', { exact: true }).press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Bevestigd. Je kunt nog 10 minuten' })).toBeVisible();
  await expectNoAxeViolations(page);
  await changePassword();
  await expect(page.getByRole('status').filter({ hasText: 'Je wachtwoord is gewijzigd' })).toBeVisible();
});

test.describe('without JavaScript', () => {
  test('setting up an app shows the recovery codes after the plain form', async ({ browser }, testInfo) => {
    const email = uniqueEmail(testInfo, 'kees');
    const password = 'rode kool met appeltjes';
    const withScript = await browser.newContext();
    await register(await withScript.newPage(), email, password);
    await withScript.close();

    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await logIn(page, email, password);
    await expect(page.getByRole('heading', { name: "Jouw zorgpagina's" })).toBeVisible();
    await page.goto('/account');
    await page.getByLabel('Een code uit een app op mijn telefoon (authenticator)').check();
    await page.getByLabel('Je wachtwoord, om tweestapsverificatie in te stellen').fill(password);
    await page.getByRole('button', { name: 'Instellen' }).click();
    const secret = base32Decode((await page.locator('code.secret').textContent()) ?? '');
    await page.getByLabel('Code', { exact: true }).fill(appCode(secret, 0));
    await page.getByRole('button', { name: 'Bevestigen', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Bewaar deze herstelcodes' })).toBeVisible();
    await expect(page.locator('.recovery-codes li')).toHaveCount(10);
    // Shown once: they are not kept for a later visit.
    await page.reload();
    await expect(page.getByText('Staat aan: Een code uit een app')).toBeVisible();
    await expect(page.locator('.recovery-codes li')).toHaveCount(0);
    await context.close();
  });
});
