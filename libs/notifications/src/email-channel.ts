import type { DeliveryChannel, DeliveryOutcome, DeliveryRecord } from '@lacak/application';
import { createTransport, type Transporter } from 'nodemailer';
import type { ReporterMessages } from './reporter-message';
import type { NotificationTemplates } from './templates';

/** Where the e-mail goes out: an SMTP URL (`smtp://user:pass@host:587`, `smtps://…`) or its parts. */
export type SmtpSetting = { url: string } | { host: string; port: number; secure: boolean; user?: string; pass?: string };

export const createSmtpTransport = (smtp: SmtpSetting): Transporter =>
  createTransport(
    'url' in smtp
      ? smtp.url
      : { host: smtp.host, port: smtp.port, secure: smtp.secure, auth: smtp.user ? { user: smtp.user, pass: smtp.pass ?? '' } : undefined },
  );

/**
 * Sends a reporter's notification by e-mail over SMTP (nodemailer). The address is read from the
 * identity store for this one message and never kept; outcomes name no address either. The
 * Message-ID is derived from the delivery's idempotency key, so a repeat after a crash is the same
 * message to the receiving side.
 */
export class EmailChannel implements DeliveryChannel {
  readonly name = 'email';

  constructor(
    private readonly messages: ReporterMessages,
    private readonly templates: NotificationTemplates,
    private readonly transport: Transporter,
    private readonly from: string,
  ) {}

  async deliver(delivery: DeliveryRecord, signal: AbortSignal): Promise<DeliveryOutcome> {
    const message = await this.messages.resolve(delivery, 'email');
    if ('kind' in message) return message;
    if (signal.aborted) return { kind: 'failed', reason: 'aborted', retryable: true };
    const { subject, text } = this.templates.email(message.topic, message.language, message.values);
    try {
      await this.transport.sendMail({
        from: this.from,
        to: message.address,
        subject,
        text,
        messageId: `<${delivery._id}@lacak>`,
        headers: { 'Content-Language': message.language },
      });
      return { kind: 'delivered' };
    } catch (error) {
      return smtpFailure(error);
    }
  }
}

/** An SMTP 5xx reply is permanent (say, no such mailbox); anything else (4xx, a dropped connection) may pass later. */
function smtpFailure(error: unknown): DeliveryOutcome {
  const code = (error as { responseCode?: number }).responseCode;
  if (typeof code === 'number') return { kind: 'failed', reason: `smtp-${code}`, retryable: code < 500 };
  return { kind: 'failed', reason: `smtp-${(error as { code?: string }).code ?? 'error'}`, retryable: true };
}
