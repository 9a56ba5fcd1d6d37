import { TestBed } from '@angular/core/testing';
import { ToastService } from './toast.service';

describe('ToastService', () => {
  afterEach(() => jest.useRealTimers());

  it('shows a toast and dismisses it after its lifetime', () => {
    jest.useFakeTimers();
    const toasts = TestBed.inject(ToastService);
    toasts.error('Deploy failed');
    expect(toasts.toasts()).toEqual([{ id: 1, kind: 'error', message: 'Deploy failed' }]);
    jest.advanceTimersByTime(9_999);
    expect(toasts.toasts()).toHaveLength(1);
    jest.advanceTimersByTime(1);
    expect(toasts.toasts()).toEqual([]);
  });

  it('dismisses on request', () => {
    const toasts = TestBed.inject(ToastService);
    const id = toasts.success('Started');
    toasts.dismiss(id);
    expect(toasts.toasts()).toEqual([]);
  });

  it('clears every toast at once', () => {
    const toasts = TestBed.inject(ToastService);
    toasts.info('one');
    toasts.error('two');
    toasts.clear();
    expect(toasts.toasts()).toEqual([]);
  });
});
