import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Roles } from '../auth/access.decorators';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { EventStreamService } from './event-stream.service';

@ApiTags('events')
@ApiBearerAuth()
@Controller('events')
export class EventsController {
  constructor(private readonly streams: EventStreamService) {}

  /** A GET, so the session cookie is accepted: EventSource cannot send an Authorization header. */
  @Roles('viewer')
  @Get()
  @ApiProduces('text/event-stream')
  @ApiOperation({ summary: 'Server-Sent Events: operation.updated, app.updated, app.deleted, node.updated' })
  stream(@Req() req: Request, @Res() res: Response, @CurrentPrincipal() principal: Principal): void {
    this.streams.attach(req, res, principal);
  }
}
