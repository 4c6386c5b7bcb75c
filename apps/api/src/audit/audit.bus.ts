import { Command, CommandHandler, type ICommandHandler, type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { type AuditPublicKey, type Dossier, ExportComplaintDossier, GetAuditPublicKey, type LogConsistencyProof, ProveLogConsistency, SignTreeHead } from '@lacak/application';
import type { Actor } from '@lacak/domain';
import type { SignedTreeHead } from '@lacak/integrity';

export class SignTreeHeadCommand extends Command<SignedTreeHead> {
  constructor(readonly actor: Actor) {
    super();
  }
}

export class ExportDossierQuery extends Query<Dossier | null> {
  constructor(
    readonly actor: Actor,
    readonly complaintId: string,
  ) {
    super();
  }
}

export class GetAuditPublicKeyQuery extends Query<AuditPublicKey> {}

export class ProveLogConsistencyQuery extends Query<LogConsistencyProof> {
  constructor(
    readonly actor: Actor,
    readonly from: number,
  ) {
    super();
  }
}

/** Each handler adapts the bus to one use case; the use case holds everything else. */
@CommandHandler(SignTreeHeadCommand)
export class SignTreeHeadHandler implements ICommandHandler<SignTreeHeadCommand> {
  constructor(private readonly useCase: SignTreeHead) {}
  execute = ({ actor }: SignTreeHeadCommand) => this.useCase.run(actor);
}

@QueryHandler(ExportDossierQuery)
export class ExportDossierHandler implements IQueryHandler<ExportDossierQuery> {
  constructor(private readonly useCase: ExportComplaintDossier) {}
  execute = ({ actor, complaintId }: ExportDossierQuery) => this.useCase.run(actor, complaintId);
}

@QueryHandler(GetAuditPublicKeyQuery)
export class GetAuditPublicKeyHandler implements IQueryHandler<GetAuditPublicKeyQuery> {
  constructor(private readonly useCase: GetAuditPublicKey) {}
  execute = async () => this.useCase.run();
}

@QueryHandler(ProveLogConsistencyQuery)
export class ProveLogConsistencyHandler implements IQueryHandler<ProveLogConsistencyQuery> {
  constructor(private readonly useCase: ProveLogConsistency) {}
  execute = ({ actor, from }: ProveLogConsistencyQuery) => this.useCase.run(actor, from);
}
