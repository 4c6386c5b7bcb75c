import type { DeliveryChannel, DeliveryOutcome, DeliveryRecord } from '@lacak/application';
import type { ReporterMessages } from './reporter-message';
import type { NotificationTemplates } from './templates';

export interface SmsGatewaySetting {
  /** The gateway's send endpoint; it gets one POST per message. */
  url: string;
  /** Sent as `<tokenHeader>: <token>`; `Authorization` by default (give the token as `Bearer …` if the gateway wants that). */
  token?: string;
  tokenHeader: string;
  /** Milliseconds before an unanswered request counts as failed (retried). */
  timeoutMs: number;
}

/**
 * The JSON body posted to the SMS gateway. `reference` is the delivery's idempotency key: a gateway
 * that keeps it can drop a repeat after a crash.
 */
export interface SmsGatewayRequest {
  to: string;
  text: string;
  reference: string;
}

/**
 * Sends a reporter's notification by SMS through a configurable HTTP gateway: POST `url` with
 * `SmsGatewayRequest` as JSON. A 2xx answer is delivered; 408, 429 and 5xx (and no answer) are
 * retried; any other 4xx is a permanent failure. The number is read from the identity store for
 * this one message and never kept.
 */
export class SmsChannel implements DeliveryChannel {
  readonly name = 'sms';

  constructor(
    private readonly messages: ReporterMessages,
    private readonly templates: NotificationTemplates,
    private readonly gateway: SmsGatewaySetting,
  ) {}

  async deliver(delivery: DeliveryRecord, signal: AbortSignal): Promise<DeliveryOutcome> {
    const message = await this.messages.resolve(delivery, 'phone');
    if ('kind' in message) return message;
    const body: SmsGatewayRequest = { to: message.address, text: this.templates.sms(message.topic, message.language, message.values), reference: delivery._id };
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.gateway.token) headers[this.gateway.tokenHeader] = this.gateway.token;
    let status: number;
    try {
      const response = await fetch(this.gateway.url, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
        signal: AbortSignal.any([signal, AbortSignal.timeout(this.gateway.timeoutMs)]),
      });
      status = response.status;
      await response.body?.cancel();
    } catch (error) {
      return { kind: 'failed', reason: `sms-gateway-${(error as Error).name === 'TimeoutError' ? 'timeout' : 'unreachable'}`, retryable: true };
    }
    if (status >= 200 && status < 300) return { kind: 'delivered' };
    return { kind: 'failed', reason: `sms-gateway-${status}`, retryable: status >= 500 || status === 408 || status === 429 };
  }
}
