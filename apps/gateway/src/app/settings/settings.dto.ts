import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, Matches, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { AppPolicyBodyDto } from '../backups/dto/app-policy.dto';

const URL_PATTERN = /^https?:\/\/[A-Za-z0-9.[\]:-]+(:\d{1,5})?\/?$/;
const TOKEN_ID_PATTERN = /^[A-Za-z0-9._-]+@[A-Za-z0-9._-]+![A-Za-z0-9._-]+$/;
const STORAGE_PATTERN = /^[A-Za-z][A-Za-z0-9._-]{0,63}$/;
const DOMAIN_PATTERN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

export class ProxmoxConnectionDto {
  @ApiPropertyOptional({ example: 'https://pve.example.lan:8006' })
  @IsOptional()
  @IsString()
  @Matches(URL_PATTERN, { message: 'must be the Proxmox address, e.g. https://pve.example.lan:8006' })
  url?: string;

  @ApiPropertyOptional({ example: 'proxdeck@pve!proxdeck' })
  @IsOptional()
  @IsString()
  @Matches(TOKEN_ID_PATTERN, { message: 'must look like user@realm!tokenname' })
  tokenId?: string;

  @ApiPropertyOptional({ format: 'password', description: 'Write-only' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  tokenSecret?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  verifyTls?: boolean;
}

export class SettingsDefaultsDto {
  @ApiPropertyOptional({ nullable: true, description: 'null: the first storage with room' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(STORAGE_PATTERN, { message: 'must be a Proxmox storage id' })
  storage?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(STORAGE_PATTERN, { message: 'must be a Proxmox storage id' })
  templateStorage?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(STORAGE_PATTERN, { message: 'must be a Proxmox storage id' })
  backupStorage?: string | null;

  @ApiPropertyOptional({ example: 'vmbr0' })
  @IsOptional()
  @Matches(/^[A-Za-z][A-Za-z0-9_.-]{0,14}$/, { message: 'must be a Linux bridge name, e.g. vmbr0' })
  bridge?: string;
}

export class UpdateSettingsDto {
  @ApiPropertyOptional({ type: ProxmoxConnectionDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProxmoxConnectionDto)
  proxmox?: ProxmoxConnectionDto;

  @ApiPropertyOptional({ type: SettingsDefaultsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SettingsDefaultsDto)
  defaults?: SettingsDefaultsDto;

  @ApiPropertyOptional({ nullable: true, example: 'apps.example.lan' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(DOMAIN_PATTERN, { message: 'must be a lowercase DNS domain, e.g. apps.example.lan' })
  appsDomain?: string | null;

  @ApiPropertyOptional({ type: AppPolicyBodyDto, description: 'The policy of apps without their own; parts left out stay as they are' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AppPolicyBodyDto)
  defaultPolicy?: AppPolicyBodyDto;
}

export class TestProxmoxConnectionDto extends ProxmoxConnectionDto {}
