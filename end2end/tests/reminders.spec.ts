import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, expectNoAxeViolationsInBothThemes, logIn, openSection, waitForHydration } from './helpers';

// "E-mail van Kring" in Mijn gegevens: per care page, which mails come.
test('a member chooses which mails come for a page, and the choice stays', async ({ page }, testInfo) => {
  // An account per viewport: both runs share one demo database.
  const email = testInfo.project.name === 'desktop' ? 'pieter@kring.test' : 'sanne@kring.test';
  await logIn(page, email, DEMO_PASSWORD);
  await openSection(page, 'Mijn gegevens');
  const section = page.getByRole('region', { name: 'E-mail van Kring' });
  await expect(section).toBeVisible();
  await waitForHydration(page);
  const johanna = section.getByRole('group', { name: 'Johanna Bakker' });
  // The defaults: asked to help and reminded the evening before.
  await expect(johanna.getByLabel(/^Hulpvragen/)).toBeChecked();
  await expect(johanna.getByLabel('Herinnering de dag vóór een afspraak waarbij ik help')).toBeChecked();
  await expect(johanna.getByLabel('Ook een herinnering een week ervoor')).not.toBeChecked();
  await johanna.getByLabel('Ook een herinnering een week ervoor').check();
  await johanna.getByLabel(/in één e-mail per dag/).check();
  await section.getByRole('button', { name: 'E-mails voor Johanna Bakker opslaan' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Je e-mailkeuzes voor Johanna Bakker zijn opgeslagen.' })).toBeVisible();
  await expectNoAxeViolationsInBothThemes(page);

  await page.reload();
  const again = page.getByRole('region', { name: 'E-mail van Kring' }).getByRole('group', { name: 'Johanna Bakker' });
  await expect(again.getByLabel('Ook een herinnering een week ervoor')).toBeChecked();
  await expect(again.getByLabel(/in één e-mail per dag/)).toBeChecked();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the choices save with a plain form and say so', async ({ page }, testInfo) => {
    const email = testInfo.project.name === 'desktop' ? 'pieter@kring.test' : 'sanne@kring.test';
    await logIn(page, email, DEMO_PASSWORD);
    await page.goto('/account');
    const johanna = page.getByRole('region', { name: 'E-mail van Kring' }).getByRole('group', { name: 'Johanna Bakker' });
    await johanna.getByLabel(/in één e-mail per dag/).uncheck();
    await page.getByRole('button', { name: 'E-mails voor Johanna Bakker opslaan' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Je e-mailkeuzes voor Johanna Bakker zijn opgeslagen.' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'E-mail van Kring' }).getByRole('group', { name: 'Johanna Bakker' }).getByLabel(/in één e-mail per dag/)).not.toBeChecked();
  });
});
