import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppEntity } from '@proxdeck/server-database';
import { AuthModule } from '../auth/auth.module';
import { AppProxyService } from './app-proxy.service';

@Module({
  imports: [TypeOrmModule.forFeature([AppEntity]), AuthModule],
  providers: [AppProxyService],
  exports: [AppProxyService],
})
export class ProxyModule {}
