import type { Type } from '@nestjs/common';
import type { LifecycleRequest } from '@lacak/application';
import type { ProblemCode } from '../../openapi/problem-responses';
import {
  AcceptDispositionRequest,
  AnswerClarificationRequest,
  ArchiveComplaintRequest,
  CloseComplaintRequest,
  DisputeFollowUpRequest,
  DisposeComplaintRequest,
  LinkPolicyImprovementRequest,
  MarkDuplicateRequest,
  MarkFollowUpNormativeRequest,
  OpenInvestigationRequest,
  RateComplaintRequest,
  RecordClarificationAnswerRequest,
  RecordFindingsRequest,
  RecordLeadershipReviewRequest,
  RecordMediationOutcomeRequest,
  ReopenComplaintRequest,
  RejectComplaintRequest,
  RequestClarificationRequest,
  RespondToComplaintRequest,
  StartMediationRequest,
  VerifyComplaintRequest,
} from './lifecycle.requests';

type RequestOf<T extends LifecycleRequest['type']> = Extract<LifecycleRequest, { type: T }>;

/** One endpoint `POST /complaints/{id}/<path>`: its request body, its OpenAPI text, and the command it becomes. */
export interface LifecycleRoute<T extends LifecycleRequest['type'] = LifecycleRequest['type'], B = never> {
  path: string;
  body: Type<B>;
  summary: string;
  /** The refusals and errors the command can answer with, besides those every command can. */
  problems: ProblemCode[];
  type: T;
  /** The command's data from the path's complaint id and the validated body; by default the body as it is. */
  data?: (complaintId: string, body: B) => RequestOf<T>['data'];
}

/** A route whose body is the command's data as it is must have a body of that shape; others say how it maps. */
function route<T extends LifecycleRequest['type'], B extends Omit<RequestOf<T>['data'], 'complaintId'>>(definition: LifecycleRoute<T, B> & { data?: undefined }): LifecycleRoute;
function route<T extends LifecycleRequest['type'], B>(definition: LifecycleRoute<T, B> & Required<Pick<LifecycleRoute<T, B>, 'data'>>): LifecycleRoute;
function route<T extends LifecycleRequest['type'], B>(definition: LifecycleRoute<T, B>): LifecycleRoute {
  return definition as unknown as LifecycleRoute;
}

/** Every lifecycle endpoint, in the order the OpenAPI document lists them. */
export const LIFECYCLE_ROUTES: readonly LifecycleRoute[] = [
  route({
    path: 'verify',
    body: VerifyComplaintRequest,
    type: 'VerifyComplaint',
    summary: 'Verify a submitted complaint: classify it and set its SLA class and flags',
    problems: ['SLA_CLASS_MISMATCH', 'CONFIDENTIALITY_CANNOT_BE_CLEARED'],
  }),
  route({
    path: 'reject',
    body: RejectComplaintRequest,
    type: 'RejectComplaint',
    summary: 'Reject a complaint, or return a disposition as not the agency’s authority',
    problems: ['NOT_CURRENT_ASSIGNEE', 'REJECT_REASON_NOT_ALLOWED'],
  }),
  route({ path: 'archive', body: ArchiveComplaintRequest, type: 'ArchiveComplaint', summary: 'Archive a complaint as invalid', problems: [] }),
  route({
    path: 'dispose',
    body: DisposeComplaintRequest,
    type: 'DisposeComplaint',
    summary: 'Dispose a verified complaint to an agency, or re-dispose it',
    problems: ['NOT_CURRENT_ASSIGNEE', 'TARGET_OUTSIDE_SCOPE', 'DISPOSITION_REQUIRES_VERIFICATION', 'ALREADY_DISPOSED_TO_AGENCY', 'OPEN_CLARIFICATIONS', 'UNKNOWN_REFERENCE'],
  }),
  route({
    path: 'accept',
    body: AcceptDispositionRequest,
    type: 'AcceptDisposition',
    summary: 'Accept a disposition as the receiving agency',
    problems: ['NOT_CURRENT_ASSIGNEE'],
    data: (complaintId) => ({ complaintId }),
  }),
  route({
    path: 'request-clarification',
    body: RequestClarificationRequest,
    type: 'RequestClarification',
    summary: 'Ask the reporter, the respondent or another agency a question',
    problems: ['NOT_CURRENT_ASSIGNEE', 'UNKNOWN_REFERENCE'],
    data: (complaintId, body) => ({ complaintId, ...body, partyAgencyId: body.partyAgencyId ?? null }),
  }),
  route({
    path: 'answer-clarification',
    body: AnswerClarificationRequest,
    type: 'AnswerClarification',
    summary: 'Answer an open clarification',
    problems: ['NOT_CURRENT_ASSIGNEE', 'NOT_THE_REPORTER', 'CLARIFICATION_NOT_OPEN'],
  }),
  route({
    path: 'record-clarification-answer',
    body: RecordClarificationAnswerRequest,
    type: 'RecordClarificationAnswerOnBehalf',
    summary: 'Record the reporter’s answer given offline (phone, sms, letter or in person)',
    problems: ['NOT_CURRENT_ASSIGNEE', 'CLARIFICATION_NOT_OPEN'],
  }),
  route({
    path: 'start-mediation',
    body: StartMediationRequest,
    type: 'StartMediation',
    summary: 'Start mediation between the reporter and the respondent',
    problems: ['NOT_CURRENT_ASSIGNEE'],
  }),
  route({
    path: 'record-mediation-outcome',
    body: RecordMediationOutcomeRequest,
    type: 'RecordMediationOutcome',
    summary: 'Record how mediation ended',
    problems: ['NOT_CURRENT_ASSIGNEE'],
  }),
  route({ path: 'open-investigation', body: OpenInvestigationRequest, type: 'OpenInvestigation', summary: 'Open an investigation', problems: ['NOT_CURRENT_ASSIGNEE'] }),
  route({
    path: 'record-findings',
    body: RecordFindingsRequest,
    type: 'RecordFindings',
    summary: 'Record an investigation’s findings',
    problems: ['NOT_CURRENT_ASSIGNEE'],
  }),
  route({
    path: 'respond',
    body: RespondToComplaintRequest,
    type: 'RespondToComplaint',
    summary: 'Give the follow-up (tindak lanjut)',
    problems: ['NOT_CURRENT_ASSIGNEE', 'FINDINGS_REQUIRED', 'OPEN_CLARIFICATIONS'],
  }),
  route({
    path: 'close',
    body: CloseComplaintRequest,
    type: 'CloseComplaint',
    summary: 'Close a complaint after its follow-up',
    problems: ['NOT_CURRENT_ASSIGNEE', 'NOT_THE_REPORTER', 'CLOSE_REQUIRES_FOLLOW_UP'],
    data: (complaintId, body) => ({ complaintId, reasonCode: body.reasonCode, note: body.note ?? null }),
  }),
  route({
    path: 'dispute',
    body: DisputeFollowUpRequest,
    type: 'DisputeFollowUp',
    summary: 'Dispute the follow-up as the reporter, within the dispute window, possibly as only a promise (normative)',
    problems: ['NOT_THE_REPORTER', 'DISPUTE_WINDOW_CLOSED'],
  }),
  route({
    path: 'mark-follow-up-normative',
    body: MarkFollowUpNormativeRequest,
    type: 'MarkFollowUpNormative',
    summary: 'Mark the latest follow-up as normative (jawaban normatif): a promise without substance',
    problems: ['NOT_CURRENT_ASSIGNEE', 'NO_FOLLOW_UP', 'FOLLOW_UP_ALREADY_NORMATIVE'],
  }),
  route({
    path: 'rate',
    body: RateComplaintRequest,
    type: 'RateComplaint',
    summary: 'Rate the handling as the reporter (kepuasan, 1 to 5)',
    problems: ['NOT_THE_REPORTER', 'RATING_OUT_OF_RANGE', 'ALREADY_RATED'],
    data: (complaintId, body) => ({ complaintId, rating: body.rating, comment: body.comment ?? null }),
  }),
  route({
    path: 'reopen',
    body: ReopenComplaintRequest,
    type: 'ReopenComplaint',
    summary: 'Reopen a closed complaint',
    problems: ['NOT_CURRENT_ASSIGNEE', 'NOT_THE_REPORTER', 'REOPEN_WINDOW_CLOSED'],
  }),
  route({
    path: 'mark-duplicate',
    body: MarkDuplicateRequest,
    type: 'MarkDuplicate',
    summary: 'Mark a complaint as a duplicate of another',
    problems: ['NOT_CURRENT_ASSIGNEE', 'DUPLICATE_OF_ITSELF', 'ORIGINAL_NOT_FOUND'],
    data: (complaintId, body) => ({ complaintId, originalComplaintId: body.originalComplaintId, note: body.note ?? null }),
  }),
  route({
    path: 'record-leadership-review',
    body: RecordLeadershipReviewRequest,
    type: 'RecordLeadershipReview',
    summary: 'Record the agency head’s review of a complaint',
    problems: ['NOT_CURRENT_ASSIGNEE'],
    data: (complaintId, body) => ({ complaintId, summary: body.summary, clusterId: body.clusterId ?? null }),
  }),
  route({
    path: 'link-policy-improvement',
    body: LinkPolicyImprovementRequest,
    type: 'LinkPolicyImprovement',
    summary: 'Link a policy improvement the complaint led to',
    problems: ['NOT_CURRENT_ASSIGNEE'],
  }),
];
