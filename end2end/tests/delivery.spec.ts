import { expect, test, type Response } from '@playwright/test';
import { waitForHydration } from './helpers';

// What the browser downloads: the bundle compressed and kept for a year under
// a name that changes with its content; pages compressed and never kept.

/** Every answer the page receives for `/pkg/…`. */
function watch(page: import('@playwright/test').Page) {
  const bundle: Response[] = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.startsWith('/pkg/')) bundle.push(response);
  });
  return bundle;
}

test('the bundle comes compressed and is kept, the page is compressed and not kept', async ({ page }) => {
  const bundle = watch(page);
  const answer = await page.goto('/inloggen');
  const headers = await answer!.allHeaders();
  expect(headers['content-encoding']).toBe('br');
  expect(headers['cache-control']).toBe('no-store');
  await waitForHydration(page);

  const kinds = bundle.map((response) => new URL(response.url()).pathname.split('.').pop());
  expect(kinds).toEqual(expect.arrayContaining(['css', 'js', 'wasm']));
  for (const response of bundle) {
    const name = new URL(response.url()).pathname;
    const headers = await response.allHeaders();
    // A hash of the content in every name: kring.<hash>.wasm.
    expect(name, 'a hashed name').toMatch(/\.[A-Za-z0-9_-]{16,}\.(css|js|wasm)$/);
    expect(headers['cache-control'], name).toBe('public, max-age=31536000, immutable');
    // The test build has no precompressed copies and its WASM (20 MB, debug) is
    // not compressed on each request; a release's is (integration test
    // static_files::the_builds_compressed_copies_go_out_…).
    expect(headers['content-encoding'], name).toBe(name.endsWith('.wasm') ? undefined : 'br');
  }
});

test('the page asks for its part of the bundle at once, and each file comes once', async ({ page }) => {
  const asked: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/pkg/')) asked.push(path);
  });
  const answer = await page.goto('/inloggen');
  // The Link header names the style sheet, the main files, the loader and the
  // part's modules (app/src/shell/assets.rs).
  const named = [...((await answer!.allHeaders())['link'] ?? '').matchAll(/<([^>]+)>/g)].map((m) => m[1]);
  expect(named.length, 'the part of the bundle, in the Link header').toBeGreaterThan(3);
  await waitForHydration(page);
  expect(asked).toEqual(expect.arrayContaining(named));
  // A preload the page's own loader could not use would be fetched twice.
  const twice = asked.filter((path, i) => asked.indexOf(path) !== i);
  expect(twice, 'files fetched twice').toEqual([]);
});
