import type { DeliveryChannel, DeliverySource } from '@lacak/application';
import type { DeadlineContext } from '@lacak/deadlines';
import type { EventStore } from '@lacak/event-store';
import type { ReadStore } from '@lacak/read-store';
import type { ReporterIdentityStore } from '@lacak/reporter-identity';
import type { Transporter } from 'nodemailer';
import { EmailChannel, type SmtpSetting, createSmtpTransport } from './email-channel';
import { MessageValues } from './message-values';
import { ReporterMessages } from './reporter-message';
import { ReporterNotificationSource } from './reporter-notification-source';
import { ReporterReachFinder } from './reporter-reach';
import { type SmsGatewaySetting, SmsChannel } from './sms-channel';
import { NotificationTemplates } from './templates';
import type { ReporterChannel } from './topics';

export interface ReporterNotificationSettings {
  templatesDir: string;
  /** Null: no e-mail is planned or sent. */
  email: { smtp: SmtpSetting; from: string } | null;
  /** Null: no SMS is planned or sent. */
  sms: SmsGatewaySetting | null;
}

export interface ReporterNotificationStores {
  events: EventStore;
  readStore: ReadStore;
  identities: ReporterIdentityStore;
  deadlines: DeadlineContext;
  /** Replaces the SMTP transport built from the settings (tests). */
  transport?: Transporter;
}

/**
 * The reporter notifications as the outbox takes them: one source, and a channel for each of
 * e-mail and SMS that is configured. With neither configured there is nothing to plan or send.
 * The templates are read and checked here, once.
 */
export function reporterNotifications(
  settings: ReporterNotificationSettings,
  stores: ReporterNotificationStores,
): { sources: DeliverySource[]; channels: DeliveryChannel[] } {
  if (!settings.email && !settings.sms) return { sources: [], channels: [] };
  const templates = NotificationTemplates.load(settings.templatesDir);
  const reach = new ReporterReachFinder(stores.events, stores.identities);
  const messages = new ReporterMessages(stores.events, reach, new MessageValues(stores.events, stores.deadlines));
  const channels: DeliveryChannel[] = [];
  if (settings.email) {
    channels.push(new EmailChannel(messages, templates, stores.transport ?? createSmtpTransport(settings.email.smtp), settings.email.from));
  }
  if (settings.sms) channels.push(new SmsChannel(messages, templates, settings.sms));
  const names = channels.map((c) => c.name as ReporterChannel);
  return { sources: [new ReporterNotificationSource(reach, stores.readStore, names)], channels };
}
