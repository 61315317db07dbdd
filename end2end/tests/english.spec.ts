import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, expectNoAxeViolations, expectNoSidewaysScroll, waitForHydration } from './helpers';

// A browser that asks for English: the visitor reads English at once; a
// member whose account still reads Dutch changes it with one tap in the
// header, and the main journeys (calendar, messages, profile) then speak
// English, with axe clean in both themes and at the largest text size.
test.use({ locale: 'en-GB' });

/** Back to how the other tests expect the shared demo admin: Dutch, normal text, normal contrast. */
async function backToDutch(page: Page) {
  await page.goto('/help');
  await waitForHydration(page);
  const html = page.locator('html');
  if ((await html.getAttribute('lang')) === 'en') {
    await page.getByRole('button', { name: 'Nederlands' }).click();
    await expect(html).toHaveAttribute('lang', 'nl');
    await waitForHydration(page);
  }
  for (let tries = 0; tries < 3 && ((await html.getAttribute('class')) ?? '') !== ''; tries++) {
    const size = (await html.getAttribute('class')) ?? '';
    await page.getByRole('button', { name: /^Tekst: / }).click();
    await expect(html).not.toHaveClass(size);
  }
  const contrast = page.getByRole('button', { name: 'Contrast' });
  if ((await contrast.getAttribute('aria-pressed')) === 'true') {
    await contrast.click();
    await expect(contrast).toHaveAttribute('aria-pressed', 'false');
  }
}

test('the main journeys in English on a phone', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'telefoon', 'one English run, on a phone viewport');
  const html = page.locator('html');

  // A visitor: English from the first response, before any script runs.
  await page.goto('/');
  await expect(html).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { name: 'Welcome to Kring' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('main').getByRole('link', { name: 'Log in' }).click();
  await page.getByLabel('E-mail address').fill('marieke@kring.test');
  await page.getByLabel('Password', { exact: true }).fill('not the password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The e-mail address or the password is not right' })).toBeVisible();
  // What was typed stays.
  await expect(page.getByLabel('E-mail address')).toHaveValue('marieke@kring.test');
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();

  // Her account reads Dutch; one tap in the header changes that.
  await expect(page.getByRole('heading', { name: "Johanna's zorgpagina" })).toBeVisible();
  await waitForHydration(page);
  try {
    await page.getByRole('button', { name: 'English' }).click();
    await expect(html).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { name: "Johanna's care page" })).toBeVisible();
    await expect(page.getByRole('status')).toContainText('Kring now speaks English to you.');
    await waitForHydration(page);
    const menu = page.getByRole('navigation', { name: 'Main menu' });

    // Calendar: a mistake answered in English, then saved.
    const title = `Dentist (${Date.now()})`;
    await menu.getByRole('link', { name: 'Calendar' }).click();
    await expect(page.getByRole('heading', { name: /^Calendar Week \d+/ })).toBeVisible();
    await expect(page.getByText(/^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d+ [A-Z][a-z]+/).first()).toBeVisible();
    await waitForHydration(page);
    await page.getByRole('link', { name: /Add appointment/ }).click();
    await expect(page.getByRole('heading', { name: 'Add appointment' })).toBeVisible();
    await waitForHydration(page);
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('Start time').fill('10:00');
    await page.getByLabel('End time').fill('09:00');
    await page.getByRole('button', { name: 'Save appointment' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'The end time must be after the start time' })).toBeVisible();
    await expect(page.getByLabel('End time')).toHaveAccessibleDescription(/after the start time/);
    await expect(page.getByLabel('Title')).toHaveValue(title);
    await page.getByLabel('End time').fill('11:00');
    await page.getByRole('button', { name: 'Save appointment' }).click();
    await expect(page.getByRole('status').filter({ hasText: `Appointment saved: ${title},` })).toBeVisible();
    await expectNoAxeViolations(page);

    // Messages: a new thread.
    const subject = `Soup on Wednesday (${Date.now()})`;
    await menu.getByRole('link', { name: 'Messages' }).click();
    await waitForHydration(page);
    await page.getByRole('link', { name: 'New message' }).click();
    await waitForHydration(page);
    await page.getByLabel('Subject').fill(subject);
    await page.getByLabel('Message', { exact: true }).fill('Who brings soup on Wednesday?');
    await expect(page.getByLabel(/^With all family carers/)).toBeChecked();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByRole('heading', { name: subject })).toBeVisible();
    await expect(page.getByText('Visible to all family carers').first()).toBeVisible();

    // Profile: a number saved, said in English.
    // On a phone the profile is under "More".
    await menu.getByText('More').click();
    await menu.getByRole('link', { name: 'Profile' }).click();
    await expect(page.getByRole('heading', { name: 'Profile', level: 1 })).toBeVisible();
    await waitForHydration(page);
    await page.getByLabel('Phone number').fill('030 765 43 21');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
    await expectNoAxeViolations(page);

    // Both themes and the largest text, still clean and without sideways scrolling.
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Calendar' }).click();
    await waitForHydration(page);
    await page.getByRole('button', { name: 'Contrast' }).click();
    await expect(page.getByRole('button', { name: 'Contrast' })).toHaveAttribute('aria-pressed', 'true');
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: /^Text: normal\. Choose large/ }).click();
    await expect(html).toHaveClass('text-large');
    await page.getByRole('button', { name: /^Text: large\. Choose larger/ }).click();
    await expect(html).toHaveClass('text-larger');
    await expectNoAxeViolations(page);
    await page.setViewportSize({ width: 320, height: 640 });
    for (const path of ['/zorgpagina/1', '/zorgpagina/1/kalender', '/zorgpagina/1/berichten', '/zorgpagina/1/profiel', '/account']) {
      await page.goto(path);
      await expect(html, path).toHaveAttribute('lang', 'en');
      await expectNoSidewaysScroll(page);
    }
    // Mijn gegevens names both languages, each in itself.
    await expect(page.getByRole('heading', { name: 'Language' })).toBeVisible();
    await expect(page.getByLabel('English')).toBeChecked();
    await expect(page.getByLabel('Nederlands')).not.toBeChecked();
  } finally {
    await backToDutch(page);
  }
  await expect(html).toHaveAttribute('lang', 'nl');
});
