import { Controller, Get, NotFoundException, Param, Query as QueryParams, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import type { FastifyReply } from 'fastify';
import type { Actor } from '@lacak/domain';
import { Allows } from '../../auth/allows.decorator';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { ApiQueryProblems } from '../../openapi/problem-responses';
import { MONEV_EXCEPTION_KINDS, type MonevExceptionKind } from '@lacak/application/queries';
import { IndicatorsParams, RankingParams } from '../monev.controller';
import { EXPORT_LANGUAGES, type ExportLanguage } from './export-messages';
import { CONTENT_TYPES, EXPORT_FORMATS, type ExportFormat, type ExportTable, tableToCsv, tableToXlsx } from './export-table';
import { ExportMonevExceptionsQuery, ExportMonevIndicatorsQuery, ExportMonevRankingQuery, GetMonevReportQuery } from './monev-exports.bus';
import { renderMonevReportPdf } from './monev-report-pdf';
import { exceptionsTable, indicatorsTable, rankingTable } from './monev-tables';

export const FORMAT = { enum: EXPORT_FORMATS, description: 'CSV (UTF-8 with a byte-order mark, RFC 4180) or XLSX (typed columns, a frozen header row, an About sheet)' };
export const LANGUAGE = { enum: EXPORT_LANGUAGES, default: 'id', description: 'Labels in Bahasa Indonesia (the default) or English' };

export class IndicatorsExportParams extends IndicatorsParams {
  @ApiProperty(FORMAT) @IsIn(EXPORT_FORMATS) format!: ExportFormat;
  @ApiPropertyOptional(LANGUAGE) @IsOptional() @IsIn(EXPORT_LANGUAGES) lang?: ExportLanguage;
}

export class RankingExportParams extends RankingParams {
  @ApiProperty(FORMAT) @IsIn(EXPORT_FORMATS) format!: ExportFormat;
  @ApiPropertyOptional(LANGUAGE) @IsOptional() @IsIn(EXPORT_LANGUAGES) lang?: ExportLanguage;
}

export class ExceptionsExportParams {
  @ApiProperty({ description: 'Organisation node id: the exceptions of its subtree', example: 'id-32' })
  @IsString() @Length(1, 100)
  node!: string;

  @ApiPropertyOptional({ enum: MONEV_EXCEPTION_KINDS, description: 'One kind; without it, every kind the reader may list, in one sheet with a kind column' })
  @IsOptional() @IsIn(MONEV_EXCEPTION_KINDS)
  kind?: MonevExceptionKind;

  @ApiProperty(FORMAT) @IsIn(EXPORT_FORMATS) format!: ExportFormat;
  @ApiPropertyOptional(LANGUAGE) @IsOptional() @IsIn(EXPORT_LANGUAGES) lang?: ExportLanguage;
}

export class ReportParams {
  @ApiProperty({ description: 'The node the report is about; its children are ranked in it', example: 'id-32' })
  @IsString() @Length(1, 100)
  node!: string;

  @ApiPropertyOptional(LANGUAGE) @IsOptional() @IsIn(EXPORT_LANGUAGES) lang?: ExportLanguage;
}

export const SPREADSHEET = {
  description: 'The file, as an attachment',
  content: { 'text/csv': { schema: { type: 'string' } }, [CONTENT_TYPES.xlsx]: { schema: { type: 'string', format: 'binary' } } },
} as const;

/** The monev views as files an inspector hands over: spreadsheets of each view and a period report. */
@ApiTags('monev')
@ApiBearerAuth()
@Controller('monev')
export class MonevExportsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('indicators/export')
  @Allows('export-monev-indicators')
  @ApiOperation({ summary: 'A node’s monev indicators for a period as CSV or XLSX: one row for its own complaints, one for its subtree' })
  @ApiProduces('text/csv', CONTENT_TYPES.xlsx)
  @ApiOkResponse(SPREADSHEET)
  @ApiQueryProblems('VALIDATION_FAILED', 'ROLE_NOT_ALLOWED', 'NOT_FOUND', 'PERIOD_INVALID')
  async indicators(@QueryParams() params: IndicatorsExportParams, @CurrentActor() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const view = await this.queryBus.execute(new ExportMonevIndicatorsQuery(actor, params.node, params.period));
    if (!view) throw new NotFoundException(`No agency ${params.node}`);
    return spreadsheet(reply, indicatorsTable(view, params.lang ?? 'id'), `monev-indicators-${view.node.id}-${view.period}`, params);
  }

  @Get('rankings/export')
  @Allows('export-monev-ranking')
  @ApiOperation({ summary: 'The ranking of a coordinator’s children as CSV or XLSX: each score broken down by indicator, with its trend' })
  @ApiProduces('text/csv', CONTENT_TYPES.xlsx)
  @ApiOkResponse(SPREADSHEET)
  @ApiQueryProblems('VALIDATION_FAILED', 'ROLE_NOT_ALLOWED', 'NOT_FOUND', 'PERIOD_INVALID')
  async rankings(@QueryParams() params: RankingExportParams, @CurrentActor() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const view = await this.queryBus.execute(new ExportMonevRankingQuery(actor, params.parent, params.period));
    if (!view) throw new NotFoundException(`No agency ${params.parent}`);
    return spreadsheet(reply, rankingTable(view, params.lang ?? 'id'), `monev-ranking-${view.parent.id}-${view.period}`, params);
  }

  @Get('exceptions/export')
  @Allows('export-monev-exceptions')
  @ApiOperation({
    summary: 'The exceptions of a node’s subtree as CSV or XLSX: one sheet, a row per complaint or overdue action-plan item, with its kind and age',
    description: [
      'Every item of each kind (up to 10,000 per kind; the About sheet gives each kind’s full count), read as `GET /monev/exceptions` reads them:',
      'an inspector’s file lists no rahasia or anonim complaint, and overdue action-plan items are left out for a role that may not list them',
      '(asked for by `kind=overdue-action-items`, it is refused 403). Complaint columns stay empty on action rows and the reverse;',
      'for an action item the age column holds its days overdue. Times are in the node’s zone, named in the About sheet.',
    ].join(' '),
  })
  @ApiProduces('text/csv', CONTENT_TYPES.xlsx)
  @ApiOkResponse(SPREADSHEET)
  @ApiQueryProblems('VALIDATION_FAILED', 'ROLE_NOT_ALLOWED', 'NOT_FOUND')
  async exceptions(@QueryParams() params: ExceptionsExportParams, @CurrentActor() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const view = await this.queryBus.execute(new ExportMonevExceptionsQuery(params.node, params.kind, actor));
    if (!view) throw new NotFoundException(`No agency ${params.node}`);
    return spreadsheet(reply, exceptionsTable(view, params.lang ?? 'id'), `monev-exceptions-${view.node.id}${params.kind ? `-${params.kind}` : ''}`, params);
  }

  @Get('reports/:period.pdf')
  @Allows('get-monev-report')
  @ApiOperation({
    summary: 'A node’s period report as PDF: key indicators, the ranking of its children, charts, and where the figures come from',
    description: 'A closed period’s report prints its snapshot’s log position; any other period’s says its figures are provisional.',
  })
  @ApiParam({ name: 'period', example: '2026-Q1', description: 'A year, quarter or month, in the node’s zone' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The report, as an attachment', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  @ApiQueryProblems('VALIDATION_FAILED', 'ROLE_NOT_ALLOWED', 'NOT_FOUND', 'PERIOD_INVALID')
  async report(
    @Param('period') period: string,
    @QueryParams() params: ReportParams,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const report = await this.queryBus.execute(new GetMonevReportQuery(actor, params.node, period));
    if (!report) throw new NotFoundException(`No agency ${params.node}`);
    const pdf = await renderMonevReportPdf(report, params.lang ?? 'id', new Date());
    reply.type('application/pdf').header('content-disposition', `attachment; filename="monev-report-${report.indicators.node.id}-${report.indicators.period}.pdf"`);
    return pdf;
  }
}

/** The table written in the asked format, as an attachment named `name`. */
export async function spreadsheet(reply: FastifyReply, table: ExportTable, name: string, params: { format: ExportFormat; lang?: ExportLanguage }): Promise<Buffer> {
  const lang = params.lang ?? 'id';
  const file = params.format === 'csv' ? tableToCsv(table, lang) : await tableToXlsx(table, lang);
  // A name can carry what the client sent (an agency filter): only characters a header and a file name take.
  const safeName = name.replace(/[^A-Za-z0-9._-]/g, '_');
  reply.header('content-type', CONTENT_TYPES[params.format]).header('content-disposition', `attachment; filename="${safeName}.${params.format}"`);
  return file;
}
