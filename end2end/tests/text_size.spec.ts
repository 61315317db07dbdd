import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, expectNoAxeViolations, expectNoSidewaysScroll, logIn, waitForHydration } from './helpers';

// Beside Contrast: three text sizes, each tap one step larger. At the
// largest (24 px), every page still reflows on a 320 px screen (WCAG 1.4.4
// and 1.4.10), and the choice is painted by the server on every page.
test('three text sizes, kept across pages, and the largest reflows at 320 px', async ({ page }) => {
  await logIn(page, 'marieke@kring.test', DEMO_PASSWORD);
  await expect(page.getByRole('heading', { name: "Johanna's zorgpagina" })).toBeVisible();
  await waitForHydration(page);
  const html = page.locator('html');
  // The demo account is shared (the phone and desktop runs of this test use
  // it at once): start from normal, whatever the last login brought along.
  const backToNormal = async () => {
    for (let tries = 0; tries < 3; tries++) {
      const size = (await html.getAttribute('class')) ?? '';
      if (size === '') return;
      await page.getByRole('button', { name: /^Tekst: / }).click();
      await expect(html).not.toHaveClass(size);
    }
  };
  await backToNormal();
  try {
    await page.getByRole('button', { name: /^Tekst: normaal\. Kies voor groot/ }).click();
    await expect(html).toHaveClass('text-large');
    await page.getByRole('button', { name: /^Tekst: groot\. Kies voor groter/ }).click();
    await expect(html).toHaveClass('text-larger');
    const px = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    expect(px).toBeGreaterThanOrEqual(24);

    await page.setViewportSize({ width: 320, height: 640 });
    for (const path of ['/zorgpagina/1', '/zorgpagina/1/kalender', '/zorgpagina/1/berichten', '/zorgpagina/1/connecties', '/zorgpagina/1/profiel', '/account', '/help']) {
      await page.goto(path);
      await expect(html, path).toHaveClass('text-larger');
      await expect(page.getByRole('button', { name: /^Tekst: groter/ })).toBeVisible();
      await expectNoSidewaysScroll(page);
    }
    await page.goto('/zorgpagina/1/kalender');
    await expectNoAxeViolations(page);
  } finally {
    // Back to normal for the other tests that log in as the demo admin.
    await page.goto('/help');
    await waitForHydration(page);
    await backToNormal();
  }
  await expect(html).not.toHaveClass(/text-/);
});
