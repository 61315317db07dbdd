// What a phone downloads and how long it waits: the browser half of
// `scripts/bench`. Usage: node bench/phone.mjs BASE_URL EMAIL PASSWORD PAGE_ID
//
// Every view starts with an empty cache (a new browser context), logged in
// except for the login page.
// Prints one JSON object:
// - routes: per section of the care page, the bytes on the wire (as sent,
//   compressed) of everything the view loaded, and of its JavaScript and WASM;
// - phone: the week page on an emulated mid-range phone over slow 4G
//   (1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip, CPU 4× slower):
//   first paint, and when the browser had taken the page over (hydrated);
//   the middle of three runs.
import { chromium, devices } from '@playwright/test';

const [base, email, password, pageId] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});

// Inloggen is a visitor's first screen (logged out); Overzicht is where every
// login lands.
const ROUTES = {
  Inloggen: '/inloggen',
  Overzicht: `/zorgpagina/${pageId}`,
  Kalender: `/zorgpagina/${pageId}/kalender`,
  Berichten: `/zorgpagina/${pageId}/berichten`,
  Dossier: `/zorgpagina/${pageId}/dossier`,
  Meetwaarden: `/zorgpagina/${pageId}/dossier/meetwaarden`,
};

/** A phone with an empty cache, logged in through the login form's own endpoint (not for Inloggen). */
async function phoneFor(path) {
  const context = await browser.newContext({ ...devices['Pixel 7'], baseURL: base, serviceWorkers: 'block' });
  if (path === ROUTES.Inloggen) return context;
  const answer = await context.request.post('/api/login', {
    form: { email, password },
    headers: { Origin: base },
    maxRedirects: 0,
  });
  if (answer.status() >= 400) throw new Error(`login failed: ${answer.status()}`);
  return context;
}

/** Opens `path` and counts the bytes on the wire until the page is hydrated. */
async function view(path, { slow = false } = {}) {
  const context = await phoneFor(path);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (slow) {
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 150,
      downloadThroughput: (1.6 * 1000 * 1000) / 8,
      uploadThroughput: (750 * 1000) / 8,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  }
  const urls = new Map();
  let all = 0;
  let code = 0;
  let files = 0;
  cdp.on('Network.responseReceived', (event) => urls.set(event.requestId, event.response.url));
  cdp.on('Network.loadingFinished', (event) => {
    all += event.encodedDataLength;
    const url = urls.get(event.requestId) ?? '';
    if (/\.(wasm|js)$/.test(new URL(url, base).pathname)) {
      code += event.encodedDataLength;
      files += 1;
    }
  });
  const started = Date.now();
  await page.goto(path);
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true', null, { timeout: 120_000 });
  const hydrated = Date.now() - started;
  // What the screen needed: counted when it came alive, before the browser
  // fetches the neighbouring part of the bundle in the background.
  const counted = { bytes: all, code_bytes: code, code_files: files };
  await page.waitForLoadState('networkidle');
  const firstPaint = await page.evaluate(() =>
    performance.getEntriesByType('paint').find((entry) => entry.name === 'first-contentful-paint')?.startTime ?? null);
  await context.close();
  return { ...counted, first_paint_ms: firstPaint && Math.round(firstPaint), hydrated_ms: hydrated };
}

const routes = {};
for (const [name, path] of Object.entries(ROUTES)) routes[name] = await view(path);
// The middle one of three runs on the slow phone.
const runs = [];
for (let run = 0; run < 3; run++) runs.push(await view(ROUTES.Kalender, { slow: true }));
const phone = runs.sort((a, b) => a.hydrated_ms - b.hydrated_ms)[1];
await browser.close();
console.log(JSON.stringify({ routes, phone }));
