import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { isTerminalOperationState, type BackupDto, type OperationType, type ProxdeckEvent } from '@proxdeck/shared-contracts';
import { firstValueFrom } from 'rxjs';
import { BackupsApi } from '../api/backups.api';
import { readAllPages } from '../api/list-answer';
import { EventStream } from '../events/event-stream.service';

/** Operations that create or remove backups: when one ends, the lists it touched are read again. */
const BACKUP_CHANGING: readonly OperationType[] = ['backup', 'backup-delete', 'update'];

/** Newest first; the id breaks ties (a batch taken in one go) so a reload never reshuffles the pages. */
function byNewest(a: BackupDto, b: BackupDto): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * Backups the console has seen, kept live by `backup.updated` / `backup.deleted` events. Views ask
 * for all of them (Backups page) or one app's (its Backups tab); both read the same map.
 */
@Injectable({ providedIn: 'root' })
export class BackupsStore {
  private readonly api = inject(BackupsApi);
  private readonly byId = signal<ReadonlyMap<string, BackupDto>>(new Map());
  /** Which lists were loaded, so an ending operation refreshes only those. */
  private readonly allLoadedOnce = signal(false);
  private readonly appsLoaded = new Set<string>();
  /** The load of all backups in flight, shared by whoever asks meanwhile. */
  private loadingAll: Promise<void> | null = null;
  /** Events that came while that load was in flight: newer than its pages, so they win (null: deleted). */
  private changedDuringLoad: Map<string, BackupDto | null> | null = null;

  /** True once every backup was read: from then on events keep `all()` current, so views show it at once. */
  readonly allLoaded = this.allLoadedOnce.asReadonly();

  readonly all = computed(() => [...this.byId().values()].sort(byNewest));

  constructor() {
    const stream = inject(EventStream);
    const events = stream.events.subscribe((event) => this.apply(event));
    const resumed = stream.resumed.subscribe(() => void this.refreshLoaded().catch(() => undefined));
    inject(DestroyRef).onDestroy(() => {
      events.unsubscribe();
      resumed.unsubscribe();
    });
  }

  forApp(appId: string): BackupDto[] {
    return this.all().filter((backup) => backup.appId === appId);
  }

  backup(id: string): BackupDto | undefined {
    return this.byId().get(id);
  }

  /** Reads every page of all backups; a second call while one runs waits for that one. */
  loadAll(): Promise<void> {
    this.loadingAll ??= this.readAll().finally(() => {
      this.loadingAll = null;
      this.changedDuringLoad = null;
    });
    return this.loadingAll;
  }

  private async readAll(): Promise<void> {
    this.changedDuringLoad = new Map();
    const backups = await readAllPages((cursor) => this.api.list(cursor));
    const next = new Map(backups.map((backup) => [backup.id, backup]));
    for (const [id, backup] of this.changedDuringLoad) {
      if (backup) next.set(id, backup);
      else next.delete(id);
    }
    this.allLoadedOnce.set(true);
    this.byId.set(next);
  }

  async loadForApp(appId: string): Promise<void> {
    const page = await firstValueFrom(this.api.listForApp(appId));
    this.appsLoaded.add(appId);
    this.byId.update((map) => {
      const next = new Map([...map].filter(([, backup]) => backup.appId !== appId));
      for (const backup of page.items) next.set(backup.id, backup);
      return next;
    });
  }

  upsert(backup: BackupDto): void {
    this.changedDuringLoad?.set(backup.id, backup);
    this.byId.update((map) => new Map(map).set(backup.id, backup));
  }

  remove(id: string): void {
    this.changedDuringLoad?.set(id, null);
    if (!this.byId().has(id)) return;
    this.byId.update((map) => {
      const next = new Map(map);
      next.delete(id);
      return next;
    });
  }

  apply(event: ProxdeckEvent): void {
    switch (event.type) {
      case 'backup.updated':
        this.upsert(event.backup);
        break;
      case 'backup.deleted':
        this.remove(event.backupId);
        break;
      case 'app.deleted':
        // Its backups stay (they outlive the app), but its own list cannot be read any more.
        this.appsLoaded.delete(event.appId);
        break;
      case 'operation.updated': {
        const { operation } = event;
        // Events are the main feed; a reload after the operation ends covers a missed one.
        if (isTerminalOperationState(operation.state) && BACKUP_CHANGING.includes(operation.type)) {
          void this.refreshLoaded(operation.appId).catch(() => undefined);
        }
        break;
      }
      default:
        break;
    }
  }

  private async refreshLoaded(appId?: string | null): Promise<void> {
    if (this.allLoaded()) {
      await this.loadAll();
    } else if (appId && this.appsLoaded.has(appId)) {
      await this.loadForApp(appId);
    } else if (!appId) {
      await Promise.all([...this.appsLoaded].map((id) => this.loadForApp(id)));
    }
  }
}
