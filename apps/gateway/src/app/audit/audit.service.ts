import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { AuditEventEntity } from '@proxdeck/server-database';

export interface AuditRecord {
  actor: string;
  action: string;
  target?: string | null;
  details?: Record<string, unknown>;
}

/** Who did what: one audit_events row per state-changing API call. Never holds secrets. */
@Injectable()
export class AuditService {
  private readonly logger = new Logger('Audit');

  constructor(@InjectRepository(AuditEventEntity) private readonly events: Repository<AuditEventEntity>) {}

  /** Inside the caller's transaction when `manager` is given, so the record and the change commit together. */
  async record(entry: AuditRecord, manager?: EntityManager): Promise<void> {
    const repo = manager ? manager.getRepository(AuditEventEntity) : this.events;
    await repo.save(repo.create({ actor: entry.actor, action: entry.action, target: entry.target ?? null, details: entry.details ?? {} }));
  }

  /** For records after the fact (e.g. a failed login): losing one must not fail the request. */
  async recordQuietly(entry: AuditRecord): Promise<void> {
    await this.record(entry).catch((e: unknown) => this.logger.warn(`audit record ${entry.action} lost: ${String(e)}`));
  }
}
