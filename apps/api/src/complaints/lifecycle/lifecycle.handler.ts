import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ComplaintCommandService, RequestFingerprints, nameBasedId, newId } from '@lacak/application';
import { addSpan } from '@lacak/deadlines';
import { type Actor, type ComplaintCommand, type OrganisationTree, holderOf } from '@lacak/domain';
import type { DeadlineContext } from '@lacak/projections';
import { CLOCK, type Clock, DEADLINE_CONTEXT, ORGANISATION_TREE } from '../../infrastructure/tokens';
import { UnknownReferenceError } from '../../problem-details/request-validation.error';
import { LifecycleCommand, type LifecycleResult } from './lifecycle.command';

@CommandHandler(LifecycleCommand)
export class LifecycleHandler implements ICommandHandler<LifecycleCommand> {
  constructor(
    private readonly commands: ComplaintCommandService,
    @Inject(ORGANISATION_TREE) private readonly tree: OrganisationTree,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(DEADLINE_CONTEXT) private readonly deadlines: DeadlineContext,
    private readonly fingerprints: RequestFingerprints,
  ) {}

  async execute({ input, actor, preconditions }: LifecycleCommand): Promise<LifecycleResult> {
    const complaintId = input.data.complaintId;
    const key = preconditions.idempotencyKey;
    const commandId = key ? nameBasedId('command', actor.id, key, input.type, complaintId) : newId();
    // Only a keyed request can be replayed: its fingerprint is of the request as the client sent
    // it, before the server adds windows, ids and lookups below.
    const requestFingerprint = key ? this.fingerprints.of({ type: input.type, data: input.data }) : undefined;
    const command = { ...input, actor, at: this.clock.now().toISOString() } as ComplaintCommand;

    let clarificationId: string | undefined;
    if (command.type === 'DisposeComplaint') this.assertAgency('agencyId', command.data.agencyId);
    if (command.type === 'DisputeFollowUp' || command.type === 'ReopenComplaint') {
      command.data = { ...command.data, windowEndsAt: await this.windowEndsAt(command.type, complaintId, actor) };
    }
    if (command.type === 'MarkDuplicate') {
      const original = await this.commands.stateFor(command.data.originalComplaintId, actor);
      command.data = { ...command.data, originalKnown: original !== null };
    }
    if (command.type === 'RequestClarification') {
      if (command.data.partyAgencyId) this.assertAgency('partyAgencyId', command.data.partyAgencyId);
      clarificationId = nameBasedId('clarification', commandId);
      command.data = { ...command.data, clarificationId };
    }

    const outcome = await this.commands.execute(command, {
      commandId,
      correlationId: preconditions.correlationId,
      expectedRevision: preconditions.expectedRevision,
      requestFingerprint,
    });
    return { id: complaintId, revision: outcome.revision, ...(clarificationId ? { clarificationId } : {}) };
  }

  /**
   * The reporter's window to dispute a follow-up or reopen a closure, from the complaint's pinned
   * policy in its agency's zone; null when the complaint has none yet (the domain then refuses).
   */
  private async windowEndsAt(type: 'DisputeFollowUp' | 'ReopenComplaint', complaintId: string, actor: Actor): Promise<string | null> {
    const state = await this.commands.stateFor(complaintId, actor);
    const start = type === 'DisputeFollowUp' ? state?.respondedAt : state?.closedAt;
    if (!state || !start) return null;
    const policy = this.deadlines.policyFor(state.slaPolicyVersion, start);
    const zone = this.deadlines.zoneOf(holderOf(state));
    const limit = type === 'DisputeFollowUp' ? policy.limits.disputeWindow : policy.limits.reopenWindow;
    return addSpan(this.deadlines.calendar, start, limit, zone);
  }

  private assertAgency(field: string, agencyId: string): void {
    if (!this.tree.has(agencyId)) throw new UnknownReferenceError(field, `No agency ${agencyId} in the organisation tree`);
  }
}
