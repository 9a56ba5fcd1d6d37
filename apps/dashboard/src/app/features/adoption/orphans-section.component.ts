import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { ButtonDirective } from '@proxdeck/dashboard-ui';
import type { OrphanContainerDto } from '@proxdeck/shared-contracts';

/**
 * Containers that carry Proxdeck's marker for an app that no longer exists (e.g. the database was
 * restored from before the app was deployed). Adopting one gives it an owner again; removing it is
 * left to Proxmox, since Proxdeck never destroys a container it does not manage.
 */
@Component({
  selector: 'pd-orphans-section',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ButtonDirective],
  template: `
    <section class="orphans" aria-labelledby="orphans-heading">
      <h2 id="orphans-heading">Containers left by deleted apps</h2>
      <p class="muted">
        These containers carry Proxdeck's marker for an app Proxdeck no longer knows, for example after its database
        was restored from an older backup. Adopt one to manage it again, or remove it in Proxmox if nobody needs it.
      </p>
      <div class="pd-table-scroll">
        <table class="pd-table">
          <caption class="pd-visually-hidden">Containers marked for apps that no longer exist</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Node</th>
              <th scope="col">VMID</th>
              <th scope="col">Status</th>
              <th scope="col">Former app</th>
              @if (mayOperate()) {
                <th scope="col"><span class="pd-visually-hidden">Actions</span></th>
              }
            </tr>
          </thead>
          <tbody>
            @for (orphan of orphans(); track orphan.node + orphan.vmid) {
              <tr>
                <td>{{ orphan.name }}</td>
                <td>{{ orphan.node }}</td>
                <td>{{ orphan.vmid }}</td>
                <td>{{ orphan.status }}</td>
                <td class="mono">{{ orphan.appId }}</td>
                @if (mayOperate()) {
                  <td>
                    <button pdButton size="small" type="button" [attr.aria-label]="'Adopt ' + orphan.name" (click)="adopt.emit(orphan)">Adopt</button>
                  </td>
                }
              </tr>
            }
          </tbody>
        </table>
      </div>
    </section>
  `,
  styles: `
    .orphans { margin-top: 32px; }
    .orphans h2 { font-size: 18px; margin: 0 0 4px; }
    .orphans p { margin: 0 0 12px; max-width: 72ch; }
  `,
})
export class OrphansSectionComponent {
  readonly orphans = input.required<OrphanContainerDto[]>();
  readonly mayOperate = input(false);
  readonly adopt = output<OrphanContainerDto>();
}
