import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { NOTIFICATION_TOPICS, type NotificationTopic } from './topics';

/** Bahasa Indonesia is the default; English sits beside it. */
export const LANGUAGES = ['id', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'id';

/** Every value a template may name, as `{{name}}`. */
export const PLACEHOLDERS = [
  /** The tracking id of the case the message is about (for a duplicate: the case that carries it on). */
  'trackingId',
  /** The tracking id of the recipient's own complaint. */
  'yourTrackingId',
  /** The case's status in words, right after the event. */
  'status',
  /** The reason of a rejection or an archival. */
  'reason',
  'question',
  'followUp',
  /** The due instant that matters to the message, in the holding agency's zone, with its name (WIB, WITA, WIT). */
  'dueAt',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type TemplateValues = Partial<Record<Placeholder, string>>;

export interface EmailMessage {
  subject: string;
  text: string;
}

export class NotificationTemplateError extends Error {
  override readonly name = 'NotificationTemplateError';
}

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

interface TopicTemplates {
  subject: string;
  body: string;
  sms: string;
}

/**
 * The reporter's messages, as text files an operator edits: `<dir>/<language>/<topic>.txt` is the
 * e-mail (first line the subject, then a blank line, then the body) and `<topic>.sms.txt` the SMS.
 * Every topic needs its Indonesian files; an English file missing falls back to Indonesian. All are
 * read and checked once, at start, so a broken template stops the engine instead of a message.
 */
export class NotificationTemplates {
  private constructor(private readonly byLanguage: Map<Language, Map<NotificationTopic, TopicTemplates>>) {}

  static load(dir: string): NotificationTemplates {
    const root = resolve(dir);
    const byLanguage = new Map<Language, Map<NotificationTopic, TopicTemplates>>();
    for (const language of LANGUAGES) {
      const topics = new Map<NotificationTopic, TopicTemplates>();
      for (const topic of NOTIFICATION_TOPICS) {
        const email = join(root, language, `${topic}.txt`);
        const sms = join(root, language, `${topic}.sms.txt`);
        if (!existsSync(email) || !existsSync(sms)) {
          if (language === DEFAULT_LANGUAGE) throw new NotificationTemplateError(`Missing template ${language}/${topic}.txt or ${language}/${topic}.sms.txt in ${root}`);
          continue;
        }
        topics.set(topic, { ...parseEmail(readChecked(email), `${language}/${topic}.txt`), sms: readChecked(sms).trim() });
      }
      byLanguage.set(language, topics);
    }
    return new NotificationTemplates(byLanguage);
  }

  email(topic: NotificationTopic, language: Language, values: TemplateValues): EmailMessage {
    const template = this.templateOf(topic, language);
    // A value with a line break must not break the header.
    return { subject: fill(template.subject, values).replace(/\s+/g, ' '), text: `${fill(template.body, values)}\n` };
  }

  sms(topic: NotificationTopic, language: Language, values: TemplateValues): string {
    return fill(this.templateOf(topic, language).sms, values);
  }

  private templateOf(topic: NotificationTopic, language: Language): TopicTemplates {
    const template = this.byLanguage.get(language)?.get(topic) ?? this.byLanguage.get(DEFAULT_LANGUAGE)?.get(topic);
    if (!template) throw new NotificationTemplateError(`No template for ${topic}`);
    return template;
  }
}

function readChecked(file: string): string {
  const text = readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
  for (const [, name] of text.matchAll(PLACEHOLDER)) {
    if (!(PLACEHOLDERS as readonly string[]).includes(name)) {
      throw new NotificationTemplateError(`Unknown placeholder {{${name}}} in ${file}; known: ${PLACEHOLDERS.join(', ')}`);
    }
  }
  return text;
}

function parseEmail(text: string, name: string): Omit<TopicTemplates, 'sms'> {
  const [subject, blank, ...body] = text.split('\n');
  if (!subject?.trim() || (blank ?? '').trim() !== '' || body.join('\n').trim() === '') {
    throw new NotificationTemplateError(`Template ${name} must be a subject line, a blank line, then the body`);
  }
  return { subject: subject.trim(), body: body.join('\n').trim() };
}

/** Fills `{{name}}`; a value not known for this message reads as empty. */
const fill = (template: string, values: TemplateValues): string =>
  template.replace(PLACEHOLDER, (_, name: Placeholder) => values[name] ?? '');
