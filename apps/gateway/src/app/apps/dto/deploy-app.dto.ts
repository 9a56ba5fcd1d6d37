import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import type { DeployAppRequest } from '@proxdeck/shared-contracts';

export class DeployResourcesDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 512 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(512)
  cores?: number;

  @ApiPropertyOptional({ minimum: 16, description: 'Below the catalog entry\'s minimum is refused with 422' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(4 * 1024 * 1024)
  memoryMb?: number;

  @ApiPropertyOptional({ minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(64 * 1024)
  diskGb?: number;
}

export class DeployAppDto implements DeployAppRequest {
  @ApiProperty({ example: 'uptime-kuma' })
  @IsString()
  @MaxLength(64)
  catalogId!: string;

  @ApiProperty({ example: 'status', description: 'RFC 1123 label; the app is served at /apps/<hostname>/' })
  @IsString()
  @MaxLength(253)
  hostname!: string;

  @ApiPropertyOptional({ description: 'Proxmox node; the worker picks one with room when omitted' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  node?: string;

  @ApiPropertyOptional({ type: DeployResourcesDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => DeployResourcesDto)
  resources?: DeployResourcesDto;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, example: { timezone: 'Europe/Berlin' } })
  @IsOptional()
  @IsObject()
  inputs?: Record<string, string>;
}
