import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NodesStore } from '@proxdeck/dashboard-data-access';
import { ErrorStateComponent, LoadingStateComponent, UsageMeterComponent, formatBytes } from '@proxdeck/dashboard-ui';

/** The cluster at a glance: nodes online, and memory and CPU use of the online ones. */
@Component({
  selector: 'pd-cluster-health',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ErrorStateComponent, LoadingStateComponent, UsageMeterComponent],
  template: `
    @switch (nodes.loadState()) {
      @case ('error') {
        <pd-error-state heading="The cluster could not be read" [message]="nodes.loadError() ?? ''" (retry)="nodes.load()" />
      }
      @case ('loaded') {
        <div class="health">
          <div class="pd-card tile" [attr.data-state]="allOnline() ? 'ok' : 'degraded'">
            <span class="tile__value">{{ health().online }}/{{ health().total }}</span>
            <span class="tile__label"><a routerLink="/nodes">Nodes online</a></span>
          </div>
          <div class="pd-card tile">
            <span class="tile__label">Memory</span>
            <pd-usage-meter [fraction]="memoryShare()" label="Cluster memory" [detail]="memoryDetail()" />
          </div>
          <div class="pd-card tile">
            <span class="tile__label">CPU</span>
            <pd-usage-meter [fraction]="health().cpu ?? 0" label="Cluster CPU" />
          </div>
        </div>
      }
      @default {
        <pd-loading-state label="Reading the cluster…" />
      }
    }
  `,
  styles: `
    .health { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 12px; }
    .tile { display: flex; flex-direction: column; gap: 8px; padding: 16px 18px; border-top: 3px solid var(--pd-border); }
    .tile[data-state='ok'] { border-top-color: var(--pd-success); }
    .tile[data-state='degraded'] { border-top-color: var(--pd-danger); }
    .tile__value { font-size: 28px; font-weight: 700; line-height: 1.1; font-variant-numeric: tabular-nums; }
    .tile__label { color: var(--pd-text-muted); font-weight: 600; font-size: 13px; }
  `,
})
export class ClusterHealthComponent {
  protected readonly nodes = inject(NodesStore);
  protected readonly health = this.nodes.health;
  protected readonly allOnline = computed(() => this.health().total > 0 && this.health().online === this.health().total);
  protected readonly memoryShare = computed(() => {
    const { used, total } = this.health().memory;
    return total > 0 ? used / total : 0;
  });
  protected readonly memoryDetail = computed(() => `${formatBytes(this.health().memory.used)} of ${formatBytes(this.health().memory.total)}`);

  constructor() {
    void this.nodes.load();
  }
}
