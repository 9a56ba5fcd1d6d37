import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { METRICS_TIMEFRAMES, type MetricsTimeframe } from '@proxdeck/shared-contracts';

export class MetricsQueryDto {
  @ApiPropertyOptional({ enum: METRICS_TIMEFRAMES, default: 'hour' })
  @IsOptional()
  @IsIn(METRICS_TIMEFRAMES, { message: `must be one of ${METRICS_TIMEFRAMES.join(', ')}` })
  timeframe?: MetricsTimeframe;
}
