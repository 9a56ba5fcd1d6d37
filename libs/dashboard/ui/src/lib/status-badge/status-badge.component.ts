import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { AppStatus } from '@proxdeck/shared-contracts';

/**
 * An app's status as visible text in a coloured pill. It is a `status` live region, so screen
 * readers hear changes pushed by the event stream, and tests find it with getByRole('status').
 */
@Component({
  selector: 'pd-status-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    role: 'status',
    class: 'pd-status-badge',
    '[attr.data-status]': 'status()',
  },
  template: `<span class="dot" aria-hidden="true"></span>{{ status() }}`,
  styles: `
    :host {
      display: inline-flex; align-items: center; gap: 6px; padding: 2px 10px;
      border-radius: 999px; font-size: 13px; font-weight: 600; line-height: 20px;
      background: var(--pd-neutral-soft); color: var(--pd-text-muted); white-space: nowrap;
    }
    .dot { width: 8px; height: 8px; border-radius: 50%; background: currentColor; }
    :host([data-status='running']) { background: var(--pd-success-soft); color: var(--pd-success); }
    :host([data-status='provisioning']), :host([data-status='deleting']) { background: var(--pd-info-soft); color: var(--pd-info); }
    :host([data-status='provisioning']) .dot, :host([data-status='deleting']) .dot { animation: pd-pulse 1.2s ease-in-out infinite; }
    :host([data-status='error']) { background: var(--pd-danger-soft); color: var(--pd-danger); }
    :host([data-status='missing']) { background: var(--pd-warning-soft); color: var(--pd-warning); }
    @keyframes pd-pulse { 50% { opacity: 0.3; } }
  `,
})
export class StatusBadgeComponent {
  readonly status = input.required<AppStatus>();
}
