import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { METRICS_TIMEFRAMES, type MetricsTimeframe } from '@proxdeck/shared-contracts';

const LABELS: Record<MetricsTimeframe, string> = { hour: 'Hour', day: 'Day', week: 'Week' };

/** Hour / day / week as one radio group (arrow keys move between them), for every metrics chart. */
@Component({
  selector: 'pd-timeframe-picker',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <fieldset class="timeframes">
      <legend class="pd-label">Timeframe</legend>
      <div class="segmented">
        @for (t of timeframes; track t) {
          <label class="segment" [class.segment--on]="value() === t">
            <input type="radio" [name]="name()" [value]="t" [checked]="value() === t" (change)="changed.emit(t)" />
            {{ labels[t] }}
          </label>
        }
      </div>
    </fieldset>
  `,
  styles: `
    .timeframes { border: 0; padding: 0; margin: 0; display: flex; flex-direction: column; gap: 4px; }
    .timeframes legend { padding: 0; margin-bottom: 4px; }
    .segmented { display: inline-flex; border: 1px solid var(--pd-border); border-radius: var(--pd-radius-sm); overflow: hidden; background: var(--pd-surface); }
    .segment { position: relative; padding: 7px 14px; font-size: 14px; font-weight: 600; cursor: pointer; color: var(--pd-text); }
    .segment + .segment { border-left: 1px solid var(--pd-border); }
    .segment input { position: absolute; opacity: 0; inset: 0; margin: 0; cursor: pointer; }
    .segment--on { background: var(--pd-primary); color: var(--pd-primary-text); }
    .segment:focus-within { outline: 2px solid var(--pd-focus); outline-offset: -2px; }
  `,
})
export class TimeframePickerComponent {
  readonly value = input.required<MetricsTimeframe>();
  /** Radio group name; unique per page. */
  readonly name = input('timeframe');
  readonly changed = output<MetricsTimeframe>();

  protected readonly timeframes = METRICS_TIMEFRAMES;
  protected readonly labels = LABELS;
}
