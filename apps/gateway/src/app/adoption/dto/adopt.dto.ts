import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { AdoptRequest } from '@proxdeck/shared-contracts';

export class AdoptDto implements AdoptRequest {
  @ApiProperty({ example: 'pve1' })
  @IsString()
  @MaxLength(64)
  node!: string;

  @ApiProperty({ example: 105, description: 'VMID of an LXC container on that node' })
  @IsInt()
  @Min(100)
  @Max(999_999_999)
  vmid!: number;

  @ApiPropertyOptional({ example: 'nginx', description: 'The catalog entry the container runs; without it, give `port` (a custom app)' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  catalogId?: string;

  @ApiPropertyOptional({ example: 8080, minimum: 1, maximum: 65535, description: "The port of the app's web UI; required without catalogId, overrides the entry's port with it" })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(65535)
  port?: number;

  @ApiPropertyOptional({ example: 'wiki', description: "The app's hostname; defaults to the container's hostname" })
  @IsOptional()
  @IsString()
  @MaxLength(253)
  hostname?: string;
}
