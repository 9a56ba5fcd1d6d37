import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RefreshSessionEntity, UserEntity } from '@proxdeck/server-database';
import { ApiTokensModule } from '../api-tokens/api-tokens.module';
import { GATEWAY_OPTIONS, type GatewayOptions } from '../infra/gateway-options';
import { AccessTokenService } from './access-token.service';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { FirstAdminService } from './first-admin.service';
import { LoginBackoff } from './login-backoff.service';
import { PasswordHasher } from './password-hasher.service';
import { PrincipalResolver } from './principal-resolver.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity, RefreshSessionEntity]),
    ApiTokensModule,
    ThrottlerModule.forRootAsync({
      inject: [GATEWAY_OPTIONS],
      useFactory: (options: GatewayOptions) => [
        { ttl: options.loginRateLimit?.ttlMs ?? 60_000, limit: options.loginRateLimit?.limit ?? 10 },
      ],
    }),
  ],
  controllers: [AuthController],
  providers: [
    AccessTokenService,
    PasswordHasher,
    PrincipalResolver,
    AuthService,
    LoginBackoff,
    FirstAdminService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AccessTokenService, PasswordHasher, PrincipalResolver],
})
export class AuthModule {}
