import { Command } from '@nestjs/cqrs';
import type { Actor, ComplaintCommand, SubmitComplaint } from '@lacak/domain';
import type { CommandPreconditions } from '../../http/preconditions';

type WithoutActorAndTime<C> = C extends unknown ? Omit<C, 'actor' | 'at'> : never;

/** A lifecycle command as the controller translates it; the handler adds time and ids. */
export type LifecycleInput = WithoutActorAndTime<Exclude<ComplaintCommand, SubmitComplaint>>;

export interface LifecycleResult {
  id: string;
  revision: bigint;
  clarificationId?: string;
}

export class LifecycleCommand extends Command<LifecycleResult> {
  constructor(
    readonly input: LifecycleInput,
    readonly actor: Actor,
    readonly preconditions: CommandPreconditions,
  ) {
    super();
  }
}
