import { Controller, Get, Query as QueryParams, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { FastifyReply } from 'fastify';
import type { Actor } from '@lacak/domain';
import { Allows } from '../auth/allows.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { EXPORT_LANGUAGES, type ExportLanguage } from '../monev/exports/export-messages';
import { CONTENT_TYPES, EXPORT_FORMATS, type ExportFormat } from '../monev/exports/export-table';
import { FORMAT, LANGUAGE, SPREADSHEET, spreadsheet } from '../monev/exports/monev-exports.controller';
import { evaluationsTable } from '../monev/exports/monev-tables';
import { ApiQueryProblems } from '../openapi/problem-responses';
import { ExportEvaluationsQuery } from './evaluations.bus';
import { ListEvaluationsParams } from './evaluations.requests';

export class EvaluationsExportParams extends ListEvaluationsParams {
  @ApiProperty(FORMAT) @IsIn(EXPORT_FORMATS) format!: ExportFormat;
  @ApiPropertyOptional(LANGUAGE) @IsOptional() @IsIn(EXPORT_LANGUAGES) lang?: ExportLanguage;
}

/** Evaluations with their recommendations and action plans as a file an inspector hands over. */
@ApiTags('evaluations')
@ApiBearerAuth()
@Controller('evaluations')
export class EvaluationsExportController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('export')
  @Allows('export-evaluations')
  @ApiOperation({
    summary: 'Evaluations within the actor’s reach as CSV or XLSX: a row per action (or per recommendation without a plan) with status, progress, due date and days overdue',
    description:
      'The evaluations `GET /evaluations` lists for the same `agency` and `year` (an agency out of reach lists none). Days overdue count to each evaluated agency’s local date; empty when the action is not overdue.',
  })
  @ApiProduces('text/csv', CONTENT_TYPES.xlsx)
  @ApiOkResponse(SPREADSHEET)
  @ApiQueryProblems('VALIDATION_FAILED', 'ROLE_NOT_ALLOWED')
  async export(@QueryParams() params: EvaluationsExportParams, @CurrentActor() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const view = await this.queryBus.execute(new ExportEvaluationsQuery(actor, { agencyId: params.agency, year: params.year }));
    const name = ['evaluations', params.agency, params.year].filter((part) => part !== undefined).join('-');
    return spreadsheet(reply, evaluationsTable(view, params.lang ?? 'id'), name, params);
  }
}
