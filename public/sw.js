// Kring's service worker: Kring on the home screen, and readable offline.
//
// What it keeps, and only that: a copy of the last viewed Overzicht and week
// of each care page, rendered by the server for this use (the request header
// "kring-offline-copy": marked "Offline – bijgewerkt om …", without messages
// or dossier news, without the browser bundle), and the style sheet and
// icons those copies need. It never answers from a copy while the network
// answers, so a new release is never hidden behind an old bundle; caches are
// named by VERSION and the old ones dropped when a new worker takes over.
// Logging out empties everything (a "forget" message, and the server's
// Clear-Site-Data answer); so does a session that expired while idle: each
// copy says until when it may be shown ("kring-copy-until", the moment the
// session that fetched it ends when left alone), and past it every copy goes.

const VERSION = 'kring-2026-12-07';
const COPIES = `${VERSION}-copies`;
const LOOKS = `${VERSION}-looks`;
const LOOKS_FILES = ['/favicon.svg', '/icons/kring-192.png'];
// The style sheet's name carries a hash of its content in a release build
// (kring.<hash>.css), so it is recognised by its place and kind, and its
// current name read from the page the worker keeps at install.
const STYLE_SHEET = /^\/pkg\/[^/]+\.css$/;
// Shown for a page without a copy: rendered by the server in the reader's language.
const NO_COPY = '/offline';

/** "/zorgpagina/7" or "/zorgpagina/7/kalender": the pages a copy is kept of. */
function copyKey(url) {
  const match = new URL(url, self.location.origin).pathname.match(/^\/zorgpagina\/(\d+)(\/kalender)?\/?$/);
  return match ? `/zorgpagina/${match[1]}${match[2] || ''}` : null;
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(LOOKS);
    await cache.addAll([...LOOKS_FILES, NO_COPY]);
    const page = await (await cache.match(NO_COPY)).text();
    const sheet = page.match(/<link rel="stylesheet" href="([^"]+)"/);
    if (sheet && STYLE_SHEET.test(sheet[1])) await cache.add(sheet[1]);
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((name) => !name.startsWith(`${VERSION}-`)).map((name) => caches.delete(name)));
    await self.clients.claim();
    // Pages open before now ask for their copy themselves once this worker
    // is active (shell/offline.rs), also those it could not take over.
  })());
});

/** Fetches the offline copy of `url` and files it; a copy that is refused
 * (logged out, no longer a member) is dropped instead. */
async function keepCopy(url) {
  const key = copyKey(url);
  if (!key) return;
  const cache = await caches.open(COPIES);
  try {
    const response = await fetch(url, { headers: { 'kring-offline-copy': '1' }, credentials: 'same-origin', redirect: 'manual' });
    if (response.ok && response.type === 'basic') {
      await cache.put(key, response);
      await cache.put('/last-copy', (await cache.match(key)).clone());
    } else {
      await cache.delete(key);
    }
  } catch (_) {
    // Offline: keep what there is.
  }
}

self.addEventListener('message', (event) => {
  const data = typeof event.data === 'string' ? event.data : '';
  if (data.startsWith('copy:')) {
    event.waitUntil(keepCopy(new URL(data.slice(5), self.location.origin).href));
  } else if (data === 'forget') {
    // Everything: the copies are personal, and the rest comes back by itself.
    event.waitUntil(caches.keys().then((names) => Promise.all(names.map((name) => caches.delete(name)))));
  }
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(navigate(event));
  } else {
    const path = new URL(request.url).pathname;
    if (LOOKS_FILES.includes(path) || STYLE_SHEET.test(path)) event.respondWith(looks(event, path));
  }
});

/** A style sheet or icon: from the network, kept up to date for the copies
 * (which were rendered for the current release); the kept one offline. */
async function looks(event, path) {
  try {
    const response = await fetch(event.request);
    if (response.ok) {
      const kept = response.clone();
      event.waitUntil(keepLooks(path, kept));
    }
    return response;
  } catch (error) {
    const kept = await caches.match(path, { cacheName: LOOKS });
    if (kept) return kept;
    // A copy kept before a new release names the style sheet of its day.
    return (STYLE_SHEET.test(path) && (await keptStyleSheet())) || Response.error();
  }
}

async function keptStyleSheet() {
  const cache = await caches.open(LOOKS);
  const sheet = (await cache.keys()).find((request) => STYLE_SHEET.test(new URL(request.url).pathname));
  return sheet ? cache.match(sheet) : null;
}

/** Files a style sheet or icon; a new style sheet replaces the old one. */
async function keepLooks(path, response) {
  const cache = await caches.open(LOOKS);
  if (STYLE_SHEET.test(path)) {
    const kept = await cache.keys();
    await Promise.all(kept.map((old) => new URL(old.url).pathname)
      .filter((old) => old !== path && STYLE_SHEET.test(old))
      .map((old) => cache.delete(old)));
  }
  await cache.put(path, response);
}

/** Whether a copy may still be shown: before its "kring-copy-until". */
function stillValid(copy) {
  const until = Date.parse(copy.headers.get('kring-copy-until') || '');
  return Number.isFinite(until) && Date.now() < until;
}

/** The network first, always; without it, the copy of that page (or for the
 * start address, the last kept page), or the note that there is none. */
async function navigate(event) {
  const url = event.request.url;
  try {
    const response = await fetch(event.request);
    if (copyKey(url) && response.ok) event.waitUntil(keepCopy(url));
    return response;
  } catch (error) {
    const key = copyKey(url) || (new URL(url).pathname === '/' ? '/last-copy' : null);
    const copy = key && (await caches.match(key, { cacheName: COPIES }));
    if (copy && stillValid(copy)) return copy;
    // The session behind the copies has ended by now: nothing of it stays.
    if (copy) await caches.delete(COPIES);
    return (await caches.match(NO_COPY, { cacheName: LOOKS })) ?? Response.error();
  }
}
