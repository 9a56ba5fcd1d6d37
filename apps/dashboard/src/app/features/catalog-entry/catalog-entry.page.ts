import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { CatalogApi, CatalogStore, SessionStore, problemMessage, toProblem } from '@proxdeck/dashboard-data-access';
import { ButtonDirective, ErrorStateComponent, LoadingStateComponent } from '@proxdeck/dashboard-ui';
import { roleAllows, type CatalogItemDto } from '@proxdeck/shared-contracts';
import { catchError, combineLatest, map, of, switchMap } from 'rxjs';
import { DeployDialogComponent } from '../catalog/deploy-dialog.component';
import { deployPlan } from './deploy-plan';

type EntryResult = { state: 'loaded'; item: CatalogItemDto } | { state: 'error'; message: string };

/**
 * One catalog entry before deploying it: what it is, what it needs, and what a deploy creates. Shown
 * at once when the CatalogStore holds it (coming from the Catalog view); a deep link reads just the entry.
 */
@Component({
  selector: 'pd-catalog-entry-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ButtonDirective, ErrorStateComponent, LoadingStateComponent, DeployDialogComponent],
  templateUrl: './catalog-entry.page.html',
  styleUrl: './catalog-entry.page.css',
})
export class CatalogEntryPage {
  private readonly api = inject(CatalogApi);
  private readonly catalog = inject(CatalogStore);
  private readonly router = inject(Router);
  private readonly session = inject(SessionStore);
  protected readonly mayDeploy = computed(() => roleAllows(this.session.user()?.role ?? 'viewer', 'operator'));
  private readonly attempt = signal(0);
  protected readonly result = signal<EntryResult | null>(null);
  protected readonly item = computed(() => {
    const result = this.result();
    return result?.state === 'loaded' ? result.item : null;
  });
  protected readonly plan = computed(() => {
    const item = this.item();
    return item ? deployPlan(item) : [];
  });
  protected readonly deploying = signal<CatalogItemDto | null>(null);

  constructor() {
    combineLatest([inject(ActivatedRoute).paramMap, toObservable(this.attempt)])
      .pipe(
        map(([params]) => params.get('id') ?? ''),
        switchMap((id) => {
          const known = this.catalog.item(id);
          if (known) return of<EntryResult>({ state: 'loaded', item: known });
          return this.api.get(id).pipe(
            map((item): EntryResult => ({ state: 'loaded', item })),
            catchError((error: unknown) => of<EntryResult>({ state: 'error', message: problemMessage(toProblem(error)) })),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe((result) => this.result.set(result));
  }

  protected retry(): void {
    this.result.set(null);
    this.attempt.update((n) => n + 1);
  }

  protected async deployed(appId: string | null): Promise<void> {
    this.deploying.set(null);
    await this.router.navigate(appId ? ['/apps', appId] : ['/apps']);
  }
}
