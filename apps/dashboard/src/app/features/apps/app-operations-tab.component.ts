import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { EmptyStateComponent } from '@proxdeck/dashboard-ui';
import type { OperationDto } from '@proxdeck/shared-contracts';

/** What was done to this app, newest first, with who asked and how it ended. */
@Component({
  selector: 'pd-app-operations-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, EmptyStateComponent],
  template: `
    @if (operations().length === 0) {
      <pd-empty-state heading="No operations yet" message="Everything done to this app (start, backup, update, …) is listed here." />
    } @else {
      <div class="pd-table-scroll">
        <table class="pd-table">
          <caption class="pd-visually-hidden">Operation history</caption>
          <thead>
            <tr>
              <th scope="col">Operation</th>
              <th scope="col">State</th>
              <th scope="col">Requested by</th>
              <th scope="col">Started</th>
              <th scope="col">Finished</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            @for (past of operations(); track past.id) {
              <tr>
                <td class="capitalize">{{ past.type }}</td>
                <td><span [class]="'op-state op-state--' + past.state">{{ past.state }}</span></td>
                <td>{{ past.requestedBy }}</td>
                <td>{{ past.createdAt | date: 'short' }}</td>
                <td>{{ past.finishedAt ? (past.finishedAt | date: 'short') : '—' }}</td>
                <td class="reason">{{ past.error ?? '' }}</td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    }
  `,
  styles: `
    .capitalize { text-transform: capitalize; }
    .reason { white-space: normal; min-width: 16em; color: var(--pd-danger); }
  `,
})
export class AppOperationsTabComponent {
  readonly operations = input.required<readonly OperationDto[]>();
}
