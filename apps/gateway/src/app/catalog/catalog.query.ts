import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { CATALOG_CATEGORIES } from '@proxdeck/shared-contracts';

export class CatalogQueryDto {
  @ApiPropertyOptional({ description: 'Words that must all appear in the name, description, category or image' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: CATALOG_CATEGORIES })
  @IsOptional()
  @IsIn(CATALOG_CATEGORIES)
  category?: string;
}
