import { Pipe, type PipeTransform } from '@angular/core';
import { formatAge, formatBytes } from './format';

@Pipe({ name: 'pdBytes' })
export class BytesPipe implements PipeTransform {
  transform(bytes: number): string {
    return formatBytes(bytes);
  }
}

/** Pure: the age is as of the last render; lists re-render on every event anyway. */
@Pipe({ name: 'pdAge' })
export class AgePipe implements PipeTransform {
  transform(iso: string): string {
    return formatAge(iso);
  }
}
