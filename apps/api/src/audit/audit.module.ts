import { Module } from '@nestjs/common';
import { ExportDossierHandler, GetAuditPublicKeyHandler, SignTreeHeadHandler } from './audit.bus';
import { AuditController } from './audit.controller';

@Module({
  controllers: [AuditController],
  providers: [SignTreeHeadHandler, ExportDossierHandler, GetAuditPublicKeyHandler],
})
export class AuditModule {}
