import { Module } from '@nestjs/common';
import { ExportDossierHandler, GetAuditPublicKeyHandler, ProveLogConsistencyHandler, SignTreeHeadHandler } from './audit.bus';
import { AuditController } from './audit.controller';

@Module({
  controllers: [AuditController],
  providers: [SignTreeHeadHandler, ExportDossierHandler, GetAuditPublicKeyHandler, ProveLogConsistencyHandler],
})
export class AuditModule {}
