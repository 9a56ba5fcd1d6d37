import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import { CatalogApi, SessionStore, problemMessage, toProblem } from '@proxdeck/dashboard-data-access';
import {
  ButtonDirective,
  EmptyStateComponent,
  ErrorStateComponent,
  LoadingStateComponent,
} from '@proxdeck/dashboard-ui';
import { CATALOG_CATEGORIES, roleAllows, type CatalogCategory, type CatalogItemDto } from '@proxdeck/shared-contracts';
import { catchError, debounceTime, map, of, switchMap } from 'rxjs';
import { DeployDialogComponent } from './deploy-dialog.component';

type CatalogResult = { state: 'loaded'; items: CatalogItemDto[] } | { state: 'error'; message: string };

function categoryLabel(category: CatalogCategory): string {
  const words = category.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Browse and search the catalog, then deploy an entry through the deploy dialog. */
@Component({
  selector: 'pd-catalog-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ButtonDirective, EmptyStateComponent, ErrorStateComponent, LoadingStateComponent, DeployDialogComponent],
  templateUrl: './catalog.page.html',
  styleUrl: './catalog.page.css',
})
export class CatalogPage {
  private readonly api = inject(CatalogApi);
  private readonly router = inject(Router);
  private readonly session = inject(SessionStore);
  protected readonly mayDeploy = computed(() => roleAllows(this.session.user()?.role ?? 'viewer', 'operator'));

  protected readonly categories = CATALOG_CATEGORIES.map((value) => ({ value, label: categoryLabel(value) }));
  protected readonly categoryLabel = categoryLabel;
  protected readonly query = signal('');
  protected readonly category = signal<CatalogCategory | ''>('');
  private readonly attempt = signal(0);
  protected readonly result = signal<CatalogResult | null>(null);
  protected readonly selected = signal<CatalogItemDto | null>(null);
  protected readonly items = computed(() => {
    const result = this.result();
    return result?.state === 'loaded' ? result.items : [];
  });

  constructor() {
    const search = computed(() => ({ q: this.query(), category: this.category(), attempt: this.attempt() }));
    toObservable(search)
      .pipe(
        debounceTime(200),
        switchMap(({ q, category }) =>
          this.api.list({ q, category }).pipe(
            map((page): CatalogResult => ({ state: 'loaded', items: page.items })),
            catchError((error: unknown) => of<CatalogResult>({ state: 'error', message: problemMessage(toProblem(error)) })),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((result) => this.result.set(result));
  }

  protected setCategory(value: string): void {
    this.category.set(CATALOG_CATEGORIES.find((category) => category === value) ?? '');
  }

  protected retry(): void {
    this.result.set(null);
    this.attempt.update((n) => n + 1);
  }

  protected async deployed(appId: string | null): Promise<void> {
    this.selected.set(null);
    await this.router.navigate(appId ? ['/apps', appId] : ['/apps']);
  }
}
