import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '@lacak/config';
import { identityStoreSetting } from '@lacak/storage';

/** The compose files as Docker Compose reads them (merge keys resolved), checked without a Docker engine. */
type Service = {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string | number>;
  healthcheck?: { test?: string[]; disable?: boolean };
  depends_on?: Record<string, { condition: string }> | string[];
  volumes?: string[];
  ports?: string[];
};
type ComposeFile = { services: Record<string, Service> };

const DOCKER = join(__dirname, '..', '..', 'docker');
const load = (file: string): ComposeFile => parse(readFileSync(join(DOCKER, file), 'utf8'), { merge: true });
/** What docker/.env would hold: the secrets Compose substitutes into every app container. */
const SECRETS: Record<string, string> = {
  JWT_SECRET: 'a-secret-of-at-least-thirty-two-characters',
  IDENTITY_MASTER_KEY: '1f'.repeat(32),
  TRACKING_SECRET_KEY: '2e'.repeat(32),
};

/** The environment an app container gets, with each required `${NAME:?...}` as Compose would substitute it. */
const appEnvironment = (service: Service): Record<string, string> =>
  Object.fromEntries(
    Object.entries(service.environment ?? {}).map(([key, value]) => [
      key,
      String(value).replace(/^\$\{(\w+):\?[^}]*\}$/, (_, name: string) => SECRETS[name] ?? `unknown secret ${name}`),
    ]),
  );

/**
 * Every app container takes the identity master key and the tracking key from the one secret,
 * required (never a key file made per container), and keeps identities in MongoDB.
 */
function expectSharedKeysAndIdentitiesInMongo(services: Record<string, Service>, names: string[]): void {
  for (const name of names) {
    const environment = services[name].environment ?? {};
    expect({ name, master: environment.IDENTITY_MASTER_KEY, tracking: environment.TRACKING_SECRET_KEY }).toEqual({
      name,
      master: expect.stringMatching(/^\$\{IDENTITY_MASTER_KEY:\?/),
      tracking: expect.stringMatching(/^\$\{TRACKING_SECRET_KEY:\?/),
    });
    const config = loadConfig(appEnvironment(services[name]));
    expect({ name, master: config.identityMasterKey, tracking: config.trackingSecretKey }).toEqual({
      name,
      master: SECRETS.IDENTITY_MASTER_KEY,
      tracking: SECRETS.TRACKING_SECRET_KEY,
    });
    expect({ name, identities: identityStoreSetting(config).kind }).toEqual({ name, identities: 'mongodb' });
  }
}

const healthcheckText = (service: Service) => (service.healthcheck?.test ?? []).join(' ');

describe('docker/compose.yml (development)', () => {
  const { services } = load('compose.yml');

  it('has KurrentDB, MongoDB, the API and the projector', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'kurrentdb', 'mongodb', 'projector']);
  });

  it('runs a single insecure KurrentDB node with a health check', () => {
    expect(services.kurrentdb.image).toMatch(/kurrentdb/);
    expect(services.kurrentdb.environment).toMatchObject({ KURRENTDB_CLUSTER_SIZE: 1, KURRENTDB_INSECURE: 'true' });
    expect(healthcheckText(services.kurrentdb)).toContain('/health/live');
  });

  it('runs MongoDB as a single-node replica set that its health check initiates', () => {
    expect(services.mongodb.command).toEqual(expect.arrayContaining(['--replSet', 'rs0']));
    expect(healthcheckText(services.mongodb)).toContain("rs.initiate({ _id: 'rs0'");
  });

  it.each(['api', 'projector'])('gives %s the production stores and waits for them to be healthy', (name) => {
    const service = services[name];
    const config = loadConfig(appEnvironment(service));
    expect(config.eventStore).toEqual({ kind: 'kurrentdb', connectionString: 'kurrentdb://kurrentdb:2113?tls=false' });
    expect(config.readStore).toEqual({ kind: 'mongodb', uri: 'mongodb://mongodb:27017/lacak?replicaSet=rs0' });
    expect(service.depends_on).toEqual({ kurrentdb: { condition: 'service_healthy' }, mongodb: { condition: 'service_healthy' } });
    expect(service.build).toEqual({ context: '..', dockerfile: 'docker/Dockerfile' });
  });

  it('runs the projections in the projector process only', () => {
    expect(loadConfig(appEnvironment(services.api)).projectorInProcess).toBe(false);
    expect(services.projector.command).toEqual(['node', 'dist/apps/projector/src/main.js']);
    expect(services.api.ports).toEqual(['3000:3000']);
  });

  it('demands a JWT secret rather than falling back to the development one', () => {
    expect(services.api.environment?.JWT_SECRET).toMatch(/^\$\{JWT_SECRET:\?/);
  });

  it('gives the API and the projector the same keys from one secret, and keeps identities in MongoDB', () => {
    expectSharedKeysAndIdentitiesInMongo(services, ['api', 'projector']);
  });
});

describe('docker/compose.cluster.yml (production-shaped)', () => {
  const { services } = load('compose.cluster.yml');
  const kurrentNodes = ['kurrentdb-1', 'kurrentdb-2', 'kurrentdb-3'];
  const mongoMembers = ['mongodb-1', 'mongodb-2', 'mongodb-3'];

  it('has a 3-node KurrentDB cluster, a 3-member replica set, two APIs behind a proxy and one projector', () => {
    expect(Object.keys(services).sort()).toEqual(
      [...kurrentNodes, ...mongoMembers, 'api-1', 'api-2', 'projector', 'proxy'].sort(),
    );
  });

  it('joins the KurrentDB nodes by gossip, each seeded with the other two', () => {
    for (const name of kurrentNodes) {
      const environment = services[name].environment ?? {};
      expect(environment.KURRENTDB_CLUSTER_SIZE).toBe(3);
      const seeds = String(environment.KURRENTDB_GOSSIP_SEED).split(',');
      expect(seeds).toHaveLength(2);
      expect(seeds).not.toContain(`${environment.KURRENTDB_REPLICATION_IP}:2113`);
      expect(healthcheckText(services[name])).toContain('/health/live');
    }
  });

  it('initiates the replica set with all three members', () => {
    const check = healthcheckText(services['mongodb-1']);
    for (const member of mongoMembers) expect(check).toContain(`host: '${member}:27017'`);
    for (const member of mongoMembers) expect(services[member].command).toEqual(expect.arrayContaining(['--replSet', 'rs0']));
  });

  it.each(['api-1', 'api-2', 'projector'])('connects %s to every cluster node and member', (name) => {
    const config = loadConfig(appEnvironment(services[name]));
    if (config.eventStore.kind !== 'kurrentdb' || config.readStore.kind !== 'mongodb') throw new Error('production stores expected');
    for (const node of kurrentNodes) expect(config.eventStore.connectionString).toContain(`${node}:2113`);
    for (const member of mongoMembers) expect(config.readStore.uri).toContain(`${member}:27017`);
    expect(config.readStore.uri).toContain('replicaSet=rs0');
    expect(config.projectorInProcess).toBe(name === 'projector');
  });

  it('gives both APIs and the projector the same keys from one secret, and keeps identities in MongoDB', () => {
    expectSharedKeysAndIdentitiesInMongo(services, ['api-1', 'api-2', 'projector']);
  });

  it('spreads requests over both APIs through the proxy, which waits for them to be healthy', () => {
    const proxy = services.proxy;
    expect(proxy.depends_on).toEqual({ 'api-1': { condition: 'service_healthy' }, 'api-2': { condition: 'service_healthy' } });
    expect(proxy.volumes).toEqual(['./nginx.conf:/etc/nginx/nginx.conf:ro']);
    const nginx = readFileSync(join(DOCKER, 'nginx.conf'), 'utf8');
    expect(nginx).toMatch(/server api-1:3000/);
    expect(nginx).toMatch(/server api-2:3000/);
    // Per-IP rate limits see the client, not the proxy: nginx forwards it and the APIs trust one hop.
    expect(nginx).toMatch(/proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for/);
    for (const api of ['api-1', 'api-2']) expect(loadConfig(appEnvironment(services[api])).trustProxy).toBe(1);
    expect(healthcheckText(proxy)).toContain('/health');
  });
});

describe('docker/Dockerfile', () => {
  const dockerfile = readFileSync(join(DOCKER, 'Dockerfile'), 'utf8');

  it('builds in one stage and runs in another, as a non-root user with production dependencies only', () => {
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
    expect(dockerfile).not.toMatch(/--omit=optional/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK /m);
  });
});
