import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { SessionStore, problemMessage, toProblem } from '@proxdeck/dashboard-data-access';
import { ToastService } from '@proxdeck/dashboard-ui';

/**
 * AUTO/PRO: a switch that is on in PRO. AUTO hides advanced settings (retention tiers, env, node
 * choice); PRO shows everything. Saved on the server, so it follows the user to other browsers.
 */
@Component({
  selector: 'pd-mode-switch',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button
      type="button"
      role="switch"
      class="switch"
      [attr.aria-checked]="pro()"
      aria-label="PRO mode"
      [title]="pro() ? 'PRO: every operation and setting is shown' : 'AUTO: the essentials, with sensible defaults'"
      [disabled]="saving()"
      (click)="toggle()"
    >
      <span class="switch__option" [class.switch__option--on]="!pro()">AUTO</span>
      <span class="switch__option" [class.switch__option--on]="pro()">PRO</span>
    </button>
  `,
  styles: `
    .switch {
      display: inline-flex; padding: 2px; gap: 2px; border-radius: 999px; cursor: pointer; font: inherit;
      border: 1px solid var(--pd-border); background: var(--pd-surface-muted);
    }
    .switch:focus-visible { outline: 2px solid var(--pd-focus); outline-offset: 2px; }
    .switch:disabled { opacity: 0.6; cursor: progress; }
    .switch__option { padding: 2px 10px; border-radius: 999px; font-size: 12px; font-weight: 700; color: var(--pd-text-muted); }
    .switch__option--on { background: var(--pd-primary); color: var(--pd-primary-text); }
  `,
})
export class ModeSwitchComponent {
  private readonly session = inject(SessionStore);
  private readonly toasts = inject(ToastService);
  protected readonly pro = computed(() => this.session.mode() === 'pro');
  protected readonly saving = signal(false);

  protected async toggle(): Promise<void> {
    this.saving.set(true);
    try {
      await this.session.setMode(this.pro() ? 'auto' : 'pro');
    } catch (error) {
      this.toasts.error(`The mode could not be changed. ${problemMessage(toProblem(error))}`);
    } finally {
      this.saving.set(false);
    }
  }
}
