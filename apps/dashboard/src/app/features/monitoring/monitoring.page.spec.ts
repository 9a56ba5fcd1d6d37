import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { anApp, AppsStore, NodesStore } from '@proxdeck/dashboard-data-access';
import type { MetricsPointDto, NodeDto } from '@proxdeck/shared-contracts';
import { MetricsChartComponent } from './metrics-chart.component';
import { MonitoringPage } from './monitoring.page';

/** Stands in for the ECharts canvas, which jsdom cannot draw. */
@Component({
  selector: 'pd-metrics-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<p class="fake-chart">{{ heading() }}: {{ points().length }} points</p>`,
})
class FakeMetricsChart {
  readonly kind = input.required<string>();
  readonly heading = input.required<string>();
  readonly points = input.required<readonly MetricsPointDto[]>();
}

const aNode = (name: string): NodeDto => ({ name, status: 'online', cpu: 0.1, memory: { used: 1, total: 2 }, disk: { used: 1, total: 2 }, uptime: 60, apps: 0 });
const aPoint = (at: string): MetricsPointDto => ({ at, cpu: 0.2, memoryUsed: 1, memoryTotal: 2, netIn: 3, netOut: 4, diskRead: 0, diskWrite: 0 });

async function settle(fixture: { whenStable(): Promise<unknown> }): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
}

function render(inputs: Record<string, string> = {}) {
  TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
  TestBed.overrideComponent(MonitoringPage, { remove: { imports: [MetricsChartComponent] }, add: { imports: [FakeMetricsChart] } });
  const backend = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(MonitoringPage);
  for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
  return { fixture, backend, root: fixture.nativeElement as HTMLElement };
}

describe('MonitoringPage', () => {
  it("charts the first node's last hour until something else is chosen", async () => {
    const { fixture, backend, root } = render();
    fixture.detectChanges();
    backend.expectOne('/api/v1/nodes').flush([aNode('pve1'), aNode('pve2')]);
    await settle(fixture);
    backend.expectOne('/api/v1/nodes/pve1/metrics?timeframe=hour').flush({ timeframe: 'hour', points: [aPoint('2026-11-24T10:00:00Z')] });
    await settle(fixture);

    expect([...root.querySelectorAll('.fake-chart')].map((el) => el.textContent)).toEqual(['CPU: 1 points', 'Memory: 1 points', 'Network: 1 points']);
    expect(root.querySelector<HTMLSelectElement>('#metrics-target')?.value).toBe('node:pve1');
    expect(root.querySelector<HTMLInputElement>('input[value="hour"]')?.checked).toBe(true);

    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    root.querySelector<HTMLInputElement>('input[value="week"]')?.click();
    expect(navigate).toHaveBeenCalledWith([], { queryParams: { timeframe: 'week' }, queryParamsHandling: 'merge', replaceUrl: true });
    backend.verify();
  });

  it("loads an app's metrics for the asked timeframe and says when there are none", async () => {
    const { fixture, backend, root } = render({ app: 'a1', timeframe: 'day' });
    TestBed.inject(AppsStore).upsert(anApp({ id: 'a1', hostname: 'web-1' }));
    fixture.detectChanges();
    backend.expectOne('/api/v1/nodes').flush([aNode('pve1')]);
    backend.expectOne('/api/v1/apps/a1/metrics?timeframe=day').flush({ timeframe: 'day', points: [] });
    await settle(fixture);
    expect(root.textContent).toContain('No metrics yet');
    expect(root.textContent).toContain('app web-1');
    expect(root.querySelector<HTMLSelectElement>('#metrics-target')?.value).toBe('app:a1');
  });

  it('ignores an answer for a choice that was replaced, and offers a retry on failure', async () => {
    const { fixture, backend, root } = render({ node: 'pve1' });
    TestBed.inject(NodesStore).loadState.set('loaded');
    fixture.detectChanges();
    const first = backend.expectOne('/api/v1/nodes/pve1/metrics?timeframe=hour');
    fixture.componentRef.setInput('node', 'pve2');
    fixture.detectChanges();
    backend
      .expectOne('/api/v1/nodes/pve2/metrics?timeframe=hour')
      .flush({ type: 'about:blank', title: 'Proxmox unreachable', status: 503, detail: '', code: 'PROXMOX_UNREACHABLE' }, { status: 503, statusText: 'Unavailable' });
    first.flush({ timeframe: 'hour', points: [aPoint('2026-11-24T10:00:00Z')] });
    await settle(fixture);
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('Proxmox unreachable');
    expect(root.querySelector('.fake-chart')).toBeNull();

    root.querySelector<HTMLButtonElement>('[role="alert"] button')?.click();
    backend.expectOne('/api/v1/nodes/pve2/metrics?timeframe=hour').flush({ timeframe: 'hour', points: [aPoint('2026-11-24T10:00:00Z')] });
    await settle(fixture);
    expect(root.querySelectorAll('.fake-chart')).toHaveLength(3);
  });
});
