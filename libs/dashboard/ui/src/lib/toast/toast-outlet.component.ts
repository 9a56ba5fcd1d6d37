import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { ToastService } from './toast.service';

/**
 * Renders the toasts. Errors are `alert`s (announced at once); the others are read politely by
 * the container's live region. Deliberately no `status` role: that belongs to app status badges.
 */
@Component({
  selector: 'pd-toast-outlet',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="toasts" aria-live="polite">
      @for (toast of toasts.toasts(); track toast.id) {
        <div class="toast" [class]="'toast toast--' + toast.kind" [attr.role]="toast.kind === 'error' ? 'alert' : null">
          <p>{{ toast.message }}</p>
          <button type="button" class="close" aria-label="Dismiss notification" (click)="toasts.dismiss(toast.id)">
            <span aria-hidden="true">✕</span>
          </button>
        </div>
      }
    </div>
  `,
  styles: `
    .toasts {
      position: fixed; right: 16px; bottom: 16px; z-index: 1000;
      display: flex; flex-direction: column; gap: 8px; width: min(380px, calc(100vw - 32px));
    }
    .toast {
      display: flex; align-items: flex-start; gap: 8px; padding: 12px 14px;
      border-radius: var(--pd-radius); box-shadow: var(--pd-shadow-lg);
      background: var(--pd-surface); border: 1px solid var(--pd-border); border-left-width: 4px;
    }
    .toast p { margin: 0; flex: 1; font-size: 14px; }
    .toast--success { border-left-color: var(--pd-success); }
    .toast--info { border-left-color: var(--pd-info); }
    .toast--error { border-left-color: var(--pd-danger); }
    .close { border: 0; background: none; cursor: pointer; color: var(--pd-text-muted); padding: 2px 4px; font: inherit; }
  `,
})
export class ToastOutletComponent {
  protected readonly toasts = inject(ToastService);
}
