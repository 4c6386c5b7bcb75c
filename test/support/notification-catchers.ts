/**
 * What reporter notifications reach outside the engine, caught for the tests: a real SMTP server
 * (`smtp-server`) keeping every message with its envelope, and a fake SMS gateway keeping every
 * request it was posted.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  /** The SMTP envelope: MAIL FROM and RCPT TO. */
  envelope: { from: string; to: string[] };
  /** Header names in lower case, values unfolded. */
  headers: Record<string, string>;
  subject: string;
  /** The decoded text body. */
  text: string;
  /** The message as it came over the wire. */
  raw: string;
}

export interface CaughtSms {
  headers: IncomingHttpHeaders;
  body: { to: string; text: string; reference: string };
  raw: string;
}

export class MailCatcher {
  readonly messages: CaughtMail[] = [];
  private constructor(private readonly server: SMTPServer, readonly port: number) {}

  static async start(): Promise<MailCatcher> {
    let catcher: MailCatcher | undefined;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const envelope = { from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address) };
          catcher!.messages.push(parseMail(Buffer.concat(chunks).toString('utf8'), envelope));
          callback();
        });
      },
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    catcher = new MailCatcher(server, (server.server.address() as AddressInfo).port);
    return catcher;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  to(address: string): CaughtMail[] {
    return this.messages.filter((m) => m.envelope.to.includes(address));
  }

  stop(): Promise<void> {
    return new Promise((done) => this.server.close(() => done()));
  }
}

export class SmsGatewayFake {
  readonly requests: CaughtSms[] = [];
  private constructor(private readonly server: Server, readonly port: number) {}

  static async start(): Promise<SmsGatewayFake> {
    let fake: SmsGatewayFake | undefined;
    const server = createServer((request, response) => {
      let raw = '';
      request.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      request.on('end', () => {
        fake!.requests.push({ headers: request.headers, body: JSON.parse(raw), raw });
        response.writeHead(202, { 'content-type': 'application/json' }).end('{"queued":true}');
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    fake = new SmsGatewayFake(server, (server.address() as AddressInfo).port);
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/messages`;
  }

  to(phone: string): CaughtSms[] {
    return this.requests.filter((r) => r.body.to === phone);
  }

  stop(): Promise<void> {
    return new Promise((done) => this.server.close(() => done()));
  }
}

/** A single-part text message as nodemailer writes it: headers, then a 7bit, quoted-printable or base64 body. */
function parseMail(raw: string, envelope: CaughtMail['envelope']): CaughtMail {
  const split = raw.indexOf('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = raw.slice(split + 4);
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body, 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? Buffer.from(body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8')
        : body;
  return { envelope, headers, subject: decodeWords(headers.subject ?? ''), text: text.replace(/\r\n/g, '\n'), raw };
}

/** RFC 2047 encoded words, as nodemailer writes a subject that is not plain ASCII. */
const decodeWords = (value: string): string =>
  value.replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_, kind: string, word: string) =>
    kind.toUpperCase() === 'B'
      ? Buffer.from(word, 'base64').toString('utf8')
      : Buffer.from(word.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (__, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
  );
