import { connect } from 'node:net';

/** Node's network error codes, in words that tell an operator where to look. */
const NETWORK_CAUSES = new Map([
  ['ECONNREFUSED', 'connection refused: nothing listens at that host and port'],
  ['ENOTFOUND', 'host not found'],
  ['EAI_AGAIN', 'host name lookup failed'],
  ['EHOSTUNREACH', 'host unreachable'],
  ['ENETUNREACH', 'network unreachable'],
  ['ECONNRESET', 'connection reset by the server'],
  ['ETIMEDOUT', 'connection timed out'],
]);

/** The network cause an error message names (Node's and the MongoDB driver's carry the code), if any. */
export function networkCause(message: string): string | undefined {
  for (const [code, cause] of NETWORK_CAUSES) if (message.includes(code)) return cause;
  return undefined;
}

/** The first host and port of a KurrentDB connection string (`kurrentdb://user:pass@host:2113,other?tls=false`). */
export function firstEndpoint(connectionString: string): { host: string; port: number } | undefined {
  const authority = /^[a-z+]+:\/\/(?:[^@/]*@)?([^,/?]+)/i.exec(connectionString)?.[1];
  const match = authority ? /^(?:\[([^\]]+)\]|([^:]+))(?::(\d+))?$/.exec(authority) : null;
  return match ? { host: match[1] ?? match[2], port: match[3] ? Number(match[3]) : 2113 } : undefined;
}

/**
 * Why a TCP connection to the endpoint fails, in NETWORK_CAUSES' words, or undefined when it opens:
 * for a client that says only "unavailable".
 */
export function tcpFailure(endpoint: { host: string; port: number }, timeoutMs: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect(endpoint);
    const settle = (cause: string | undefined) => {
      socket.destroy();
      resolve(cause);
    };
    socket.setTimeout(timeoutMs, () => settle(NETWORK_CAUSES.get('ETIMEDOUT')));
    socket.once('connect', () => settle(undefined));
    socket.once('error', (error: NodeJS.ErrnoException) => settle(NETWORK_CAUSES.get(error.code ?? '') ?? error.message));
  });
}
