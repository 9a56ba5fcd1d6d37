import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { CatalogItemDto } from '@proxdeck/shared-contracts';
import { aCatalogItem } from './catalog-item.fixture';
import { DeployDialogComponent } from './deploy-dialog.component';

@Component({
  imports: [DeployDialogComponent],
  template: `<pd-deploy-dialog [item]="item()" (deployed)="deployedId = $event" (closed)="item.set(null)" />`,
})
class HostComponent {
  readonly item = signal<CatalogItemDto | null>(aCatalogItem());
  deployedId: string | null | undefined;
}

describe('DeployDialogComponent', () => {
  let fixture: ComponentFixture<HostComponent>;
  let root: HTMLElement;
  let backend: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(HostComponent);
    root = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  /** The input a label names, like getByLabel in the browser tests. */
  function field(label: string): HTMLInputElement {
    const element = [...root.querySelectorAll('label')].find((l) => l.textContent?.trim() === label);
    const input = element ? root.querySelector<HTMLInputElement>(`#${element.htmlFor}`) : null;
    if (!input) throw new Error(`no field labelled ${label}`);
    return input;
  }

  function describedText(input: HTMLInputElement): string {
    return (input.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter(Boolean)
      .map((id) => root.querySelector(`#${id}`)?.textContent?.trim())
      .join(' | ');
  }

  async function type(input: HTMLInputElement, value: string): Promise<void> {
    input.value = value;
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('blur'));
    await fixture.whenStable();
  }

  /** Lets the rejected HTTP promise reach the component, then renders. */
  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  async function submit(): Promise<void> {
    root.querySelector('form')?.dispatchEvent(new Event('submit', { cancelable: true }));
    await fixture.whenStable();
  }

  it('is a dialog named after the entry, prefilled from its defaults', () => {
    const dialog = root.querySelector('dialog') as HTMLDialogElement;
    expect(root.querySelector(`#${dialog.getAttribute('aria-labelledby')}`)?.textContent).toBe('Deploy nginx');
    expect(field('Hostname').value).toBe('nginx');
    expect(field('CPU cores').value).toBe('1');
    expect(field('Memory (MB)').value).toBe('256');
    expect(field('Disk (GB)').value).toBe('2');
    expect(field('Timezone').value).toBe('UTC');
  });

  it('shows the hostname rule next to the field and sends nothing', async () => {
    await type(field('Hostname'), 'Bad_Host');
    expect(field('Hostname').getAttribute('aria-invalid')).toBe('true');
    expect(describedText(field('Hostname'))).toContain('Use lowercase letters, digits and hyphens; start and end with a letter or digit.');
    await submit();
    backend.expectNone('/api/v1/apps');
  });

  it('asks for a hostname when it is empty on submit', async () => {
    field('Hostname').value = '';
    field('Hostname').dispatchEvent(new Event('input'));
    await submit();
    expect(describedText(field('Hostname'))).toContain('Enter a hostname.');
    expect(document.activeElement).toBe(field('Hostname'));
  });

  it('puts the gateway field errors next to the matching fields', async () => {
    await type(field('Hostname'), 'web-1');
    await submit();
    const request = backend.expectOne({ method: 'POST', url: '/api/v1/apps' });
    expect(request.request.body).toEqual({
      catalogId: 'nginx',
      hostname: 'web-1',
      resources: { cores: 1, memoryMb: 256, diskGb: 2 },
      inputs: { timezone: 'UTC' },
    });
    request.flush(
      {
        type: 'about:blank',
        title: 'Invalid input',
        status: 400,
        detail: 'Some fields need attention.',
        code: 'VALIDATION_FAILED',
        errors: { hostname: 'web-1 is already taken.', 'resources.memoryMb': 'Not enough memory on any node.', 'inputs.timezone': 'Unknown time zone.' },
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    expect(describedText(field('Hostname'))).toContain('web-1 is already taken.');
    expect(describedText(field('Memory (MB)'))).toContain('Not enough memory on any node.');
    expect(describedText(field('Timezone'))).toContain('Unknown time zone.');

    await type(field('Hostname'), 'web-2');
    expect(describedText(field('Hostname'))).not.toContain('already taken');
  });

  it('shows a refusal that names no field inside the dialog', async () => {
    await submit();
    backend.expectOne('/api/v1/apps').flush(
      { type: 'about:blank', title: 'Proxmox unreachable', status: 503, detail: 'Check the connection settings.', code: 'PROXMOX_UNREACHABLE' },
      { status: 503, statusText: 'Service Unavailable' },
    );
    await settle();
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('Proxmox unreachable: Check the connection settings.');
  });

  it('reports the new app once the gateway accepts the deploy', async () => {
    await submit();
    backend.expectOne('/api/v1/apps').flush(
      { operation: { id: 'op-1', type: 'deploy', state: 'queued', appId: 'app-7', appHostname: 'nginx', progress: 0, steps: [], error: null, requestedBy: 'admin', createdAt: '2026-11-23T10:00:00.000Z', startedAt: null, finishedAt: null } },
      { status: 202, statusText: 'Accepted' },
    );
    await settle();
    expect(fixture.componentInstance.deployedId).toBe('app-7');
  });

  it('shows generated passwords once, and moves on only when the person says they saved them', async () => {
    await submit();
    backend.expectOne('/api/v1/apps').flush(
      {
        operation: { id: 'op-2', type: 'deploy', state: 'queued', appId: 'app-8', appHostname: 'nginx', progress: 0, steps: [], error: null, requestedBy: 'admin', createdAt: '2026-11-23T10:00:00.000Z', startedAt: null, finishedAt: null },
        secrets: { admin_token: 'Sup3rS3cretValue' },
      },
      { status: 202, statusText: 'Accepted' },
    );
    await settle();
    expect(fixture.componentInstance.deployedId).toBeUndefined();
    expect(root.textContent).toContain('Save these passwords now');
    expect(root.querySelector('code')?.textContent).toBe('Sup3rS3cretValue');
    [...root.querySelectorAll('button')].find((b) => b.textContent?.includes('I have saved them'))?.click();
    await settle();
    expect(fixture.componentInstance.deployedId).toBe('app-8');
    expect(root.textContent).not.toContain('Sup3rS3cretValue');
  });
});
