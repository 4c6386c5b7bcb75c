import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsISO8601, IsLatitude, IsLongitude, IsOptional, IsString, IsUrl, Length, Matches, Max, Min } from 'class-validator';
import { OPEN311_FORMATS, type Open311Format } from './open311-format';

// Field names are the specification's (snake_case), so Open311 clients send and read them as they are.

export class Open311FormatParams {
  @ApiProperty({ enum: OPEN311_FORMATS, description: 'The answer’s format: `json` or `xml`' }) @IsIn(OPEN311_FORMATS)
  format!: Open311Format;
}

export class Open311ServiceParams extends Open311FormatParams {
  @ApiProperty({ example: 'kesehatan' }) @IsString() @Length(1, 100)
  service_code!: string;
}

export class Open311RequestParams extends Open311FormatParams {
  @ApiProperty({ description: 'The complaint’s tracking id', example: 'LPR-7K3Q9X2M4D1A' }) @IsString() @Length(1, 100)
  service_request_id!: string;
}

export class Open311JurisdictionQuery {
  @ApiPropertyOptional({ description: 'An organisation node id (an agency); every node offers the same services, and requests are those held in its subtree', example: 'id-32.01' })
  @IsOptional() @IsString() @Length(1, 100)
  jurisdiction_id?: string;
}

const COMMA_LIST = (item: string) => new RegExp(`^${item}(,${item}){0,49}$`);

export class Open311RequestsQuery extends Open311JurisdictionQuery {
  @ApiPropertyOptional({ description: 'Tracking ids, comma-separated; when given, every other filter is ignored', example: 'LPR-7K3Q9X2M4D1A' })
  @IsOptional() @Matches(COMMA_LIST('[A-Za-z0-9-]{1,40}'), { message: 'service_request_id must be tracking ids, comma-separated' })
  service_request_id?: string;

  @ApiPropertyOptional({ description: 'Service codes, comma-separated', example: 'kesehatan,pendidikan' })
  @IsOptional() @Matches(COMMA_LIST('[a-z0-9-]{1,100}'), { message: 'service_code must be service codes, comma-separated' })
  service_code?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Requested on or after; with end_date at most 90 days apart (default: the 90 days before end_date or now)' })
  @IsOptional() @IsISO8601({ strict: true, strictSeparator: true })
  start_date?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Requested on or before (default: 90 days after start_date, or now)' })
  @IsOptional() @IsISO8601({ strict: true, strictSeparator: true })
  end_date?: string;

  @ApiPropertyOptional({ description: '`open`, `closed`, or both comma-separated', example: 'open' })
  @IsOptional() @Matches(/^(open|closed)(,(open|closed))?$/, { message: 'status must be open, closed or open,closed' })
  status?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 10000, default: 1, description: 'An extension: the page, newest first' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(10000)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50, description: 'An extension: requests per page' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  page_size?: number;
}

/** `POST requests`, form-encoded as the specification sends it (JSON is taken too). */
export class Open311SubmitBody extends Open311JurisdictionQuery {
  @ApiProperty({ description: 'The client application’s key (`OPEN311_API_KEYS`)' }) @IsString() @Length(1, 200)
  api_key!: string;

  @ApiProperty({ example: 'infrastruktur' }) @IsString() @Length(1, 100)
  service_code!: string;

  @ApiPropertyOptional({ example: '-6.595', description: 'With `long`; or give `address_string` or `address_id`' }) @IsOptional() @IsLatitude()
  lat?: string;

  @ApiPropertyOptional({ example: '106.816' }) @IsOptional() @IsLongitude()
  long?: string;

  @ApiPropertyOptional({ maxLength: 250, example: 'Jl. Pajajaran 12, Bogor' }) @IsOptional() @IsString() @Length(1, 250)
  address_string?: string;

  @ApiPropertyOptional({ maxLength: 40, description: 'A place id of the client’s; kept as the location when no address is given' })
  @IsOptional() @IsString() @Length(1, 40)
  address_id?: string;

  @ApiPropertyOptional({ format: 'email', description: 'The reporter’s; kept in the identity store only' }) @IsOptional() @IsEmail()
  email?: string;

  @ApiPropertyOptional({ maxLength: 100 }) @IsOptional() @IsString() @Length(1, 100)
  first_name?: string;

  @ApiPropertyOptional({ maxLength: 100 }) @IsOptional() @IsString() @Length(1, 100)
  last_name?: string;

  @ApiPropertyOptional({ example: '+6281234567890' }) @IsOptional() @Matches(/^\+?[0-9 ()-]{6,20}$/, { message: 'phone must be a telephone number' })
  phone?: string;

  @ApiPropertyOptional({ maxLength: 4000 }) @IsOptional() @IsString() @Length(1, 4000)
  description?: string;

  @ApiPropertyOptional({ description: 'Accepted as the specification allows; not kept (attachments come through the complaint API)' })
  @IsOptional() @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  media_url?: string;

  @ApiPropertyOptional({ description: 'Accepted as the specification allows; not kept' }) @IsOptional() @IsString() @Length(1, 100)
  device_id?: string;

  @ApiPropertyOptional({ description: 'Accepted as the specification allows; not kept: a reporter here has no account' })
  @IsOptional() @IsString() @Length(1, 100)
  account_id?: string;
}

export class Open311Service {
  @ApiProperty({ example: 'kesehatan' }) service_code!: string;
  @ApiProperty({ example: 'Kesehatan' }) service_name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ description: 'Whether the service has attributes; none has' }) metadata!: boolean;
  @ApiProperty({ enum: ['realtime', 'blackbox'], description: '`blackbox`: filed as rahasia, never shown back' }) type!: string;
  @ApiProperty({ example: 'puskesmas,rumah sakit' }) keywords!: string;
  @ApiProperty({ example: 'Layanan dasar' }) group!: string;
}

export class Open311ServiceDefinition {
  @ApiProperty({ example: 'kesehatan' }) service_code!: string;
  @ApiProperty({ type: [Object], description: 'The attributes a request must carry: none' }) attributes!: unknown[];
}

export class Open311Submitted {
  @ApiProperty({ description: 'The complaint’s tracking id', example: 'LPR-7K3Q9X2M4D1A' }) service_request_id!: string;
  @ApiProperty({ description: 'What happens next, in Bahasa Indonesia' }) service_notice!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Always null: a reporter here has no account' }) account_id!: null;
  @ApiProperty({
    description:
      'Beyond GeoReport v2: the secret the reporter needs, with the tracking id, to answer questions, rate and accept on the tracking page. Given once; the client application hands it to the reporter and keeps no copy.',
  })
  tracking_secret!: string;
}

export class Open311ServiceRequest {
  @ApiProperty({ description: 'The complaint’s tracking id', example: 'LPR-7K3Q9X2M4D1A' }) service_request_id!: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status!: string;
  @ApiProperty({ description: 'The status in the reporter’s words', example: 'Proses' }) status_notes!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Kesehatan' }) service_name!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'kesehatan' }) service_code!: string | null;
  @ApiProperty() description!: string;
  @ApiProperty({ description: 'The organisation node holding the complaint', example: 'Dinas Kesehatan Kabupaten Bogor' }) agency_responsible!: string;
  @ApiProperty({ type: String, nullable: true }) service_notice!: string | null;
  @ApiProperty({ format: 'date-time' }) requested_datetime!: string;
  @ApiProperty({ format: 'date-time' }) updated_datetime!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the running resolution (else follow-up) clock falls due' })
  expected_datetime!: string | null;
  @ApiProperty({ type: String, nullable: true }) address!: string | null;
  @ApiProperty({ type: Number, nullable: true }) lat!: number | null;
  @ApiProperty({ type: Number, nullable: true }) long!: number | null;
}

export class Open311Endpoint {
  @ApiProperty({ example: 'http://wiki.open311.org/GeoReport_v2' }) specification!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ format: 'date-time' }) changeset!: string;
  @ApiProperty({ example: 'production' }) type!: string;
  @ApiProperty({ type: [String], example: ['text/xml', 'application/json'] }) formats!: string[];
}

export class Open311Discovery {
  @ApiProperty({ format: 'date-time' }) changeset!: string;
  @ApiProperty() contact!: string;
  @ApiProperty() key_service!: string;
  @ApiProperty({ type: [Open311Endpoint] }) endpoints!: Open311Endpoint[];
}

export class Open311Error {
  @ApiProperty({ description: 'The HTTP status', example: 400 }) code!: number;
  @ApiProperty({ example: 'service_code kebun is not a service here' }) description!: string;
}
