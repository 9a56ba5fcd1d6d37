import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, ElementRef, computed, effect, input, viewChild } from '@angular/core';
import { ProgressBarComponent } from '@proxdeck/dashboard-ui';
import { isTerminalOperationState, type OperationDto, type OperationLogDto, type StepState } from '@proxdeck/shared-contracts';

const STEP_MARKS: Record<StepState, string> = {
  pending: '○',
  running: '◐',
  done: '✓',
  failed: '✕',
  skipped: '–',
  compensated: '↺',
};

/** Progress, steps and log of one operation, all fed live by `operation.updated` events. */
@Component({
  selector: 'pd-operation-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, ProgressBarComponent],
  template: `
    <section class="pd-card panel" aria-labelledby="operation-heading">
      <div class="panel__header">
        <h2 id="operation-heading" class="section__title">{{ title() }}</h2>
        <span [class]="'op-state op-state--' + operation().state">{{ operation().state }}</span>
      </div>
      <pd-progress-bar [value]="operation().progress" [label]="typeLabel() + ' progress'" [failed]="operation().state === 'failed'" />
      <div class="panel__body">
        <div>
          <h3 class="panel__subtitle">Steps</h3>
          <ol class="steps" aria-label="Steps">
            @for (step of operation().steps; track step.name) {
              <li [attr.data-state]="step.state">
                <span class="steps__mark" aria-hidden="true">{{ marks[step.state] }}</span>
                <span class="steps__name">{{ step.name }}</span>
                <span class="steps__state">{{ step.state }}</span>
              </li>
            }
          </ol>
        </div>
        <div class="log-wrap">
          <h3 class="panel__subtitle" id="operation-log-heading">Log</h3>
          <ol #log class="log" role="log" aria-labelledby="operation-log-heading" tabindex="0">
            @for (line of logs(); track $index) {
              <li [attr.data-level]="line.level">
                <time class="log__time" [attr.datetime]="line.at">{{ line.at | date: 'HH:mm:ss' }}</time>
                <span class="log__message">{{ line.message }}</span>
              </li>
            } @empty {
              <li class="log__empty">No log lines yet.</li>
            }
          </ol>
        </div>
      </div>
    </section>
  `,
  styleUrl: './operation-panel.component.css',
})
export class OperationPanelComponent {
  readonly operation = input.required<OperationDto>();
  readonly logs = input.required<readonly OperationLogDto[]>();

  protected readonly marks = STEP_MARKS;
  private readonly log = viewChild.required<ElementRef<HTMLElement>>('log');

  protected readonly typeLabel = computed(() => {
    const type = this.operation().type;
    return type.charAt(0).toUpperCase() + type.slice(1);
  });

  protected readonly title = computed(() => {
    const operation = this.operation();
    const type = this.typeLabel();
    if (isTerminalOperationState(operation.state)) return `Last operation: ${type}`;
    return operation.state === 'queued' ? `${type} queued` : `${type} in progress`;
  });

  constructor() {
    // Follow the newest line, like a terminal.
    effect(() => {
      this.logs();
      const element = this.log().nativeElement;
      queueMicrotask(() => (element.scrollTop = element.scrollHeight));
    });
  }
}
