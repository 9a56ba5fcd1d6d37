import type { AppEntity, OperationEntity } from '@proxdeck/server-database';
import type { OperationStore } from './operation-store';

/**
 * One attempt at running an operation: named steps, a log, and facts remembered across attempts
 * (in `operation.context`) so a retried or resumed job continues where the last one stopped.
 */
export class OperationRun {
  constructor(
    readonly operation: OperationEntity,
    private currentApp: AppEntity | null,
    private readonly store: OperationStore,
    /** 1 for the first attempt. */
    readonly attempt: number,
  ) {}

  /** The app, which every operation of this issue has until it removes it. */
  get app(): AppEntity {
    if (!this.currentApp) throw new Error(`the app of operation ${this.operation.id} no longer exists`);
    return this.currentApp;
  }

  get hasApp(): boolean {
    return this.currentApp !== null;
  }

  /**
   * Runs a step unless an earlier attempt finished it. The step itself must still be idempotent:
   * a crash can come after its effect and before it was marked done.
   */
  async step(name: string, effect: () => Promise<void>): Promise<void> {
    const step = this.operation.steps.find((s) => s.name === name);
    if (!step) throw new Error(`operation ${this.operation.type} has no step "${name}"`);
    if (step.state === 'done' || step.state === 'skipped') return;
    step.state = 'running';
    step.startedAt = new Date().toISOString();
    step.finishedAt = null;
    await this.store.saveOperation(this.operation);
    await effect();
    step.state = 'done';
    step.finishedAt = new Date().toISOString();
    await this.store.saveOperation(this.operation);
  }

  /** A step that does not apply to this run (e.g. no snapshot to clone a stopped container): shown as skipped. */
  async skip(name: string, why: string): Promise<void> {
    const step = this.operation.steps.find((s) => s.name === name);
    if (!step) throw new Error(`operation ${this.operation.type} has no step "${name}"`);
    if (step.state === 'done' || step.state === 'skipped') return;
    step.state = 'skipped';
    step.finishedAt = new Date().toISOString();
    await this.store.saveOperation(this.operation);
    await this.log(why);
  }

  /** The step that was running when an attempt failed goes back to pending, so a retry runs it again. */
  async resetRunningStep(): Promise<void> {
    for (const s of this.operation.steps) if (s.state === 'running') s.state = 'pending';
    await this.store.saveOperation(this.operation);
  }

  async markRunningStepFailed(): Promise<void> {
    for (const s of this.operation.steps) {
      if (s.state === 'running') {
        s.state = 'failed';
        s.finishedAt = new Date().toISOString();
      }
    }
    await this.store.saveOperation(this.operation);
  }

  log(message: string, level: 'info' | 'warn' | 'error' = 'info'): Promise<void> {
    return this.store.log(this.operation, level, message);
  }

  recall<T>(key: string): T | undefined {
    return this.operation.context[key] as T | undefined;
  }

  async remember(key: string, value: unknown): Promise<void> {
    this.operation.context = { ...this.operation.context, [key]: value };
    await this.store.saveOperation(this.operation);
  }

  async recordUpid(upid: string): Promise<void> {
    this.operation.upids = [...this.operation.upids, upid];
    await this.store.saveOperation(this.operation);
  }

  async updateApp(patch: Partial<AppEntity>): Promise<void> {
    Object.assign(this.app, patch);
    await this.store.saveApp(this.app, this.operation);
  }

  async removeApp(): Promise<void> {
    if (!this.currentApp) return;
    await this.store.removeApp(this.currentApp);
    this.currentApp = null;
  }
}
