import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

/** Determinate progress (0-100) with its value also visible as text. */
@Component({
  selector: 'pd-progress-bar',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div
      class="track"
      role="progressbar"
      aria-valuemin="0"
      aria-valuemax="100"
      [attr.aria-valuenow]="clamped()"
      [attr.aria-label]="label()"
      [attr.aria-valuetext]="clamped() + '%'"
    >
      <div class="fill" [class.fill--failed]="failed()" [style.width.%]="clamped()"></div>
    </div>
    <span class="value" aria-hidden="true">{{ clamped() }}%</span>
  `,
  styles: `
    :host { display: flex; align-items: center; gap: 12px; }
    .track { flex: 1; height: 8px; border-radius: 999px; background: var(--pd-neutral-soft); overflow: hidden; }
    .fill { height: 100%; background: var(--pd-primary); border-radius: inherit; transition: width 300ms ease; }
    .fill--failed { background: var(--pd-danger); }
    .value { font-size: 13px; font-variant-numeric: tabular-nums; color: var(--pd-text-muted); min-width: 3.5em; text-align: right; }
  `,
})
export class ProgressBarComponent {
  readonly value = input.required<number>();
  readonly label = input.required<string>();
  readonly failed = input(false);
  protected readonly clamped = computed(() => Math.round(Math.min(100, Math.max(0, this.value()))));
}
