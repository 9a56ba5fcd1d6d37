import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { AppsStore, NodesStore } from '@proxdeck/dashboard-data-access';
import {
  ButtonDirective,
  EmptyStateComponent,
  ErrorStateComponent,
  LoadingStateComponent,
  StatusBadgeComponent,
  UsageMeterComponent,
  formatBytes,
  formatUptime,
} from '@proxdeck/dashboard-ui';
import type { NodeDto } from '@proxdeck/shared-contracts';

/** The cluster's nodes: what each has and uses, and (chosen by `?node=`) the apps it runs. */
@Component({
  selector: 'pd-nodes-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ButtonDirective, EmptyStateComponent, ErrorStateComponent, LoadingStateComponent, StatusBadgeComponent, UsageMeterComponent],
  templateUrl: './nodes.page.html',
  styleUrl: './nodes.page.css',
})
export class NodesPage {
  protected readonly store = inject(NodesStore);
  private readonly apps = inject(AppsStore);
  private readonly router = inject(Router);

  /** The node whose apps are shown (query parameter, so the view can be linked and reloaded). */
  readonly node = input<string>();

  protected readonly selectedApps = computed(() => {
    const node = this.node();
    return node ? this.apps.apps().filter((app) => app.node === node) : [];
  });
  protected readonly appsLoadState = this.apps.loadState;

  constructor() {
    void this.store.load();
  }

  protected showApps(node: string | null): void {
    void this.router.navigate([], { queryParams: { node }, replaceUrl: true });
  }

  protected share(used: number, total: number): number {
    return total > 0 ? used / total : 0;
  }

  protected amounts(used: number, total: number): string {
    return `${formatBytes(used)} of ${formatBytes(total)}`;
  }

  protected uptime(node: NodeDto): string {
    return node.status === 'online' ? formatUptime(node.uptime) : '—';
  }
}
