/**
 * The oldest server that tells a subscription it has caught up. Older ones never send `caughtUp`,
 * so a projection would never know it is live and would never flush its last batch.
 */
export const MINIMUM_SERVER_VERSION = { major: 23, minor: 10 } as const;

/** The server is older than `MINIMUM_SERVER_VERSION`, or did not say which version it is. */
export class UnsupportedServerVersionError extends Error {
  override readonly name = 'UnsupportedServerVersionError';
  constructor(readonly serverVersion: string) {
    const { major, minor } = MINIMUM_SERVER_VERSION;
    super(`KurrentDB server version ${serverVersion} is not supported: Lacak needs ${major}.${minor} or later`);
  }
}

/**
 * Refuses a server older than the minimum. The client reports `unknown` when the server has no
 * server-features service (added in 21.10), which is too old as well.
 */
export function assertSupportedServerVersion(serverVersion: string): void {
  const match = /^(\d+)\.(\d+)/.exec(serverVersion);
  const [major, minor] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  const supported = major > MINIMUM_SERVER_VERSION.major || (major === MINIMUM_SERVER_VERSION.major && minor >= MINIMUM_SERVER_VERSION.minor);
  if (!supported) throw new UnsupportedServerVersionError(serverVersion);
}
