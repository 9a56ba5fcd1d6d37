import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { ConfirmDialogComponent } from './confirm-dialog.component';

@Component({
  imports: [ConfirmDialogComponent],
  template: `
    <pd-confirm-dialog
      heading="Delete web-1?"
      message="The container and its data are destroyed."
      confirmLabel="Delete web-1"
      requireText="web-1"
      [open]="open()"
      (confirmed)="confirmations = confirmations + 1"
      (cancelled)="open.set(false)"
    />
  `,
})
class HostComponent {
  readonly open = signal(true);
  confirmations = 0;
}

describe('ConfirmDialogComponent', () => {
  async function render() {
    const fixture = TestBed.createComponent(HostComponent);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const confirm = () => [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Delete web-1') as HTMLButtonElement;
    return { fixture, root, confirm };
  }

  it('opens the native dialog named by its heading', async () => {
    const { root } = await render();
    const dialog = root.querySelector('dialog') as HTMLDialogElement;
    expect(dialog.hasAttribute('open')).toBe(true);
    const labelledBy = dialog.getAttribute('aria-labelledby') ?? '';
    expect(root.querySelector(`#${labelledBy}`)?.textContent).toBe('Delete web-1?');
  });

  it('keeps the confirm button disabled until the hostname is typed', async () => {
    const { fixture, root, confirm } = await render();
    expect(confirm().disabled).toBe(true);
    const input = root.querySelector('input') as HTMLInputElement;
    expect(root.querySelector(`label[for="${input.id}"]`)?.textContent).toBe('Type web-1 to confirm');
    input.value = 'web-1';
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(confirm().disabled).toBe(false);
    confirm().click();
    expect(fixture.componentInstance.confirmations).toBe(1);
  });

  it('reports cancel', async () => {
    const { fixture, root } = await render();
    const cancel = [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Cancel') as HTMLButtonElement;
    cancel.click();
    await fixture.whenStable();
    expect(fixture.componentInstance.open()).toBe(false);
    expect(root.querySelector('dialog')?.hasAttribute('open')).toBe(false);
  });
});
