import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal, type OnInit } from '@angular/core';
import { SessionStore, UsersApi, problemMessage, toProblem } from '@proxdeck/dashboard-data-access';
import { ButtonDirective, ConfirmDialogComponent, DialogComponent, ErrorStateComponent, LoadingStateComponent, ToastService } from '@proxdeck/dashboard-ui';
import { ROLES, type ProblemDetails, type Role, type UserDto } from '@proxdeck/shared-contracts';
import { firstValueFrom } from 'rxjs';
import { fieldErrors, validateNewUser, validatePassword } from './settings-form';
import { TextFieldComponent } from './text-field.component';

/** People who may sign in and what they may do: create, change role, reset password, delete. */
@Component({
  selector: 'pd-users-section',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, ButtonDirective, ConfirmDialogComponent, DialogComponent, ErrorStateComponent, LoadingStateComponent, TextFieldComponent],
  templateUrl: './users-section.component.html',
  styles: `
    .create { display: grid; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); gap: 0 16px; align-items: end; margin-top: 20px; }
    .create .submit { margin-bottom: 16px; }
    .form-error { grid-column: 1 / -1; }
    .row-actions { display: flex; gap: 6px; }
    .you { color: var(--pd-text-muted); font-size: 13px; }
    td .pd-select { min-width: 120px; }
  `,
})
export class UsersSectionComponent implements OnInit {
  private readonly api = inject(UsersApi);
  private readonly session = inject(SessionStore);
  private readonly toasts = inject(ToastService);

  protected readonly roles = ROLES;
  protected readonly users = signal<UserDto[]>([]);
  protected readonly state = signal<'loading' | 'loaded' | 'error'>('loading');
  protected readonly error = signal('');
  protected readonly me = computed(() => this.session.user()?.id ?? null);
  /** A failed change of one row, shown above the table. */
  protected readonly rowError = signal('');

  protected readonly newUsername = signal('');
  protected readonly newPassword = signal('');
  protected readonly newRole = signal<Role>('viewer');
  protected readonly creating = signal(false);
  protected readonly createProblem = signal<ProblemDetails | null>(null);
  private readonly createClientErrors = signal<Record<string, string>>({});
  protected readonly createErrors = computed(() => ({ ...fieldErrors(this.createProblem()), ...this.createClientErrors() }));
  /** Problems not about one field (e.g. the name is taken) go above the form. */
  protected readonly createMessage = computed(() => {
    const problem = this.createProblem();
    if (!problem) return '';
    const named = Object.keys(problem.errors ?? {}).some((field) => ['username', 'password', 'role'].includes(field));
    return named ? '' : problemMessage(problem);
  });

  protected readonly resetting = signal<UserDto | null>(null);
  protected readonly resetPassword = signal('');
  protected readonly resetProblem = signal<ProblemDetails | null>(null);
  protected readonly resetBusy = signal(false);
  private readonly resetClientError = signal<string | null>(null);

  protected readonly deleting = signal<UserDto | null>(null);
  protected readonly deleteBusy = signal(false);

  ngOnInit(): void {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.state.set('loading');
    try {
      this.users.set(await firstValueFrom(this.api.list()));
      this.state.set('loaded');
    } catch (error) {
      this.error.set(problemMessage(toProblem(error)));
      this.state.set('error');
    }
  }

  protected asRole(value: string): Role {
    return (ROLES as readonly string[]).includes(value) ? (value as Role) : 'viewer';
  }

  protected async create(event: Event): Promise<void> {
    event.preventDefault();
    this.createProblem.set(null);
    const errors = validateNewUser(this.newUsername(), this.newPassword());
    this.createClientErrors.set(errors);
    if (Object.keys(errors).length) return;
    this.creating.set(true);
    try {
      const user = await firstValueFrom(this.api.create({ username: this.newUsername().trim(), password: this.newPassword(), role: this.newRole() }));
      this.users.update((users) => [...users, user]);
      this.toasts.success(`${user.username} can now sign in as ${user.role}.`);
      this.newUsername.set('');
      this.newPassword.set('');
      this.newRole.set('viewer');
    } catch (error) {
      this.createProblem.set(toProblem(error));
    } finally {
      this.creating.set(false);
    }
  }

  protected async changeRole(user: UserDto, role: Role, select: HTMLSelectElement): Promise<void> {
    if (role === user.role) return;
    this.rowError.set('');
    try {
      const updated = await firstValueFrom(this.api.update(user.id, { role }));
      this.replace(updated);
      this.toasts.success(`${updated.username} is now ${updated.role}.`);
    } catch (error) {
      select.value = user.role; // The server kept the old role; show it again.
      this.rowError.set(`The role of ${user.username} was not changed. ${problemMessage(toProblem(error))}`);
    }
  }

  protected openReset(user: UserDto): void {
    this.resetPassword.set('');
    this.resetProblem.set(null);
    this.resetClientError.set(null);
    this.resetting.set(user);
  }

  protected async reset(event: Event): Promise<void> {
    event.preventDefault();
    const user = this.resetting();
    if (!user) return;
    this.resetProblem.set(null);
    const invalid = validatePassword(this.resetPassword());
    this.resetClientError.set(invalid);
    if (invalid) return;
    this.resetBusy.set(true);
    try {
      await firstValueFrom(this.api.update(user.id, { password: this.resetPassword() }));
      this.toasts.success(`The password of ${user.username} was changed.`);
      this.resetting.set(null);
    } catch (error) {
      this.resetProblem.set(toProblem(error));
    } finally {
      this.resetBusy.set(false);
    }
  }

  protected resetError(): string | undefined {
    const invalid = this.resetClientError();
    if (invalid) return invalid;
    const problem = this.resetProblem();
    if (!problem) return undefined;
    return fieldErrors(problem)['password'] ?? problemMessage(problem);
  }

  protected async remove(): Promise<void> {
    const user = this.deleting();
    if (!user) return;
    this.deleteBusy.set(true);
    this.rowError.set('');
    try {
      await firstValueFrom(this.api.delete(user.id));
      this.users.update((users) => users.filter((u) => u.id !== user.id));
      this.toasts.success(`${user.username} was deleted.`);
    } catch (error) {
      this.rowError.set(`${user.username} was not deleted. ${problemMessage(toProblem(error))}`);
    } finally {
      this.deleteBusy.set(false);
      this.deleting.set(null);
    }
  }

  private replace(user: UserDto): void {
    this.users.update((users) => users.map((u) => (u.id === user.id ? user : u)));
  }
}
