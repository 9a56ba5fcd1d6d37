import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal, type OnInit } from '@angular/core';
import { SessionStore, TokensApi, problemMessage, toProblem } from '@proxdeck/dashboard-data-access';
import { ButtonDirective, ConfirmDialogComponent, EmptyStateComponent, ErrorStateComponent, LoadingStateComponent, ToastService } from '@proxdeck/dashboard-ui';
import { ROLES, roleAllows, type ApiTokenDto, type CreateApiTokenRequest, type ProblemDetails, type Role } from '@proxdeck/shared-contracts';
import { firstValueFrom } from 'rxjs';
import { fieldErrors } from './settings-form';
import { TextFieldComponent } from './text-field.component';

/** API tokens for scripts and CI: create (the secret is shown once, with a copy button), list, delete. */
@Component({
  selector: 'pd-tokens-section',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, ButtonDirective, ConfirmDialogComponent, EmptyStateComponent, ErrorStateComponent, LoadingStateComponent, TextFieldComponent],
  templateUrl: './tokens-section.component.html',
  styles: `
    .create { display: grid; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); gap: 0 16px; align-items: end; margin-top: 20px; }
    .create .submit { margin-bottom: 16px; }
    .form-error { grid-column: 1 / -1; }
    .secret { display: flex; gap: 8px; margin: 8px 0; }
    .secret input { font-family: var(--pd-font-mono); }
  `,
})
export class TokensSectionComponent implements OnInit {
  private readonly api = inject(TokensApi);
  private readonly session = inject(SessionStore);
  private readonly toasts = inject(ToastService);

  protected readonly tokens = signal<ApiTokenDto[]>([]);
  protected readonly state = signal<'loading' | 'loaded' | 'error'>('loading');
  protected readonly error = signal('');
  protected readonly rowError = signal('');
  protected readonly isAdmin = computed(() => this.session.user()?.role === 'admin');
  /** A token may have at most its owner's role. */
  protected readonly roles = computed(() => ROLES.filter((role) => roleAllows(this.session.user()?.role ?? 'viewer', role)));

  protected readonly name = signal('');
  protected readonly role = signal<Role | ''>('');
  protected readonly expiresInDays = signal('');
  protected readonly creating = signal(false);
  protected readonly createProblem = signal<ProblemDetails | null>(null);
  protected readonly createErrors = computed(() => fieldErrors(this.createProblem()));
  protected readonly createMessage = computed(() => {
    const problem = this.createProblem();
    if (!problem) return '';
    return Object.keys(problem.errors ?? {}).length ? '' : problemMessage(problem);
  });

  /** The secret of the token just created: shown until dismissed, never again. */
  protected readonly secret = signal<{ name: string; value: string } | null>(null);
  protected readonly copied = signal(false);

  protected readonly deleting = signal<ApiTokenDto | null>(null);
  protected readonly deleteBusy = signal(false);

  ngOnInit(): void {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.state.set('loading');
    try {
      this.tokens.set(await firstValueFrom(this.api.list()));
      this.state.set('loaded');
    } catch (error) {
      this.error.set(problemMessage(toProblem(error)));
      this.state.set('error');
    }
  }

  protected asRole(value: string): Role | '' {
    return (ROLES as readonly string[]).includes(value) ? (value as Role) : '';
  }

  protected async create(event: Event): Promise<void> {
    event.preventDefault();
    const days = this.expiresInDays().trim();
    if (days && !/^\d+$/.test(days)) {
      this.createProblem.set({ type: 'about:blank', title: 'Invalid input', status: 400, detail: '', code: 'VALIDATION_FAILED', errors: { expiresInDays: 'must be a whole number of days' } });
      return;
    }
    const request: CreateApiTokenRequest = {
      name: this.name().trim(),
      ...(this.role() ? { role: this.role() as Role } : {}),
      ...(days ? { expiresInDays: Number(days) } : {}),
    };
    this.creating.set(true);
    this.createProblem.set(null);
    try {
      const created = await firstValueFrom(this.api.create(request));
      this.tokens.update((tokens) => [created.token, ...tokens]);
      this.secret.set({ name: created.token.name, value: created.secret });
      this.copied.set(false);
      this.name.set('');
      this.role.set('');
      this.expiresInDays.set('');
    } catch (error) {
      this.createProblem.set(toProblem(error));
    } finally {
      this.creating.set(false);
    }
  }

  protected async copy(value: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(value);
      this.copied.set(true);
    } catch {
      this.toasts.error('The browser did not allow copying. Select the token and copy it by hand.');
    }
  }

  protected async remove(): Promise<void> {
    const token = this.deleting();
    if (!token) return;
    this.deleteBusy.set(true);
    this.rowError.set('');
    try {
      await firstValueFrom(this.api.delete(token.id));
      this.tokens.update((tokens) => tokens.filter((t) => t.id !== token.id));
      this.toasts.success(`The token ${token.name} was deleted; scripts using it are refused from now on.`);
    } catch (error) {
      this.rowError.set(`The token ${token.name} was not deleted. ${problemMessage(toProblem(error))}`);
    } finally {
      this.deleteBusy.set(false);
      this.deleting.set(null);
    }
  }
}
