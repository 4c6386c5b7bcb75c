import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { CHANNELS, type Channel } from '@lacak/domain';

/** Who the reporter is. Stored apart from the complaint and never written to an event or read model. */
export class ReporterIdentityRequest {
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ description: 'NIK: 16 digits', example: '3201012345670001' })
  @IsOptional() @Matches(/^\d{16}$/, { message: 'idNumber must be a 16-digit NIK' })
  idNumber?: string;

  @ApiPropertyOptional({ format: 'email' }) @IsOptional() @IsEmail()
  email?: string;

  @ApiPropertyOptional({ example: '+6281234567890' })
  @IsOptional() @Matches(/^\+?[0-9 ()-]{6,20}$/, { message: 'phone must be a telephone number' })
  phone?: string;
}

/**
 * Where the reporter wants news of the complaint (received, verified, a question, the follow-up,
 * closure). Kept in the identity store only, never in an event. An anonymous reporter is reached
 * through this and nothing else.
 */
export class TrackingContactRequest {
  @ApiPropertyOptional({ format: 'email' }) @IsOptional() @IsEmail()
  email?: string;

  @ApiPropertyOptional({ example: '+6281234567890' })
  @IsOptional() @Matches(/^\+?[0-9 ()-]{6,20}$/, { message: 'phone must be a telephone number' })
  phone?: string;

  @ApiPropertyOptional({ enum: ['id', 'en'], default: 'id', description: 'The language of the messages: Bahasa Indonesia or English' })
  @IsOptional() @IsIn(['id', 'en'])
  language?: 'id' | 'en';
}

export class SubmitComplaintRequest {
  @ApiProperty({ maxLength: 200, example: 'Pungutan liar di kantor kelurahan' }) @IsString() @Length(1, 200)
  title!: string;

  @ApiProperty({ maxLength: 4000 }) @IsString() @Length(1, 4000)
  description!: string;

  @ApiProperty({ enum: CHANNELS }) @IsIn(CHANNELS)
  channel!: Channel;

  @ApiPropertyOptional({ maxLength: 100 }) @IsOptional() @IsString() @Length(1, 100)
  category?: string;

  @ApiPropertyOptional({ maxLength: 300 }) @IsOptional() @IsString() @Length(1, 300)
  location?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-11-20' })
  @IsOptional() @IsISO8601({ strict: true, strictSeparator: true })
  incidentDate?: string;

  @ApiPropertyOptional({ description: 'The agency the reporter addresses, an organisation node id' })
  @IsOptional() @IsString() @Length(1, 100)
  targetAgencyId?: string;

  @ApiPropertyOptional({ description: 'Anonim: no one sees the identity' }) @IsOptional() @IsBoolean()
  anonymous?: boolean;

  @ApiPropertyOptional({ description: 'Rahasia: the report is never public' }) @IsOptional() @IsBoolean()
  confidential?: boolean;

  @ApiPropertyOptional({ type: ReporterIdentityRequest })
  @IsOptional() @ValidateNested() @Type(() => ReporterIdentityRequest)
  reporter?: ReporterIdentityRequest;

  @ApiPropertyOptional({ type: TrackingContactRequest })
  @IsOptional() @ValidateNested() @Type(() => TrackingContactRequest)
  trackingContact?: TrackingContactRequest;
}

export class SubmitComplaintResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'LPR-7K3Q9X2M4D1A' }) trackingId!: string;
  @ApiProperty({ description: 'Shown once: with the tracking id it opens GET /track/{trackingId}' }) trackingSecret!: string;
}
