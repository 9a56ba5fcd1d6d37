import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { anApp } from '@proxdeck/dashboard-data-access';
import type { MetricsPointDto } from '@proxdeck/shared-contracts';
import { MetricsChartComponent } from '../monitoring/metrics-chart.component';
import { AppMetricsTabComponent } from './app-metrics-tab.component';

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

const aPoint = (at: string): MetricsPointDto => ({ at, cpu: 0.2, memoryUsed: 1, memoryTotal: 2, netIn: 3, netOut: 4, diskRead: 0, diskWrite: 0 });

async function settle(fixture: { whenStable(): Promise<unknown> }): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
}

describe('AppMetricsTabComponent', () => {
  function render() {
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    TestBed.overrideComponent(AppMetricsTabComponent, { remove: { imports: [MetricsChartComponent] }, add: { imports: [FakeMetricsChart] } });
    const fixture = TestBed.createComponent(AppMetricsTabComponent);
    fixture.componentRef.setInput('app', anApp({ id: 'a1', hostname: 'web-1' }));
    return { fixture, backend: TestBed.inject(HttpTestingController), root: fixture.nativeElement as HTMLElement };
  }

  it("charts the app's last hour, reloads for another timeframe, and links to Monitoring", async () => {
    const { fixture, backend, root } = render();
    fixture.detectChanges();
    backend.expectOne('/api/v1/apps/a1/metrics?timeframe=hour').flush({ timeframe: 'hour', points: [aPoint('2026-11-24T10:00:00Z')] });
    await settle(fixture);
    expect([...root.querySelectorAll('.fake-chart')].map((el) => el.textContent)).toEqual(['CPU: 1 points', 'Memory: 1 points', 'Network: 1 points']);

    root.querySelector<HTMLInputElement>('input[value="day"]')?.click();
    fixture.detectChanges();
    backend.expectOne('/api/v1/apps/a1/metrics?timeframe=day').flush({ timeframe: 'day', points: [] });
    await settle(fixture);
    expect(root.textContent).toContain('No metrics yet');
    expect(root.querySelector('a')?.getAttribute('href')).toBe('/monitoring?app=a1&timeframe=day');
    backend.verify();
  });

  it('says why when the metrics cannot be read', async () => {
    const { fixture, backend, root } = render();
    fixture.detectChanges();
    backend.expectOne('/api/v1/apps/a1/metrics?timeframe=hour').flush(
      { type: 'about:blank', title: 'Bad Gateway', status: 502, detail: 'Proxmox is unreachable.', code: 'PROXMOX_UNREACHABLE' },
      { status: 502, statusText: 'Bad Gateway' },
    );
    await settle(fixture);
    expect(root.textContent).toContain('Metrics could not be loaded');
    expect(root.textContent).toContain('Proxmox is unreachable.');
  });
});
