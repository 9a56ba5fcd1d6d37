import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { AppsApi, AppsStore, OperationsStore, problemMessage, toProblem } from '@proxdeck/dashboard-data-access';
import { ButtonDirective, DialogComponent, ToastService } from '@proxdeck/dashboard-ui';
import type { CatalogItemDto, ProblemDetails } from '@proxdeck/shared-contracts';
import { firstValueFrom } from 'rxjs';
import { deployFields, initialDeployValues, toDeployRequest, validateDeploy, type DeployField, type DeployValues } from './deploy-form';

/**
 * Deploys one catalog entry: hostname, optional node, resources prefilled from the entry's defaults,
 * and the entry's own inputs. Client checks first; the gateway's field errors land on the same fields.
 */
@Component({
  selector: 'pd-deploy-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DialogComponent, ButtonDirective],
  templateUrl: './deploy-dialog.component.html',
  styles: `
    .intro { margin: 0 0 16px; color: var(--pd-text-muted); }
    .checkbox { display: flex; align-items: center; gap: 8px; font-weight: 600; }
    .credentials { display: grid; grid-template-columns: max-content 1fr; gap: 8px 16px; align-items: center; margin: 16px 0; }
    .credentials dt { font-weight: 600; }
    .credentials dd { margin: 0; display: flex; gap: 8px; align-items: center; }
    .credentials code { font-size: 14px; padding: 2px 6px; border-radius: 4px; background: var(--pd-surface-muted, rgba(127, 127, 127, 0.12)); user-select: all; }
  `,
})
export class DeployDialogComponent {
  private readonly api = inject(AppsApi);
  private readonly apps = inject(AppsStore);
  private readonly operations = inject(OperationsStore);
  private readonly toasts = inject(ToastService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  readonly item = input<CatalogItemDto | null>(null);
  readonly closed = output<void>();
  /** The new app's id, once the gateway accepted the deploy. */
  readonly deployed = output<string | null>();

  protected readonly fields = computed(() => {
    const item = this.item();
    return item ? deployFields(item) : [];
  });
  protected readonly values = signal<DeployValues>({});
  protected readonly touched = signal<ReadonlySet<string>>(new Set());
  protected readonly submitted = signal(false);
  /** After a deploy that generated passwords: what to show once, and the app to go to afterwards. */
  protected readonly credentials = signal<{ appId: string | null; secrets: { key: string; value: string }[] } | null>(null);
  protected readonly serverErrors = signal<Record<string, string>>({});
  protected readonly busy = signal(false);
  /** A refusal that belongs to no field. Shown inside the dialog: a toast would sit behind the modal, inert. */
  protected readonly formError = signal<string | null>(null);
  private readonly takenHostnames = computed(() => new Set(this.apps.apps().map((app) => app.hostname)));
  protected readonly clientErrors = computed(() => validateDeploy(this.fields(), this.values(), this.takenHostnames()));

  constructor() {
    // Every opening starts from the entry's defaults.
    effect(() => {
      const item = this.item();
      if (!item) return;
      untracked(() => {
        this.values.set(initialDeployValues(item, this.takenHostnames()));
        this.touched.set(new Set());
        this.submitted.set(false);
        this.serverErrors.set({});
        this.formError.set(null);
      });
    });
  }

  protected fieldId(field: DeployField): string {
    return `deploy-${field.path.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
  }

  protected valueOf(path: string): string {
    return this.values()[path] ?? '';
  }

  protected errorFor(path: string): string | undefined {
    const showClient = this.submitted() || this.touched().has(path);
    return (showClient ? this.clientErrors()[path] : undefined) ?? this.serverErrors()[path];
  }

  protected describedBy(field: DeployField): string | null {
    const ids = [];
    if (field.hint) ids.push(`${this.fieldId(field)}-hint`);
    if (this.errorFor(field.path)) ids.push(`${this.fieldId(field)}-error`);
    return ids.length ? ids.join(' ') : null;
  }

  protected set(path: string, value: string): void {
    this.values.update((values) => ({ ...values, [path]: value }));
    if (this.serverErrors()[path]) {
      this.serverErrors.update(({ [path]: _cleared, ...rest }) => rest);
    }
  }

  protected touch(path: string): void {
    if (!this.touched().has(path)) this.touched.update((touched) => new Set(touched).add(path));
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    const item = this.item();
    if (!item || this.busy()) return;
    this.submitted.set(true);
    if (Object.keys(this.clientErrors()).length > 0) {
      this.focusFirstInvalid();
      return;
    }
    this.busy.set(true);
    this.formError.set(null);
    try {
      const accepted = await firstValueFrom(this.api.deploy(toDeployRequest(item, this.values())));
      if (accepted.app) this.apps.upsert(accepted.app);
      this.operations.upsert(accepted.operation);
      this.toasts.info(`Deploying ${accepted.app?.hostname ?? accepted.operation.appHostname}…`);
      const appId = accepted.app?.id ?? accepted.operation.appId;
      // Generated passwords are shown this once: the person confirms before the dialog moves on.
      if (accepted.secrets && Object.keys(accepted.secrets).length > 0) {
        this.credentials.set({ appId, secrets: Object.entries(accepted.secrets).map(([key, value]) => ({ key, value })) });
      } else {
        this.deployed.emit(appId);
      }
    } catch (error) {
      this.showProblem(toProblem(error));
    } finally {
      this.busy.set(false);
    }
  }

  protected async copy(value: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(value);
      this.toasts.info('Copied.');
    } catch {
      this.toasts.error('The browser did not allow copying. Select the value and copy it by hand.');
    }
  }

  /** Closing forgets passwords still on screen: they are never shown again. */
  protected dismiss(): void {
    this.credentials.set(null);
    this.closed.emit();
  }

  protected credentialsSaved(): void {
    const shown = this.credentials();
    this.credentials.set(null);
    this.deployed.emit(shown?.appId ?? null);
  }

  /** Field errors go next to their fields; the rest, or a problem without fields, above the form. */
  private showProblem(problem: ProblemDetails): void {
    const known = new Set(this.fields().map((field) => field.path));
    const onFields: Record<string, string> = {};
    const elsewhere: string[] = [];
    for (const [path, message] of Object.entries(problem.errors ?? {})) {
      if (known.has(path)) onFields[path] = message;
      else elsewhere.push(message);
    }
    if (problem.code === 'APP_HOSTNAME_TAKEN' && !onFields['hostname']) {
      onFields['hostname'] = problem.detail || 'This hostname is already in use. Pick another one.';
    }
    this.serverErrors.set(onFields);
    if (Object.keys(onFields).length === 0) {
      this.formError.set(elsewhere.length > 0 ? `${problem.title}: ${elsewhere.join(' ')}` : problemMessage(problem));
    } else {
      if (elsewhere.length > 0) this.formError.set(elsewhere.join(' '));
      this.focusFirstInvalid();
    }
  }

  private focusFirstInvalid(): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), {
      injector: this.injector,
    });
  }
}
