import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { anOperation } from '@proxdeck/dashboard-data-access';
import { ToastService } from '@proxdeck/dashboard-ui';
import { OperationToasts, finishedMessage } from './operation-toasts';

describe('OperationToasts', () => {
  function setUp() {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    return { toasts: TestBed.inject(OperationToasts), shown: TestBed.inject(ToastService) };
  }

  it('announces once that an operation seen running has finished', () => {
    const { toasts, shown } = setUp();
    toasts.observe(anOperation({ id: 'b1', type: 'backup', state: 'running' }));
    toasts.observe(anOperation({ id: 'b1', type: 'backup', state: 'succeeded' }));
    toasts.observe(anOperation({ id: 'b1', type: 'backup', state: 'succeeded' }));
    expect(shown.toasts().map((toast) => [toast.kind, toast.message])).toEqual([['success', 'Backup of web-1 succeeded.']]);
  });

  it('says why an operation failed', () => {
    const { toasts, shown } = setUp();
    toasts.observe(anOperation({ id: 'u1', type: 'update', state: 'queued' }));
    toasts.observe(anOperation({ id: 'u1', type: 'update', state: 'failed', error: 'Health check failed; 1.27.3 is back.' }));
    expect(shown.toasts()[0]).toMatchObject({ kind: 'error', message: 'Update of web-1 failed: Health check failed; 1.27.3 is back.' });
  });

  it('stays quiet about operations that ended before the console saw them run', () => {
    const { toasts, shown } = setUp();
    toasts.observe(anOperation({ id: 'old', state: 'succeeded' }));
    expect(shown.toasts()).toEqual([]);
  });

  it('names the operation in words', () => {
    expect(finishedMessage(anOperation({ type: 'backup-delete', appHostname: 'db', state: 'succeeded' }))).toBe('Backup deletion of db succeeded.');
  });
});
