import { everyValueOf } from '../../api/enums';
import type { components } from '../../api/schema';

export type CaseDetail = components['schemas']['ComplaintDetailWithActions'];
export type CommandName = CaseDetail['allowedActions'][number];

/** One input of a command's form; `name` is the request body's field. */
export type Field =
  | { name: string; kind: 'text' | 'textarea' | 'date'; optional?: boolean }
  | { name: string; kind: 'select'; options: readonly string[] }
  | { name: string; kind: 'checkbox' }
  /** An organisation node, picked from the tree; `when` shows it only for some values of another field. */
  | { name: string; kind: 'agency'; when?: { field: string; equals: string } }
  /** One of the complaint's open reporter clarifications. */
  | { name: 'clarificationId'; kind: 'clarification' };

export type Values = Record<string, string | boolean>;

type Schemas = components['schemas'];

export interface CommandSpec {
  fields: readonly Field[];
  /** Starting values taken from the complaint (a flag once set stays set). */
  initial?: (detail: CaseDetail) => Values;
  /** Commands that end the case's handling look like it. */
  tone?: 'danger';
}

/**
 * The forms of the commands an officer or admin may be offered, by the request schemas of
 * `POST /complaints/{id}/<command>`. Whether a command is offered is the API's answer (`allowedActions`);
 * nothing here decides it. The reporter's own commands (answer, dispute, rate, reopen) are not offered here.
 */
export const COMMANDS: Partial<Record<CommandName, CommandSpec>> = {
  verify: {
    fields: [
      { name: 'classification', kind: 'select', options: everyValueOf<Schemas['VerifyComplaintRequest']['classification']>()(['pengaduan', 'aspirasi', 'permintaan_informasi']) },
      { name: 'category', kind: 'text' },
      { name: 'slaClass', kind: 'select', options: everyValueOf<Schemas['VerifyComplaintRequest']['slaClass']>()(['ordinary', 'information', 'supervisory']) },
      { name: 'confidential', kind: 'checkbox' },
      { name: 'anonymous', kind: 'checkbox' },
    ],
    initial: (detail) => ({
      classification: detail.classification ?? 'pengaduan',
      category: detail.category ?? '',
      slaClass: detail.slaClass ?? 'ordinary',
      confidential: detail.confidential,
      anonymous: detail.anonymous,
    }),
  },
  reject: {
    fields: [
      { name: 'reasonCode', kind: 'select', options: everyValueOf<Schemas['RejectComplaintRequest']['reasonCode']>()(['out_of_scope', 'not_our_authority']) },
      { name: 'reason', kind: 'textarea' },
    ],
    tone: 'danger',
  },
  archive: {
    fields: [
      { name: 'reasonCode', kind: 'select', options: everyValueOf<Schemas['ArchiveComplaintRequest']['reasonCode']>()(['wrong_format', 'too_general', 'not_relevant', 'unanswered_clarification']) },
      { name: 'reason', kind: 'textarea' },
    ],
    tone: 'danger',
  },
  dispose: {
    fields: [
      { name: 'agencyId', kind: 'agency' },
      { name: 'note', kind: 'textarea' },
    ],
    // A first disposition most often goes where the reporter addressed the complaint.
    initial: (detail) => ({ agencyId: detail.dispositions.length === 0 ? (detail.targetAgencyId ?? '') : '' }),
  },
  accept: { fields: [] },
  'request-clarification': {
    fields: [
      { name: 'party', kind: 'select', options: everyValueOf<Schemas['RequestClarificationRequest']['party']>()(['reporter', 'respondent', 'agency']) },
      { name: 'partyAgencyId', kind: 'agency', when: { field: 'party', equals: 'agency' } },
      { name: 'question', kind: 'textarea' },
    ],
  },
  'record-clarification-answer': {
    fields: [
      { name: 'clarificationId', kind: 'clarification' },
      { name: 'answer', kind: 'textarea' },
      { name: 'channel', kind: 'select', options: everyValueOf<Schemas['RecordClarificationAnswerRequest']['channel']>()(['phone', 'sms', 'letter', 'walk-in']) },
    ],
  },
  'start-mediation': { fields: [{ name: 'note', kind: 'textarea' }] },
  'record-mediation-outcome': {
    fields: [
      { name: 'outcome', kind: 'select', options: everyValueOf<Schemas['RecordMediationOutcomeRequest']['outcome']>()(['agreement', 'no_agreement', 'withdrawn']) },
      { name: 'note', kind: 'textarea' },
    ],
  },
  'open-investigation': { fields: [{ name: 'reason', kind: 'textarea' }] },
  'record-findings': {
    fields: [
      { name: 'conclusion', kind: 'select', options: everyValueOf<Schemas['RecordFindingsRequest']['conclusion']>()(['irregularity_found', 'no_irregularity']) },
      { name: 'summary', kind: 'textarea' },
    ],
  },
  respond: { fields: [{ name: 'followUp', kind: 'textarea' }] },
  close: {
    fields: [
      { name: 'reasonCode', kind: 'select', options: everyValueOf<Schemas['CloseComplaintRequest']['reasonCode']>()(['accepted_by_reporter', 'closed_by_admin', 'no_reply']) },
      { name: 'note', kind: 'textarea', optional: true },
    ],
  },
  'mark-duplicate': {
    fields: [
      { name: 'originalComplaintId', kind: 'text' },
      { name: 'note', kind: 'textarea', optional: true },
    ],
    tone: 'danger',
  },
  'mark-follow-up-normative': { fields: [{ name: 'reason', kind: 'textarea' }] },
  'record-leadership-review': {
    fields: [
      { name: 'summary', kind: 'textarea' },
      { name: 'clusterId', kind: 'text', optional: true },
    ],
  },
  'link-policy-improvement': {
    fields: [
      { name: 'policyTitle', kind: 'text' },
      { name: 'description', kind: 'textarea' },
      { name: 'effectiveDate', kind: 'date' },
    ],
  },
};

/** The commands this actor may run now that have a form here, in the API's order. */
export const offeredCommands = (detail: Pick<CaseDetail, 'allowedActions'>): CommandName[] => detail.allowedActions.filter((name) => COMMANDS[name]);

/** A field is shown (and sent) unless it depends on another field's value. */
export const isShown = (field: Field, values: Values): boolean => !('when' in field && field.when) || values[field.when.field] === field.when.equals;

/** The form's first values: each select's first option, empty text, unticked boxes, then the complaint's own. */
export function initialValues(name: CommandName, detail: CaseDetail): Values {
  const spec = COMMANDS[name];
  if (!spec) return {};
  const values: Values = {};
  for (const field of spec.fields) {
    if (field.kind === 'select') values[field.name] = field.options[0]!;
    else if (field.kind === 'checkbox') values[field.name] = false;
    else if (field.kind === 'clarification') values[field.name] = openReporterQuestions(detail)[0]?.clarificationId ?? '';
    else values[field.name] = '';
  }
  return { ...values, ...spec.initial?.(detail) };
}

/** The request body: the shown fields, optional empty text left out. */
export function bodyOf(name: CommandName, values: Values): Record<string, string | boolean> {
  const body: Record<string, string | boolean> = {};
  for (const field of COMMANDS[name]?.fields ?? []) {
    if (!isShown(field, values)) continue;
    const value = values[field.name];
    if (typeof value === 'string') {
      const text = field.kind === 'textarea' || field.kind === 'text' ? value.trim() : value;
      if (text === '' && 'optional' in field && field.optional) continue;
      body[field.name] = text;
    } else if (value !== undefined) body[field.name] = value;
  }
  return body;
}

/** Questions put to the reporter that are still waiting for an answer. */
export const openReporterQuestions = (detail: Pick<CaseDetail, 'clarifications'>) =>
  detail.clarifications.filter((clarification) => clarification.party === 'reporter' && clarification.answeredAt === null && !clarification.expiredAt);
