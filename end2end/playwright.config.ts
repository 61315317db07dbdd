import { defineConfig, devices } from '@playwright/test';

// The server under test: the debug build from `cargo leptos build`, on its own
// port with a fresh database (removed before each run) and the demo family.
const port = 3100;
export const baseURL = `http://127.0.0.1:${port}`;
export const dataDir = `${__dirname}/.data`;

const chromium = {
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
};

export default defineConfig({
  testDir: './tests',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: { baseURL, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', trace: 'off' },
  projects: [
    { name: 'telefoon', use: { ...devices['Pixel 7'], launchOptions: chromium } },
    { name: 'desktop', use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 }, launchOptions: chromium } },
  ],
  webServer: {
    command: `rm -rf "${dataDir}" && ./target/debug/kring --demo`,
    cwd: '..',
    url: `${baseURL}/healthz`,
    timeout: 60_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      KRING_ADDRESS: `127.0.0.1:${port}`,
      KRING_PUBLIC_URL: baseURL,
      KRING_DATABASE_URL: `sqlite://${dataDir}/kring.db`,
      KRING_OUTBOX_DIR: `${dataDir}/outbox`,
      LEPTOS_SITE_ROOT: 'target/site',
      RUST_LOG: 'warn',
    },
  },
});
