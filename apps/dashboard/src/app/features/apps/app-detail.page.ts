import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { Router, RouterLink } from '@angular/router';
import {
  AcceptedOperations,
  AppsApi,
  AppsStore,
  OperationsStore,
  SessionStore,
  canPerform,
  problemMessage,
  rollbackAvailable,
  toProblem,
  type AppAction,
} from '@proxdeck/dashboard-data-access';
import {
  ButtonDirective,
  ConfirmDialogComponent,
  EmptyStateComponent,
  ErrorStateComponent,
  LoadingStateComponent,
  StatusBadgeComponent,
  ToastService,
} from '@proxdeck/dashboard-ui';
import { roleAllows, type AcceptedOperationDto } from '@proxdeck/shared-contracts';
import { Observable, firstValueFrom } from 'rxjs';
import { AppBackupsTabComponent } from '../backups/app-backups-tab.component';
import { AppMetricsTabComponent } from './app-metrics-tab.component';
import { AppOperationsTabComponent } from './app-operations-tab.component';
import { AppOverviewTabComponent } from './app-overview-tab.component';
import { AppTabsComponent, APP_TABS, type AppTab } from './app-tabs.component';
import { CloneDialogComponent } from './clone-dialog.component';
import { OperationPanelComponent } from './operation-panel.component';
import { AppSettingsTabComponent } from './settings/app-settings-tab.component';
import { UpdateDialogComponent } from './update-dialog.component';

const PROGRESSIVE: Partial<Record<AppAction, string>> = {
  start: 'Starting',
  stop: 'Stopping',
  restart: 'Restarting',
  delete: 'Deleting',
  rollback: 'Rolling back',
};

type OpenDialog = 'delete' | 'clone' | 'update' | 'rollback' | null;

/** One app: status, actions, the operation in flight with its log, and tabs for the rest. */
@Component({
  selector: 'pd-app-detail-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    RouterLink,
    ButtonDirective,
    ConfirmDialogComponent,
    EmptyStateComponent,
    ErrorStateComponent,
    LoadingStateComponent,
    StatusBadgeComponent,
    OperationPanelComponent,
    AppTabsComponent,
    AppOverviewTabComponent,
    AppMetricsTabComponent,
    AppBackupsTabComponent,
    AppOperationsTabComponent,
    AppSettingsTabComponent,
    CloneDialogComponent,
    UpdateDialogComponent,
  ],
  templateUrl: './app-detail.page.html',
  styleUrl: './app-detail.page.css',
})
export class AppDetailPage {
  private readonly apps = inject(AppsStore);
  private readonly operations = inject(OperationsStore);
  private readonly accepted = inject(AcceptedOperations);
  private readonly api = inject(AppsApi);
  private readonly toasts = inject(ToastService);
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);

  /** The `:id` route parameter. */
  readonly id = input.required<string>();
  /** The `?tab=` query parameter, so a tab can be linked to and survives a reload. */
  readonly tab = input<string | undefined>(undefined);

  protected readonly activeTab = computed<AppTab>(() => {
    const tab = this.tab();
    return APP_TABS.some((known) => known.id === tab) ? (tab as AppTab) : 'overview';
  });

  protected readonly loadState = signal<'loading' | 'loaded' | 'not-found' | 'error'>('loading');
  protected readonly loadError = signal('');
  protected readonly busy = signal(false);
  protected readonly dialog = signal<OpenDialog>(null);

  /** Viewers see everything but change nothing (the gateway enforces it; the buttons are not offered). */
  protected readonly mayOperate = computed(() => roleAllows(this.session.user()?.role ?? 'viewer', 'operator'));
  protected readonly app = computed(() => this.apps.app(this.id()));
  protected readonly deleted = computed(() => this.apps.isDeleted(this.id()));
  protected readonly history = computed(() => this.operations.forApp(this.id()));
  protected readonly showRollback = computed(() => {
    const app = this.app();
    return !!app && rollbackAvailable(app);
  });

  /** The last operation shown, so its outcome stays visible when a failed deploy removes the app. */
  private readonly followedOperationId = signal<string | null>(null);

  /** The operation in flight, else the latest one: what the progress panel follows. */
  protected readonly operation = computed(() => {
    const activeId = this.app()?.activeOperation?.id;
    const current = (activeId && this.operations.operation(activeId)) || this.history()[0];
    if (current) return current;
    const followed = this.followedOperationId();
    return (followed && this.operations.operation(followed)) || null;
  });
  protected readonly logs = computed(() => {
    const operation = this.operation();
    return operation ? this.operations.logs(operation.id) : [];
  });

  protected readonly failure = computed(() => {
    const app = this.app();
    const operation = this.operation();
    if (operation?.state === 'failed' && operation.error) {
      return { title: `${capitalize(operation.type)} failed`, reason: operation.error };
    }
    if (app?.status === 'error') {
      return { title: 'This app has a problem', reason: app.statusReason ?? 'Proxdeck could not tell why. Check the operation log below.' };
    }
    return null;
  });

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => void this.load(id));
    });
    const title = inject(Title);
    effect(() => {
      const hostname = this.app()?.hostname;
      if (hostname) title.setTitle(`${hostname} · Proxdeck`);
    });
    // Keyed on the id alone: progress events must not refetch the log.
    const operationId = computed(() => this.operation()?.id ?? null);
    effect(() => {
      const id = operationId();
      if (!id) return;
      untracked(() => {
        this.followedOperationId.set(id);
        // A failed log fetch leaves the live lines; the panel still shows steps and progress.
        void this.operations.loadLogs(id).catch(() => undefined);
      });
    });
  }

  protected can(action: AppAction): boolean {
    const app = this.app();
    return !!app && this.mayOperate() && !this.busy() && canPerform(app, action);
  }

  protected async load(id: string): Promise<void> {
    this.loadState.set('loading');
    try {
      await Promise.all([this.apps.loadOne(id), this.operations.loadForApp(id)]);
      this.loadState.set('loaded');
    } catch (error) {
      const problem = toProblem(error);
      if (problem.status === 404) {
        // Known a moment ago (e.g. from the deploy answer) but gone now: it was removed meanwhile.
        if (this.app()) this.apps.remove(id);
        this.loadState.set('not-found');
      } else {
        this.loadError.set(problemMessage(problem));
        this.loadState.set(this.app() ? 'loaded' : 'error');
      }
    }
  }

  protected selectTab(tab: AppTab): void {
    void this.router.navigate([], { queryParams: { tab: tab === 'overview' ? null : tab }, queryParamsHandling: 'merge', replaceUrl: true });
  }

  protected async run(action: 'start' | 'stop' | 'restart'): Promise<void> {
    await this.perform(action, (id) => this.api.act(id, action));
  }

  /** Once the gateway accepted the delete, the list is where the app's departure shows. */
  protected async confirmDelete(): Promise<void> {
    const accepted = await this.perform('delete', (id) => this.api.delete(id));
    this.dialog.set(null);
    if (accepted) await this.router.navigate(['/apps']);
  }

  protected async confirmRollback(): Promise<void> {
    await this.perform('rollback', (id) => this.api.rollback(id));
    this.dialog.set(null);
  }

  /** A clone is a new app: its page is where its progress shows. */
  protected async cloned(appId: string | null): Promise<void> {
    this.dialog.set(null);
    if (appId) await this.router.navigate(['/apps', appId]);
  }

  /** Runs a call that answers 202; true when the gateway accepted it. */
  private async perform(action: AppAction, request: (id: string) => Observable<AcceptedOperationDto>): Promise<boolean> {
    const app = this.app();
    if (!app || this.busy()) return false;
    this.busy.set(true);
    try {
      this.accepted.record(await firstValueFrom(request(app.id)));
      this.toasts.info(`${PROGRESSIVE[action] ?? capitalize(action)} ${app.hostname}…`);
      return true;
    } catch (error) {
      this.toasts.error(problemMessage(toProblem(error)));
      return false;
    } finally {
      this.busy.set(false);
    }
  }
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
