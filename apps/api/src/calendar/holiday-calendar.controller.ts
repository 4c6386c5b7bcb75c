import { Body, Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsString, Length, ValidateNested } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { CalendarSource, CalendarYear } from '@lacak/deadlines';
import type { Actor, CalendarDay } from '@lacak/domain';
import { Allows } from '../auth/allows.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { PublishHolidayCalendarCommand } from '../commands/commands';
import { ApiBodyProblems, ApiQueryProblems } from '../openapi/problem-responses';
import { RequestValidationError } from '../problem-details/request-validation.error';
import { GetHolidayCalendarQuery } from '../queries/operations-queries';

export class CalendarDayRequest {
  @ApiProperty({ example: '2027-01-01', description: 'The local date, the same day in every zone' }) @IsString() @Length(10, 10)
  date!: string;

  @ApiProperty({ example: 'Tahun Baru 2027 Masehi', maxLength: 200 }) @IsString() @Length(1, 200)
  name!: string;
}

export class PublishHolidayCalendarRequest {
  @ApiProperty({ description: 'The decree the lists follow: the SKB numbers and date', maxLength: 1000 }) @IsString() @Length(1, 1000)
  decree!: string;

  @ApiProperty({ type: [CalendarDayRequest], description: 'The national holidays of the year' })
  @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => CalendarDayRequest)
  holidays!: CalendarDayRequest[];

  @ApiProperty({ type: [CalendarDayRequest], description: 'The cuti bersama of the year' })
  @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => CalendarDayRequest)
  cutiBersama!: CalendarDayRequest[];
}

export class CalendarDayView implements CalendarDay {
  @ApiProperty({ example: '2027-01-01' }) date!: string;
  @ApiProperty({ example: 'Tahun Baru 2027 Masehi' }) name!: string;
}

export class HolidayCalendarView implements CalendarYear {
  @ApiProperty({ example: 2027 }) year!: number;
  @ApiProperty({ enum: ['published', 'holiday-file', 'date-holidays'], description: 'Where the year’s days off come from' }) source!: CalendarSource;
  @ApiProperty({ type: Number, nullable: true, description: 'The published version in force; null for the holiday file and date-holidays' })
  version!: number | null;
  @ApiProperty({ description: 'Whether the dates follow a decree; false while they rest on date-holidays’ guesses' }) verified!: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The decree the year follows' }) decree!: string | null;
  @ApiProperty({ type: [CalendarDayView] }) holidays!: CalendarDayView[];
  @ApiProperty({ type: [CalendarDayView] }) cutiBersama!: CalendarDayView[];
}

export class PublishedCalendar {
  @ApiProperty({ example: 2027 }) year!: number;
  @ApiProperty({ example: 1, description: 'The version this publication became' }) version!: number;
}

function yearOf(raw: string): number {
  if (!/^[1-9]\d{3}$/.test(raw)) throw new RequestValidationError([{ field: 'year', messages: ['year must be a four-digit year'] }]);
  return Number(raw);
}

/**
 * The year's national holidays and cuti bersama. The national admin publishes each year's decree
 * (SKB) as a new version; it moves the due dates of every clock not yet run out. A year never
 * published and not in the holiday file rests on date-holidays' guesses and reads `verified: false`.
 */
@ApiTags('deadlines')
@ApiBearerAuth()
@Controller('calendar/holidays/:year')
export class HolidayCalendarController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly commandBus: CommandBus,
  ) {}

  /** The calendar in force for the year: where it comes from, its version, and its days off. */
  @Get()
  @Allows('get-holiday-calendar')
  @ApiOperation({ summary: 'The year’s national holidays and cuti bersama in force, and whether they are verified' })
  @ApiOkResponse({ type: HolidayCalendarView })
  @ApiQueryProblems('VALIDATION_FAILED')
  show(@Param('year') raw: string, @CurrentActor() actor: Actor): Promise<HolidayCalendarView> {
    return this.queryBus.execute(new GetHolidayCalendarQuery(actor, yearOf(raw)));
  }

  /** 201 with the version published; the due dates of open complaints follow once the projection has it. */
  @Post()
  @ApiOperation({ summary: 'Publish the year’s holidays and cuti bersama from the decree (national admin)' })
  @ApiCreatedResponse({ type: PublishedCalendar })
  @ApiBodyProblems('UNAUTHENTICATED', 'ROLE_NOT_ALLOWED', 'CALENDAR_INVALID', 'CALENDAR_UNCHANGED', 'CONCURRENT_MODIFICATION', 'INTEGRITY_VIOLATION')
  async publish(
    @Param('year') raw: string,
    @Body() body: PublishHolidayCalendarRequest,
    @CurrentActor() actor: Actor,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PublishedCalendar> {
    const year = yearOf(raw);
    const published = await this.commandBus.execute(new PublishHolidayCalendarCommand({ year, ...body }, actor, { correlationId: String(req.id) }));
    reply.header('location', `/calendar/holidays/${year}`);
    return { year, version: published.version };
  }
}
