import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

/**
 * How much of something is used (CPU, memory, disk) as a `meter`: a bar, the percentage, and
 * optionally the amounts ("3.1 GB of 16 GB"), all read out by screen readers under `label`.
 */
@Component({
  selector: 'pd-usage-meter',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div
      class="track"
      role="meter"
      aria-valuemin="0"
      aria-valuemax="100"
      [attr.aria-valuenow]="percent()"
      [attr.aria-label]="label()"
      [attr.aria-valuetext]="valueText()"
    >
      <div class="fill" [attr.data-level]="level()" [style.width.%]="percent()"></div>
    </div>
    <span class="value" aria-hidden="true">{{ percent() }}%@if (detail()) {<span class="detail"> · {{ detail() }}</span>}</span>
  `,
  styles: `
    /* In a narrow tile the amounts wrap under the bar instead of squeezing it. */
    :host { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 10px; min-width: 160px; }
    .track { flex: 1 1 100px; height: 8px; border-radius: 999px; background: var(--pd-neutral-soft); overflow: hidden; }
    .fill { height: 100%; border-radius: inherit; background: var(--pd-success); }
    .fill[data-level='high'] { background: var(--pd-warning); }
    .fill[data-level='critical'] { background: var(--pd-danger); }
    .value { font-size: 13px; font-variant-numeric: tabular-nums; white-space: nowrap; }
    .detail { color: var(--pd-text-muted); }
  `,
})
export class UsageMeterComponent {
  /** Used share, 0-1. */
  readonly fraction = input.required<number>();
  readonly label = input.required<string>();
  readonly detail = input<string>('');

  protected readonly percent = computed(() => {
    const value = this.fraction();
    return Number.isFinite(value) ? Math.round(Math.min(1, Math.max(0, value)) * 100) : 0;
  });
  protected readonly level = computed(() => (this.percent() >= 90 ? 'critical' : this.percent() >= 75 ? 'high' : 'normal'));
  protected readonly valueText = computed(() => `${this.percent()}%${this.detail() ? `, ${this.detail()}` : ''}`);
}
