import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import type { NodeDto, ProxdeckEvent } from '@proxdeck/shared-contracts';
import { firstValueFrom } from 'rxjs';
import { NodesApi } from '../api/nodes.api';
import { problemMessage, toProblem } from '../api/problem';
import { EventStream } from '../events/event-stream.service';
import type { LoadState } from './apps.store';

/** What the cluster as a whole has and uses, for the dashboard's health summary. */
export interface ClusterHealth {
  online: number;
  total: number;
  /** Used and total bytes of the online nodes. */
  memory: { used: number; total: number };
  /** Mean CPU use (0-1) of the online nodes; null without any. */
  cpu: number | null;
}

export function clusterHealth(nodes: readonly NodeDto[]): ClusterHealth {
  const online = nodes.filter((node) => node.status === 'online');
  return {
    online: online.length,
    total: nodes.length,
    memory: {
      used: online.reduce((sum, node) => sum + node.memory.used, 0),
      total: online.reduce((sum, node) => sum + node.memory.total, 0),
    },
    cpu: online.length ? online.reduce((sum, node) => sum + node.cpu, 0) / online.length : null,
  };
}

/** The cluster's nodes: one load, then `node.updated` events; read again when the stream resumes. */
@Injectable({ providedIn: 'root' })
export class NodesStore {
  private readonly api = inject(NodesApi);
  private readonly byName = signal<ReadonlyMap<string, NodeDto>>(new Map());

  readonly loadState = signal<LoadState>('idle');
  readonly loadError = signal<string | null>(null);
  readonly nodes = computed(() => [...this.byName().values()].sort((a, b) => a.name.localeCompare(b.name)));
  readonly health = computed(() => clusterHealth(this.nodes()));

  constructor() {
    const stream = inject(EventStream);
    const events = stream.events.subscribe((event) => this.apply(event));
    // Also after an error: a resume can come while the gateway is still going down, and the reload
    // it started fails; the next resume must try again, or the view keeps what it showed before the gap.
    const resumed = stream.resumed.subscribe(() => {
      if (this.loadState() === 'loaded' || this.loadState() === 'error') void this.load();
    });
    inject(DestroyRef).onDestroy(() => {
      events.unsubscribe();
      resumed.unsubscribe();
    });
  }

  node(name: string): NodeDto | undefined {
    return this.byName().get(name);
  }

  async load(): Promise<void> {
    // A reload keeps showing the nodes it has; only the first load shows a spinner.
    if (this.loadState() !== 'loaded') this.loadState.set('loading');
    try {
      const nodes = await firstValueFrom(this.api.list());
      this.byName.set(new Map(nodes.map((node) => [node.name, node])));
      this.loadError.set(null);
      this.loadState.set('loaded');
    } catch (error) {
      this.loadError.set(problemMessage(toProblem(error)));
      this.loadState.set('error');
    }
  }

  apply(event: ProxdeckEvent): void {
    if (event.type !== 'node.updated') return;
    this.byName.update((map) => new Map(map).set(event.node.name, event.node));
  }
}
