// Browser-test harness: starts the real `steward serve --demo` on a free loopback port with a
// temporary data directory and the built web app (web/dist), and launches Debian's Chromium
// through playwright-core. Screenshots go to $STEWARD_E2E_ARTIFACTS (default
// web/test-results/e2e) so they can be looked at after a run.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');
export const stewardBin =
  process.env.STEWARD_BIN ?? path.join(repoRoot, 'build', 'ci', 'steward');
export const webRoot = process.env.STEWARD_WEB ?? path.join(repoRoot, 'web', 'dist');
export const artifacts =
  process.env.STEWARD_E2E_ARTIFACTS ?? path.join(repoRoot, 'web', 'test-results', 'e2e');
export const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** A running server with the demo loaded. */
export async function startServer() {
  const dir = mkdtempSync(path.join(tmpdir(), 'steward-e2e-'));
  const proc = spawn(
    stewardBin,
    ['serve', '--demo', '--listen', '127.0.0.1:0', '--data', path.join(dir, 'data'), '--web', webRoot,
      '--no-access-log'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output = [];
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`steward did not start:\n${output.join('')}`)), 60000);
    const onData = (chunk) => {
      output.push(chunk.toString());
      const m = /steward listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output.join(''));
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', (c) => output.push(c.toString()));
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`steward exited with ${code}:\n${output.join('')}`));
    });
  });
  const baseURL = `http://127.0.0.1:${port}`;
  return {
    baseURL,
    output,
    async stop() {
      const exited = new Promise((resolve) => proc.once('exit', (code) => resolve(code)));
      proc.kill('SIGTERM');
      const code = await exited;
      rmSync(dir, { recursive: true, force: true });
      return code;
    },
  };
}

/** Debian's Chromium, headless, with the flags this sandbox needs. */
export async function launchBrowser() {
  mkdirSync(artifacts, { recursive: true });
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** Signs in through the login page. */
export async function login(page, baseURL, username, password = 'demo') {
  await page.goto(`${baseURL}/login`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: /sign in|log in/i }).click();
}

/** A JSON API client with its own session (for changes made by "someone else"). */
export async function apiSession(baseURL, username, password = 'demo') {
  const res = await fetch(`${baseURL}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie').split(';')[0];
  const { csrfToken } = await res.json();
  const call = async (method, url, body) => {
    const r = await fetch(`${baseURL}${url}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    const json = text ? JSON.parse(text) : null;
    if (!r.ok) throw new Error(`${method} ${url}: ${r.status} ${text}`);
    return json;
  };
  return {
    get: (url) => call('GET', url),
    post: (url, body) => call('POST', url, body),
    patch: (url, body) => call('PATCH', url, body),
  };
}

export async function screenshot(page, name) {
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: false });
}
