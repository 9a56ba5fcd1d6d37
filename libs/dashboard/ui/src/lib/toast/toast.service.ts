import { DestroyRef, Injectable, inject, signal } from '@angular/core';

export type ToastKind = 'success' | 'info' | 'error';

export interface Toast {
  id: number;
  kind: ToastKind;
  message: string;
}

/** Errors stay longer: they usually ask the reader to do something. */
const LIFETIME_MS: Record<ToastKind, number> = { success: 5_000, info: 5_000, error: 10_000 };

/** Short notices about things that happened elsewhere than where the user is looking. */
@Injectable({ providedIn: 'root' })
export class ToastService {
  private readonly timers = new Map<number, ReturnType<typeof setTimeout>>();
  private nextId = 1;
  readonly toasts = signal<readonly Toast[]>([]);

  constructor() {
    inject(DestroyRef).onDestroy(() => this.timers.forEach((timer) => clearTimeout(timer)));
  }

  show(kind: ToastKind, message: string): number {
    const id = this.nextId++;
    this.toasts.update((toasts) => [...toasts.slice(-4), { id, kind, message }]);
    this.timers.set(id, setTimeout(() => this.dismiss(id), LIFETIME_MS[kind]));
    return id;
  }

  success(message: string): number {
    return this.show('success', message);
  }

  info(message: string): number {
    return this.show('info', message);
  }

  error(message: string): number {
    return this.show('error', message);
  }

  /** Drops every toast, e.g. on logout, so nothing of the last session lingers. */
  clear(): void {
    this.timers.forEach((timer) => clearTimeout(timer));
    this.timers.clear();
    this.toasts.set([]);
  }

  dismiss(id: number): void {
    const timer = this.timers.get(id);
    if (timer) clearTimeout(timer);
    this.timers.delete(id);
    this.toasts.update((toasts) => toasts.filter((toast) => toast.id !== id));
  }
}
