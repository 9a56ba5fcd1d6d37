import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { DestroyRef, Injectable, InjectionToken, computed, inject, signal } from '@angular/core';
import type { LoginResponse, UserDto, UserMode } from '@proxdeck/shared-contracts';
import { Observable, finalize, firstValueFrom, shareReplay, tap } from 'rxjs';
import { API_BASE } from '../api/api-paths';

/**
 * Where the console remembers that a refresh cookie probably exists. The cookie itself is httpOnly,
 * so without this hint every first visit would fire a refresh that can only answer 401, and the
 * browser logs each failed request to the console.
 */
export const SESSION_HINT_STORAGE = new InjectionToken<Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>>(
  'SESSION_HINT_STORAGE',
  { providedIn: 'root', factory: () => globalThis.localStorage },
);

const SESSION_HINT_KEY = 'pd_session';
/** Refresh this long before the access token (and the `pd_access` cookie the event stream uses) expires. */
const REFRESH_MARGIN_SECONDS = 60;

interface Session {
  accessToken: string;
  user: UserDto;
}

/** The signed-in user and their in-memory access token; the refresh token stays in its httpOnly cookie. */
@Injectable({ providedIn: 'root' })
export class SessionStore {
  private readonly http = inject(HttpClient);
  private readonly hint = inject(SESSION_HINT_STORAGE);
  private readonly session = signal<Session | null>(null);
  private refreshInFlight: Observable<LoginResponse> | null = null;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;

  readonly user = computed(() => this.session()?.user ?? null);
  readonly isAuthenticated = computed(() => this.session() !== null);
  /** PRO shows every operation and setting; AUTO keeps to the essentials with sensible defaults. */
  readonly mode = computed<UserMode>(() => this.session()?.user.mode ?? 'auto');

  constructor() {
    inject(DestroyRef).onDestroy(() => this.cancelScheduledRefresh());
  }

  accessToken(): string | null {
    return this.session()?.accessToken ?? null;
  }

  async login(username: string, password: string): Promise<UserDto> {
    const response = await firstValueFrom(
      this.http.post<LoginResponse>(`${API_BASE}/auth/login`, { username, password }),
    );
    this.accept(response);
    return response.user;
  }

  /** Exchanges the refresh cookie for a new access token; concurrent callers share one request. */
  refresh(): Observable<LoginResponse> {
    if (!this.refreshInFlight) {
      this.refreshInFlight = this.http.post<LoginResponse>(`${API_BASE}/auth/refresh`, {}).pipe(
        tap({
          next: (response) => this.accept(response),
          // A refused refresh ends the session; an unreachable gateway only means "not now": the
          // current token stays until a call is refused, which retries the refresh.
          error: (error: unknown) => {
            if (isRefusal(error)) this.clear();
          },
        }),
        finalize(() => (this.refreshInFlight = null)),
        shareReplay({ bufferSize: 1, refCount: false }),
      );
    }
    return this.refreshInFlight;
  }

  /** Saves the AUTO/PRO preference on the server (it follows the user to other browsers). */
  async setMode(mode: UserMode): Promise<UserDto> {
    const user = await firstValueFrom(this.http.patch<UserDto>(`${API_BASE}/auth/me`, { mode }));
    this.session.update((session) => (session ? { ...session, user } : session));
    return user;
  }

  /** Called once at start-up: brings back the session of a reload, quietly giving up without one. */
  async restore(): Promise<boolean> {
    if (this.hint.getItem(SESSION_HINT_KEY) !== '1') {
      return false;
    }
    try {
      await firstValueFrom(this.refresh());
      return true;
    } catch {
      return false;
    }
  }

  async logout(): Promise<void> {
    try {
      await firstValueFrom(this.http.post<void>(`${API_BASE}/auth/logout`, {}));
    } catch {
      // The session ends locally either way; a failed logout call only leaves a cookie that expires.
    } finally {
      this.clear();
    }
  }

  /** Forgets the session, e.g. after a refresh was refused. */
  clear(): void {
    this.cancelScheduledRefresh();
    this.session.set(null);
    this.hint.removeItem(SESSION_HINT_KEY);
  }

  private accept(response: LoginResponse): void {
    this.session.set({ accessToken: response.accessToken, user: response.user });
    this.hint.setItem(SESSION_HINT_KEY, '1');
    this.scheduleRefresh(response.expiresIn);
  }

  private scheduleRefresh(expiresInSeconds: number): void {
    this.cancelScheduledRefresh();
    const delaySeconds = Math.max(expiresInSeconds - REFRESH_MARGIN_SECONDS, 30);
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      // A failed background refresh clears the session; the next API call's 401 then leads to /login.
      this.refresh().subscribe({ error: () => undefined });
    }, delaySeconds * 1000);
  }

  private cancelScheduledRefresh(): void {
    if (this.refreshTimer !== null) {
      clearTimeout(this.refreshTimer);
      this.refreshTimer = null;
    }
  }
}

function isRefusal(error: unknown): boolean {
  return error instanceof HttpErrorResponse && error.status >= 400 && error.status < 500;
}
