import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { ROLES, type Role } from '@proxdeck/shared-contracts';

export class CreateApiTokenDto {
  @ApiProperty({ example: 'ci-pipeline' })
  @IsString()
  @Matches(/^[A-Za-z0-9 ._-]{1,64}$/, { message: 'use 1-64 letters, digits, spaces, dots, dashes or underscores' })
  name!: string;

  @ApiPropertyOptional({ enum: ROLES, description: "At most your own role; default: your role" })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ minimum: 1, maximum: 3650 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  expiresInDays?: number;
}
