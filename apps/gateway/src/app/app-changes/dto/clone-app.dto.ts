import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { CloneAppRequest } from '@proxdeck/shared-contracts';

export class CloneAppDto implements CloneAppRequest {
  @ApiProperty({ example: 'status-copy', description: 'Hostname of the new app (RFC 1123 label, not taken)' })
  @IsString()
  @MaxLength(253)
  hostname!: string;

  @ApiPropertyOptional({ description: "Proxmox node of the copy; the source's node when omitted" })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  node?: string;
}
