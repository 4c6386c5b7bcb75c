import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestApp } from '../support/test-app';

const INDEX = '<!doctype html><html><head><script type="module" src="/assets/index-Ab12Cd34.js"></script></head><body><div id="root"></div></body></html>';
const SCRIPT = 'console.log("konsol");';

/** A request as a browser navigating sends it. */
const PAGE = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

describe('The web console, served by the API', () => {
  let t: TestApp;
  let dir: string;

  const get = (url: string, headers: Record<string, string> = {}) => t.app.getHttpAdapter().getInstance().inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lacak-console-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), INDEX);
    writeFileSync(join(dir, 'assets', 'index-Ab12Cd34.js'), SCRIPT);
    t = await TestApp.start({ CONSOLE_DIR: dir });
  });
  afterAll(async () => {
    await t?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers / with the page, revalidated every time, under a CSP for a page that runs only its own files', async () => {
    const response = await get('/');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toBe(INDEX);
    expect(response.headers['cache-control']).toBe('no-cache');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("img-src 'self' data: blob:");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers['x-frame-options']).toBe('DENY');
  });

  it('serves the hashed assets cached for good, and a missing one as a 404 problem', async () => {
    const asset = await get('/assets/index-Ab12Cd34.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.body).toBe(SCRIPT);
    expect(asset.headers['content-type']).toContain('javascript');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const missing = await get('/assets/index-00000000.js');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.headers['cache-control']).toBe('no-store');
  });

  it.each(['/kotak-masuk', '/kasus/2b9d2c2e-9a5f-4a55-9f43-4d1e1f1b7a10', '/dasbor', '/jejak/2b9d2c2e', '/lapor', '/lacak/LPR-7K3Q9X2M4D1A', '/masuk'])(
    'answers the console address %s with the page when a browser asks for it',
    async (url) => {
      const response = await get(url, PAGE);
      expect(response.statusCode).toBe(200);
      expect(response.body).toBe(INDEX);
      expect(response.headers['cache-control']).toBe('no-cache');
    },
  );

  it('keeps an unknown path a 404 problem for a client that does not ask for HTML', async () => {
    for (const headers of [{}, { accept: 'application/json' }, { accept: '*/*' }] as Record<string, string>[]) {
      const response = await get('/kotak-masuk', headers);
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
    }
  });

  it('lets API routes win whatever the Accept header, with the strict API CSP', async () => {
    const complaint = await get('/complaints/2b9d2c2e-9a5f-4a55-9f43-4d1e1f1b7a10', PAGE);
    expect(complaint.statusCode).toBe(401);
    expect(complaint.headers['content-type']).toContain('application/problem+json');
    expect(complaint.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
    const health = await get('/health', PAGE);
    expect(health.headers['content-type']).toContain('application/json');
    expect(health.headers['cache-control']).toBe('no-store');
    // The docs keep their own page and CSP.
    const docs = await get('/docs', PAGE);
    expect(docs.statusCode).toBe(200);
    expect(String(docs.headers['content-security-policy'])).toContain("style-src 'self' 'unsafe-inline'");
  });
});

describe('The web console, not built', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start({ CONSOLE_DIR: join(tmpdir(), 'lacak-console-never-built') });
  });
  afterAll(() => t?.stop());

  it('answers / and console addresses with a 404 problem saying how to build it', async () => {
    for (const url of ['/', '/kotak-masuk']) {
      const response = await t.request('GET', url, { headers: PAGE });
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.body).toMatchObject({ code: 'CONSOLE_NOT_BUILT', detail: expect.stringContaining('npm run build:console') });
    }
  });
});

describe('The console page with an identity provider', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start({
      JWT_JWKS_URL: 'https://sso.example.go.id/realms/lacak/protocol/openid-connect/certs',
      JWT_ISSUER: 'https://sso.example.go.id/realms/lacak',
      JWT_AUDIENCE: 'lacak-api',
      CONSOLE_DIR: join(tmpdir(), 'lacak-console-never-built'),
    });
  });
  afterAll(() => t?.stop());

  it('may talk to the provider’s origin, and nowhere else beyond its own', async () => {
    const response = await t.request('GET', '/');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("connect-src 'self' https://sso.example.go.id;");
    expect(csp).toContain('frame-src https://sso.example.go.id;');
  });
});
