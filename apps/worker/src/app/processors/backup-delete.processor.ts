import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BackupEntity } from '@proxdeck/server-database';
import { EventPublisher } from '@proxdeck/server-queue';
import type { OperationRun } from '../operations/operation-run';
import { removeArchive } from './backup-archives';
import { ContainerActions } from './container-actions';
import { OperationFailure } from './operation-failure';
import type { OperationProcessor } from './operation-processor';

/**
 * Removes a backup's archive from Proxmox, then its row. The backup may outlive its app: then the
 * operation has no app (`appId` null) and its job is keyed by the backup id instead.
 */
@Injectable()
export class BackupDeleteProcessor implements OperationProcessor {
  readonly type = 'backup-delete' as const;

  constructor(
    private readonly containers: ContainerActions,
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: EventPublisher,
  ) {}

  async run(run: OperationRun): Promise<void> {
    const backupId = run.operation.params['backupId'];
    if (typeof backupId !== 'string') throw new OperationFailure('The operation does not name the backup to delete.');
    await run.step('delete', async () => {
      const repo = this.db.getRepository(BackupEntity);
      const backup = await repo.findOneBy({ id: backupId });
      if (!backup) return run.log('The backup is already gone');
      // Protected after the delete was asked for: protection wins.
      if (backup.protected) throw new OperationFailure(`The backup ${backup.volid} is protected; unprotect it first to delete it.`);
      await removeArchive(run, this.containers.pve, backup);
      await repo.delete({ id: backup.id });
      await this.events.publish({ type: 'backup.deleted', backupId: backup.id });
    });
  }

  /** Nothing to undo: the archive is either still there with its row, or gone; the app is not touched. */
  async compensate(run: OperationRun, reason: string): Promise<void> {
    await run.log(`The backup was not deleted: ${reason}`, 'error');
  }
}
