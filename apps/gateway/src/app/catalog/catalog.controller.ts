import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CatalogItemDto, Page } from '@proxdeck/shared-contracts';
import { Roles } from '../auth/access.decorators';
import { DomainError } from '../problem/domain-error';
import { problem } from '../problem/problem-details';
import { sendProblem } from '../problem/problem.filter';
import { CatalogQueryDto } from './catalog.query';
import { CatalogService } from './catalog.service';

@ApiTags('catalog')
@ApiBearerAuth()
@Roles('viewer')
@Controller('catalog')
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Get()
  @ApiOperation({ summary: 'Search the catalog' })
  list(@Query() query: CatalogQueryDto): Page<CatalogItemDto> {
    return this.catalog.search(query.q, query.category);
  }

  @Get(':id')
  get(@Param('id') id: string): CatalogItemDto {
    return this.catalog.item(id);
  }

  /** A GET, so the session cookie is accepted: `<img src>` cannot send an Authorization header. */
  @Get(':id/icon')
  @ApiOperation({ summary: "The entry's bundled icon (SVG or PNG)" })
  icon(@Param('id') id: string, @Res() res: Response): void {
    const path = this.catalog.iconPath(id);
    if (!path) throw DomainError.notFound('NOT_FOUND', `The catalog entry "${id}" has no icon.`);
    res.setHeader('Cache-Control', 'private, max-age=3600');
    // SVGs can carry scripts: never let one run in our origin if opened directly.
    res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.sendFile(path, (err) => {
      if (err) sendProblem(res, problem(404, 'NOT_FOUND', 'The icon file is missing.'));
    });
  }
}
