// The stall check of `scripts/bench`: renders each kind of page many times
// over concurrent kept-alive connections and counts the renders that did not
// finish within a time limit (goal: none). Usage:
//   node bench/stalls.mjs BASE_URL COOKIE PAGE_ID TOTAL CONNECTIONS
// COOKIE is a logged-in session ("name=value; …"). Prints one JSON object:
// total, unfinished (no complete answer within 10 s), by page the count of
// answers that were not 200, and the seconds the run took.
import http from 'node:http';

const [base, cookie, pageId, totalText, connectionsText] = process.argv.slice(2);
const total = Number(totalText);
const connections = Number(connectionsText);
const PAGES = {
  week: `/zorgpagina/${pageId}/kalender`,
  'week, print view': `/zorgpagina/${pageId}/kalender/print`,
  Overzicht: `/zorgpagina/${pageId}`,
  Berichten: `/zorgpagina/${pageId}/berichten`,
  'logged out': '/inloggen',
};
const names = Object.keys(PAGES);
const LIMIT_MS = 10_000;
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });

/** One GET read to its end; resolves with the status, or 'unfinished'. */
function render(path, withCookie) {
  return new Promise((resolve) => {
    const request = http.get(`${base}${path}`, { agent, headers: withCookie ? { Cookie: cookie } : {} }, (response) => {
      response.on('data', () => {});
      response.on('end', () => { clearTimeout(timer); resolve(response.statusCode); });
      response.on('error', () => { clearTimeout(timer); resolve('unfinished'); });
    });
    const timer = setTimeout(() => { request.destroy(); resolve('unfinished'); }, LIMIT_MS);
    request.on('error', () => { clearTimeout(timer); resolve('unfinished'); });
  });
}

const started = Date.now();
let next = 0;
let unfinished = 0;
const notOk = Object.fromEntries(names.map((name) => [name, 0]));
async function worker() {
  while (next < total) {
    const name = names[next++ % names.length];
    const status = await render(PAGES[name], name !== 'logged out');
    if (status === 'unfinished') unfinished += 1;
    else if (status !== 200) notOk[name] += 1;
  }
}
await Promise.all(Array.from({ length: connections }, worker));
agent.destroy();
console.log(JSON.stringify({ total, unfinished, not_ok: notOk, seconds: (Date.now() - started) / 1000 }));
