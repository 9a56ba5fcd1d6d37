import { TestBed } from '@angular/core/testing';
import { UsageMeterComponent } from './usage-meter.component';

describe('UsageMeterComponent', () => {
  it('is a named meter whose value text includes the amounts, and warns when nearly full', async () => {
    const fixture = TestBed.createComponent(UsageMeterComponent);
    fixture.componentRef.setInput('fraction', 0.93);
    fixture.componentRef.setInput('label', 'Memory of pve1');
    fixture.componentRef.setInput('detail', '7.4 GB of 8 GB');
    await fixture.whenStable();
    const meter = (fixture.nativeElement as HTMLElement).querySelector('[role="meter"]');
    expect(meter?.getAttribute('aria-label')).toBe('Memory of pve1');
    expect(meter?.getAttribute('aria-valuenow')).toBe('93');
    expect(meter?.getAttribute('aria-valuetext')).toBe('93%, 7.4 GB of 8 GB');
    expect(meter?.querySelector('.fill')?.getAttribute('data-level')).toBe('critical');
  });

  it('clamps values outside 0-1', async () => {
    const fixture = TestBed.createComponent(UsageMeterComponent);
    fixture.componentRef.setInput('fraction', 1.7);
    fixture.componentRef.setInput('label', 'CPU');
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).querySelector('[role="meter"]')?.getAttribute('aria-valuenow')).toBe('100');
  });
});
