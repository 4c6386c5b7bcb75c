import { Command } from '@nestjs/cqrs';
import type { Actor } from '@lacak/domain';
import type { CommandPreconditions } from '../../http/preconditions';
import type { SubmitComplaintRequest } from './submit-complaint.request';

export interface SubmitComplaintResult {
  id: string;
  trackingId: string;
  /** Lets the reporter follow the complaint and answer clarifications without an account. */
  trackingSecret: string;
  revision: bigint;
}

export class SubmitComplaintCommand extends Command<SubmitComplaintResult> {
  constructor(
    readonly request: SubmitComplaintRequest,
    readonly actor: Actor,
    readonly preconditions: CommandPreconditions,
  ) {
    super();
  }
}
