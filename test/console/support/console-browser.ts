import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import type { ActorRole } from '@lacak/domain';
import { TestApp } from '../../support/test-app';

const ROOT = resolve(__dirname, '../../..');
/** Debian's Chromium (`apt-get install chromium`); CHROMIUM_PATH points elsewhere. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const BROWSER_AVAILABLE = existsSync(CHROMIUM);

let skipNoticeShown = false;
/**
 * `describe` when Chromium is installed; otherwise the suite is skipped with one line saying how to run it.
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (BROWSER_AVAILABLE) return describe(name, body);
  if (!skipNoticeShown) {
    skipNoticeShown = true;
    process.stdout.write(`Browser suites skipped: no Chromium at ${CHROMIUM}. Install it (apt-get install chromium) or set CHROMIUM_PATH, then run npm test.\n`);
  }
  describe.skip(name, body);
}

/** Every file the console's build reads, but its dependencies: what a build depends on. */
function consoleSources(dir = join(ROOT, 'apps/console')): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => (entry.isDirectory() ? consoleSources(join(dir, entry.name)) : [join(dir, entry.name)]));
}

/**
 * The console built from the current sources, once: suites running side by side, and later runs, reuse
 * the build kept in the temporary directory under the hash of its sources and the lock file. A build goes
 * to a directory of its own and is renamed into place, so no suite ever reads one half written.
 */
function builtConsole(): string {
  const hash = createHash('sha256');
  for (const file of [...consoleSources(), join(ROOT, 'package-lock.json')]) hash.update(file).update(readFileSync(file));
  const dir = join(tmpdir(), `lacak-console-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(join(dir, 'index.html'))) return dir;
  const outDir = mkdtempSync(join(tmpdir(), 'lacak-console-build-'));
  // Vite refuses a second build of the project while one runs; each build here has its own directory.
  execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(ROOT, 'apps/console/vite.config.ts'), '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error', '--bypass-lock'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  try {
    renameSync(outDir, dir);
  } catch {
    // Another suite put the same build in place first.
    rmSync(outDir, { recursive: true, force: true });
  }
  return dir;
}

interface WebStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}
/** The page's storages, as code run in the browser sees them (the suites compile without the DOM's types). */
export interface BrowserStorage {
  sessionStorage: WebStorage;
  localStorage: WebStorage;
}

export interface SignedInAs {
  role: ActorRole;
  agencyId?: string | null;
  /** The token's subject; a reporter's account id. */
  sub?: string;
}

export interface PageOptions {
  as?: SignedInAs;
  /** 'id' (the default) or 'en', as the console's language switch stores it. */
  language?: 'id' | 'en';
  viewport?: { width: number; height: number };
}

/**
 * The engine on a fresh data directory serving the console it was just built with, and a headless
 * Chromium to drive it. `api` seeds data through the ordinary command path (in-process requests).
 */
export class ConsoleUnderTest {
  private contexts: BrowserContext[] = [];

  private constructor(
    readonly api: TestApp,
    readonly baseUrl: string,
    private readonly browser: Browser,
    private readonly scratchDir: string,
  ) {}

  static async start(overrides: Record<string, string> = {}): Promise<ConsoleUnderTest> {
    const api = await TestApp.start({ CONSOLE_DIR: builtConsole(), ...overrides });
    await api.app.listen(0, '127.0.0.1');
    const baseUrl = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
    return new ConsoleUnderTest(api, baseUrl, browser, mkdtempSync(join(tmpdir(), 'lacak-console-run-')));
  }

  /** A page in a fresh browser context (its own storage), signed in as `as` when given. */
  async newPage(options: PageOptions = {}): Promise<Page> {
    const context = await this.browser.newContext({ baseURL: this.baseUrl, viewport: options.viewport ?? { width: 1280, height: 900 }, locale: options.language === 'en' ? 'en-GB' : 'id-ID' });
    this.contexts.push(context);
    // A step that cannot happen fails naming itself, well before the test's own timeout.
    context.setDefaultTimeout(15_000);
    const session = options.as ? await this.sessionFor(options.as) : null;
    await context.addInitScript(
      ([storedSession, language]) => {
        const { sessionStorage, localStorage } = globalThis as unknown as BrowserStorage;
        if (storedSession && !sessionStorage.getItem('lacak.session')) sessionStorage.setItem('lacak.session', storedSession);
        if (language && !localStorage.getItem('lacak.language')) localStorage.setItem('lacak.language', language);
      },
      [session ? JSON.stringify(session) : null, options.language ?? null] as const,
    );
    return context.newPage();
  }

  /** The session the console keeps after a sign-in, for a token the API signs. */
  async sessionFor(as: SignedInAs) {
    const agencyId = as.agencyId ?? null;
    const subject = as.sub ?? `${as.role}-${agencyId ?? 'none'}`;
    const token = await this.api.token(as.role, agencyId, subject);
    return { token, role: as.role, agencyId, subject, expiresAt: Date.now() + 3_600_000, via: 'development' };
  }

  /** No serious or critical accessibility violation (axe-core, WCAG 2.1 A and AA) on the page as it stands. */
  async expectAccessible(page: Page): Promise<void> {
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const grave = results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, targets: violation.nodes.map((node) => node.target.join(' ')).slice(0, 5) }));
    expect(grave).toEqual([]);
  }

  /**
   * A screenshot of the page. `npm run screenshots` (SCREENSHOTS=1) writes it into docs/screenshots for
   * the README; a test run writes it to a temporary directory, so the working tree stays as it was.
   */
  async screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
    const dir = process.env.SCREENSHOTS === '1' ? join(ROOT, 'docs/screenshots') : join(this.scratchDir, 'screenshots');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${name}.png`);
    await page.screenshot({ path: file, fullPage: options.fullPage ?? false });
    return file;
  }

  async stop(): Promise<void> {
    for (const context of this.contexts) await context.close().catch(() => undefined);
    await this.browser.close().catch(() => undefined);
    await this.api.stop();
    rmSync(this.scratchDir, { recursive: true, force: true });
  }
}
