import { Global, Module } from '@nestjs/common';
import { loadConfig, type ProxdeckConfig } from './config';

/** Injection token for the validated `ProxdeckConfig`. */
export const PROXDECK_CONFIG = Symbol('PROXDECK_CONFIG');

@Global()
@Module({
  providers: [{ provide: PROXDECK_CONFIG, useFactory: (): ProxdeckConfig => loadConfig() }],
  exports: [PROXDECK_CONFIG],
})
export class ProxdeckConfigModule {}
