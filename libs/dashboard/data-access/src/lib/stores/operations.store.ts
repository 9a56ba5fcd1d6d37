import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { isTerminalOperationState, type OperationDto, type OperationLogDto, type ProxdeckEvent } from '@proxdeck/shared-contracts';
import { firstValueFrom } from 'rxjs';
import { OperationsApi } from '../api/operations.api';
import { EventStream } from '../events/event-stream.service';
import { isOlderSnapshot } from './operation-freshness';

function byNewest(a: OperationDto, b: OperationDto): number {
  return b.createdAt.localeCompare(a.createdAt);
}

function logKey(line: OperationLogDto): string {
  return `${line.at}\u0000${line.level}\u0000${line.message}`;
}

/** Operations and their logs, loaded on demand and then kept live by `operation.updated` events. */
@Injectable({ providedIn: 'root' })
export class OperationsStore {
  private readonly api = inject(OperationsApi);
  private readonly byId = signal<ReadonlyMap<string, OperationDto>>(new Map());
  private readonly logsById = signal<ReadonlyMap<string, readonly OperationLogDto[]>>(new Map());

  readonly recent = computed(() => [...this.byId().values()].sort(byNewest));

  constructor() {
    const stream = inject(EventStream);
    const events = stream.events.subscribe((event) => this.apply(event));
    const resumed = stream.resumed.subscribe(() => void this.refreshUnfinished());
    inject(DestroyRef).onDestroy(() => {
      events.unsubscribe();
      resumed.unsubscribe();
    });
  }

  /**
   * After a gap in the stream (e.g. a gateway restart) the operations seen unfinished may have ended
   * unseen: fetches them, and the logs shown of them, again. A failed fetch waits for the next resume.
   */
  async refreshUnfinished(): Promise<void> {
    const unfinished = [...this.byId().values()].filter((operation) => !isTerminalOperationState(operation.state));
    await Promise.all(
      unfinished.map(async ({ id }) => {
        try {
          this.upsert(await firstValueFrom(this.api.get(id)));
          if (this.logsById().has(id)) await this.loadLogs(id);
        } catch {
          // Still unreachable, or the operation is gone with its app: nothing newer to show.
        }
      }),
    );
  }

  forApp(appId: string): OperationDto[] {
    return this.recent().filter((operation) => operation.appId === appId);
  }

  operation(id: string): OperationDto | undefined {
    return this.byId().get(id);
  }

  logs(id: string): readonly OperationLogDto[] {
    return this.logsById().get(id) ?? [];
  }

  async loadRecent(limit = 10): Promise<void> {
    const page = await firstValueFrom(this.api.list({ limit }));
    this.upsertAll(page.items);
  }

  async loadForApp(appId: string): Promise<void> {
    const page = await firstValueFrom(this.api.list({ appId, limit: 20 }));
    this.upsertAll(page.items);
  }

  async loadLogs(operationId: string): Promise<void> {
    const fetched = await firstValueFrom(this.api.logs(operationId));
    // Lines that arrived by event while the request was in flight are kept, without doubles.
    this.logsById.update((map) => {
      const seen = new Set(fetched.map(logKey));
      const live = (map.get(operationId) ?? []).filter((line) => !seen.has(logKey(line)));
      return new Map(map).set(operationId, [...fetched, ...live]);
    });
  }

  /** Keeps the operation unless what the store holds is newer (see isOlderSnapshot). */
  upsert(operation: OperationDto): void {
    if (isOlderSnapshot(operation, this.byId().get(operation.id))) return;
    this.byId.update((map) => new Map(map).set(operation.id, operation));
  }

  apply(event: ProxdeckEvent): void {
    if (event.type !== 'operation.updated') return;
    this.upsert(event.operation);
    const line = event.log;
    if (line) {
      this.logsById.update((map) => {
        const lines = map.get(event.operation.id) ?? [];
        if (lines.some((existing) => logKey(existing) === logKey(line))) return map;
        return new Map(map).set(event.operation.id, [...lines, line]);
      });
    }
  }

  private upsertAll(operations: OperationDto[]): void {
    this.byId.update((map) => {
      const next = new Map(map);
      for (const operation of operations) {
        if (!isOlderSnapshot(operation, next.get(operation.id))) next.set(operation.id, operation);
      }
      return next;
    });
  }
}
