import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal, type OnInit } from '@angular/core';
import { OperationsStore, problemMessage, toProblem } from '@proxdeck/dashboard-data-access';
import { ErrorStateComponent, LoadingStateComponent } from '@proxdeck/dashboard-ui';

/** An operation's log (`GET /operations/:id/logs`), with lines of a running one appended live. */
@Component({
  selector: 'pd-operation-log',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, ErrorStateComponent, LoadingStateComponent],
  template: `
    @switch (state()) {
      @case ('loading') {
        <pd-loading-state label="Loading the log…" />
      }
      @case ('error') {
        <pd-error-state heading="The log could not be loaded" [message]="error()" (retry)="load()" />
      }
      @default {
        @if (lines().length === 0) {
          <p class="muted empty">This operation has written no log lines.</p>
        } @else {
          <ol class="log" role="log" [attr.aria-label]="label()">
            @for (line of lines(); track $index) {
              <li [attr.data-level]="line.level">
                <time [attr.datetime]="line.at">{{ line.at | date: 'HH:mm:ss' }}</time>
                <span class="level">{{ line.level }}</span>
                <span class="message">{{ line.message }}</span>
              </li>
            }
          </ol>
        }
      }
    }
  `,
  styles: `
    .log { list-style: none; margin: 0; padding: 8px 12px; max-height: 280px; overflow: auto; font-family: var(--pd-font-mono); font-size: 12px;
      background: var(--pd-surface-muted); border-radius: var(--pd-radius-sm); white-space: normal; }
    .log li { display: flex; gap: 10px; padding: 1px 0; }
    .log time, .level { color: var(--pd-text-muted); flex-shrink: 0; }
    .level { min-width: 3.5em; text-transform: uppercase; }
    li[data-level='warn'] .level { color: var(--pd-warning); }
    li[data-level='error'] .level, li[data-level='error'] .message { color: var(--pd-danger); }
    .message { overflow-wrap: anywhere; }
    .empty { margin: 0; }
  `,
})
export class OperationLogComponent implements OnInit {
  readonly operationId = input.required<string>();
  readonly label = input.required<string>();

  private readonly store = inject(OperationsStore);
  protected readonly state = signal<'loading' | 'loaded' | 'error'>('loading');
  protected readonly error = signal('');
  protected readonly lines = computed(() => this.store.logs(this.operationId()));

  ngOnInit(): void {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.state.set('loading');
    try {
      await this.store.loadLogs(this.operationId());
      this.state.set('loaded');
    } catch (error) {
      this.error.set(problemMessage(toProblem(error)));
      this.state.set('error');
    }
  }
}
