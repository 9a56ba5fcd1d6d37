import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { DomSanitizer, type SafeResourceUrl } from '@angular/platform-browser';
import { appCanvasPath } from '@proxdeck/dashboard-data-access';
import type { AppDto } from '@proxdeck/shared-contracts';

/** The app's facts and, while it runs, the app itself in a frame. */
@Component({
  selector: 'pd-app-overview-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe],
  template: `
    <section class="pd-card" aria-labelledby="details-heading">
      <h2 id="details-heading" class="section__title">Details</h2>
      <dl class="facts">
        <div><dt>Catalog app</dt><dd>{{ app().name }} ({{ app().catalogId }})</dd></div>
        <div><dt>Version</dt><dd>{{ app().version }}</dd></div>
        <div><dt>Node</dt><dd>{{ app().node ?? '—' }}</dd></div>
        <div><dt>VMID</dt><dd>{{ app().vmid ?? '—' }}</dd></div>
        <div><dt>IP address</dt><dd class="mono">{{ app().ip ?? '—' }}</dd></div>
        <div><dt>URL</dt><dd>{{ app().url ?? '—' }}</dd></div>
        <div><dt>CPU cores</dt><dd>{{ app().resources.cores }}</dd></div>
        <div><dt>Memory</dt><dd>{{ app().resources.memoryMb }} MB</dd></div>
        <div><dt>Disk</dt><dd>{{ app().resources.diskGb }} GB</dd></div>
        <div><dt>Created</dt><dd>{{ app().createdAt | date: 'medium' }}</dd></div>
      </dl>
      @if (app().pendingChanges.length) {
        <p class="pending">Applies at the next restart: {{ app().pendingChanges.join(', ') }}.</p>
      }
    </section>

    <section class="section" aria-labelledby="canvas-heading">
      <h2 id="canvas-heading">Canvas</h2>
      @if (trustedCanvasUrl(); as url) {
        <iframe class="canvas" [src]="url" [title]="app().name + ' canvas'"></iframe>
      } @else {
        <p class="muted canvas-placeholder">The app shows here while it is running.</p>
      }
    </section>
  `,
  styles: `
    .canvas { display: block; width: 100%; height: min(70vh, 720px); border: 1px solid var(--pd-border); border-radius: var(--pd-radius); background: #fff; }
    .canvas-placeholder { padding: 24px; border: 1px dashed var(--pd-border); border-radius: var(--pd-radius); background: var(--pd-surface); margin: 0; }
    .pending { margin: 16px 0 0; color: var(--pd-warning); font-weight: 600; }
  `,
})
export class AppOverviewTabComponent {
  private readonly sanitizer = inject(DomSanitizer);
  readonly app = input.required<AppDto>();

  private readonly canvasUrl = computed(() => {
    const app = this.app();
    if (app.status !== 'running') return null;
    return app.url ?? appCanvasPath(app.hostname);
  });
  /** Memoised on the URL so change detection never hands the iframe a new object (which would reload it). */
  protected readonly trustedCanvasUrl = computed<SafeResourceUrl | null>(() => {
    const url = this.canvasUrl();
    // Only gateway-provided app paths reach here; the gateway proxies managed apps only.
    return url ? this.sanitizer.bypassSecurityTrustResourceUrl(url) : null;
  });
}
