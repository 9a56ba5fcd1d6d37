import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import { CatalogStore, SessionStore } from '@proxdeck/dashboard-data-access';
import {
  ButtonDirective,
  EmptyStateComponent,
  ErrorStateComponent,
  LoadingStateComponent,
} from '@proxdeck/dashboard-ui';
import { CATALOG_CATEGORIES, roleAllows, type CatalogCategory, type CatalogItemDto } from '@proxdeck/shared-contracts';
import { Subject, debounceTime } from 'rxjs';
import { DeployDialogComponent } from './deploy-dialog.component';

function categoryLabel(category: CatalogCategory): string {
  const words = category.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Browse and search the catalog, then deploy an entry through the deploy dialog. The catalog comes
 * from the CatalogStore (read once per session), so a visit renders at once and filtering stays local.
 */
@Component({
  selector: 'pd-catalog-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ButtonDirective, EmptyStateComponent, ErrorStateComponent, LoadingStateComponent, DeployDialogComponent],
  templateUrl: './catalog.page.html',
  styleUrl: './catalog.page.css',
})
export class CatalogPage {
  protected readonly catalog = inject(CatalogStore);
  private readonly router = inject(Router);
  private readonly session = inject(SessionStore);
  protected readonly mayDeploy = computed(() => roleAllows(this.session.user()?.role ?? 'viewer', 'operator'));

  protected readonly categories = CATALOG_CATEGORIES.map((value) => ({ value, label: categoryLabel(value) }));
  protected readonly categoryLabel = categoryLabel;
  protected readonly query = signal('');
  /** The search the grid follows: it catches up with `query` once typing pauses, not on every key. */
  private readonly appliedQuery = signal('');
  private readonly typed = new Subject<string>();
  protected readonly category = signal<CatalogCategory | ''>('');
  protected readonly selected = signal<CatalogItemDto | null>(null);
  protected readonly items = computed(() => this.catalog.search({ q: this.appliedQuery(), category: this.category() }));

  constructor() {
    void this.catalog.load();
    this.typed.pipe(debounceTime(200), takeUntilDestroyed()).subscribe((q) => this.appliedQuery.set(q));
  }

  protected setQuery(value: string): void {
    this.query.set(value);
    this.typed.next(value);
  }

  protected setCategory(value: string): void {
    this.category.set(CATALOG_CATEGORIES.find((category) => category === value) ?? '');
  }

  protected retry(): void {
    void this.catalog.reload();
  }

  protected async deployed(appId: string | null): Promise<void> {
    this.selected.set(null);
    await this.router.navigate(appId ? ['/apps', appId] : ['/apps']);
  }
}
