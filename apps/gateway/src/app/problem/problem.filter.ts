import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { Response } from 'express';
import type { ProblemDetails } from '@proxdeck/shared-contracts';
import { PROBLEM_CONTENT_TYPE } from './problem-details';
import { toProblem } from './problem-mapping';

/** Every error of the HTTP API leaves as RFC 9457 problem+json (API.md "Errors"). */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const { problem, unexpected } = toProblem(exception);
    if (unexpected) this.logger.error(exception instanceof Error ? exception.stack ?? exception.message : String(exception));
    sendProblem(res, problem);
  }
}

/** Also used by plain Express middleware (the app proxy) that runs outside Nest's filters. */
export function sendProblem(res: Response, problem: ProblemDetails): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}
