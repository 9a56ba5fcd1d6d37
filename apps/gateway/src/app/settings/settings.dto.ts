import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { AppPolicyBodyDto } from '../backups/dto/app-policy.dto';

const URL_PATTERN = /^https?:\/\/[A-Za-z0-9.[\]:-]+(:\d{1,5})?\/?$/;
const TOKEN_ID_PATTERN = /^[A-Za-z0-9._-]+@[A-Za-z0-9._-]+![A-Za-z0-9._-]+$/;
const STORAGE_PATTERN = /^[A-Za-z][A-Za-z0-9._-]{0,63}$/;
const DOMAIN_PATTERN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * May be left out (the saved value stays) but not null: a connection field has no "none" (a null
 * secret saved would break the connection). `@IsOptional()` lets null through unchecked.
 */
function LeftOutOrSet(): PropertyDecorator {
  return ValidateIf((_: unknown, value: unknown) => value !== undefined);
}

export class ProxmoxConnectionDto {
  @ApiPropertyOptional({ example: 'https://pve.example.lan:8006' })
  @LeftOutOrSet()
  @IsString()
  @Matches(URL_PATTERN, { message: 'must be the Proxmox address, e.g. https://pve.example.lan:8006' })
  url?: string;

  @ApiPropertyOptional({ example: 'proxdeck@pve!proxdeck' })
  @LeftOutOrSet()
  @IsString()
  @Matches(TOKEN_ID_PATTERN, { message: 'must look like user@realm!tokenname' })
  tokenId?: string;

  @ApiPropertyOptional({ format: 'password', description: 'Write-only' })
  @LeftOutOrSet()
  @IsString()
  @MaxLength(256)
  tokenSecret?: string;

  @ApiPropertyOptional()
  @LeftOutOrSet()
  @IsBoolean()
  verifyTls?: boolean;
}

/** `{mode: 'dhcp'}` or a static pool; the pool's rules (subnet, size) are checked by the service. */
export class NetworkSettingsBodyDto {
  @ApiPropertyOptional({ enum: ['dhcp', 'static'] })
  @IsIn(['dhcp', 'static'], { message: "must be 'dhcp' or 'static'" })
  mode!: 'dhcp' | 'static';

  @ApiPropertyOptional({ example: '10.0.0.50', description: 'static: the first address of the pool' })
  @ValidateIf((o: NetworkSettingsBodyDto) => o.mode === 'static')
  @IsString({ message: 'must be an IPv4 address, e.g. 10.0.0.50' })
  from?: string;

  @ApiPropertyOptional({ example: '10.0.0.99', description: 'static: the last address of the pool' })
  @ValidateIf((o: NetworkSettingsBodyDto) => o.mode === 'static')
  @IsString({ message: 'must be an IPv4 address, e.g. 10.0.0.99' })
  to?: string;

  @ApiPropertyOptional({ example: 24, description: 'static: the subnet prefix length, 8..30' })
  @ValidateIf((o: NetworkSettingsBodyDto) => o.mode === 'static')
  @IsInt({ message: 'must be a whole number from 8 to 30' })
  prefix?: number;

  @ApiPropertyOptional({ example: '10.0.0.1', description: 'static: the default gateway' })
  @ValidateIf((o: NetworkSettingsBodyDto) => o.mode === 'static')
  @IsString({ message: 'must be an IPv4 address, e.g. 10.0.0.1' })
  gateway?: string;
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

  @ApiPropertyOptional({ type: NetworkSettingsBodyDto, description: 'How new containers get their address' })
  @IsOptional()
  @ValidateNested()
  @Type(() => NetworkSettingsBodyDto)
  network?: NetworkSettingsBodyDto;
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
