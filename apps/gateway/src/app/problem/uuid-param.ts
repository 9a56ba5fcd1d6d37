import { Injectable, type PipeTransform } from '@nestjs/common';
import type { ErrorCode } from '@proxdeck/shared-contracts';
import { DomainError } from './domain-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** A path id that is not a UUID names nothing: 404 with the resource's own code, not a database error. */
@Injectable()
class UuidParamPipe implements PipeTransform<string, string> {
  constructor(
    private readonly code: ErrorCode,
    private readonly detail: string,
  ) {}

  transform(value: string): string {
    if (!isUuid(value)) throw DomainError.notFound(this.code, this.detail);
    return value.toLowerCase();
  }
}

export function uuidParam(code: ErrorCode, detail: string): PipeTransform<string, string> {
  return new UuidParamPipe(code, detail);
}
