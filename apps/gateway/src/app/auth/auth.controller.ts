import { Body, Controller, Get, HttpCode, Inject, Patch, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { PROXDECK_CONFIG, type ProxdeckConfig } from '@proxdeck/server-config';
import { toUserDto, UserEntity } from '@proxdeck/server-database';
import type { LoginResponse, UserDto } from '@proxdeck/shared-contracts';
import { AuditService } from '../audit/audit.service';
import { DomainError } from '../problem/domain-error';
import { Public, Roles } from './access.decorators';
import { accessCookieDomain, type AuthCookieOptions, clearAuthCookies, readCookie, REFRESH_COOKIE, setAuthCookies } from './auth-cookies';
import { AuthService } from './auth.service';
import { LoginDto } from './login.dto';
import { CurrentPrincipal, type Principal } from './principal';
import { UpdateMeDto } from './update-me.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(PROXDECK_CONFIG) private readonly config: ProxdeckConfig,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly audit: AuditService,
  ) {}

  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in: returns an access token and sets the refresh (and access) cookies' })
  async login(@Body() body: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LoginResponse> {
    const session = await this.auth.login(body.username, body.password, req.ip);
    setAuthCookies(res, session.response.accessToken, session.refreshValue, this.cookieOptions(req));
    return session.response;
  }

  /** Public: the access token may have expired; the refresh cookie (SameSite=Strict, httpOnly) is the proof. */
  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rotate the refresh cookie and get a new access token' })
  async refresh(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LoginResponse> {
    const session = await this.auth.refresh(readCookie(req.cookies, REFRESH_COOKIE));
    setAuthCookies(res, session.response.accessToken, session.refreshValue, this.cookieOptions(req));
    return session.response;
  }

  /**
   * Public so that a browser whose access token expired can still end its session: it revokes only the
   * session whose secret the refresh cookie proves, which a cross-site request cannot send (SameSite=Strict).
   */
  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke the refresh session and clear the cookies' })
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logout(readCookie(req.cookies, REFRESH_COOKIE));
    clearAuthCookies(res, this.cookieOptions(req));
  }

  /**
   * Secure whenever the browser talks HTTPS: TLS here, or a reverse proxy saying so
   * (`X-Forwarded-Proto: https`; trusting it can only make a cookie stricter), or
   * PROXDECK_COOKIE_SECURE for proxies that do not say.
   */
  private cookieOptions(req: Request): AuthCookieOptions {
    const https = req.secure || String(req.headers['x-forwarded-proto'] ?? '').split(',')[0].trim() === 'https';
    return { secure: this.config.http.cookieSecure || https, accessDomain: accessCookieDomain(req.headers.host, this.config.appsDomain) };
  }

  @Roles('viewer')
  @ApiBearerAuth()
  @Get('me')
  @ApiOperation({ summary: 'The logged-in user' })
  async me(@CurrentPrincipal() principal: Principal): Promise<UserDto> {
    const user = await this.users.findOneBy({ id: principal.userId });
    if (!user) throw new DomainError('UNAUTHENTICATED', 401, 'The account no longer exists.');
    return toUserDto(user);
  }

  /** A preference only: the console shows more or less; roles still decide on the server. */
  @Roles('viewer')
  @ApiBearerAuth()
  @Patch('me')
  @ApiOperation({ summary: "Change the logged-in user's AUTO/PRO mode" })
  async updateMe(@Body() body: UpdateMeDto, @CurrentPrincipal() principal: Principal): Promise<UserDto> {
    const user = await this.users.findOneBy({ id: principal.userId });
    if (!user) throw new DomainError('UNAUTHENTICATED', 401, 'The account no longer exists.');
    if (user.mode !== body.mode) {
      const from = user.mode;
      user.mode = body.mode;
      await this.users.manager.transaction(async (m) => {
        await m.getRepository(UserEntity).update({ id: user.id }, { mode: body.mode });
        await this.audit.record({ actor: principal.username, action: 'user.mode', target: user.id, details: { from, to: body.mode } }, m);
      });
    }
    return toUserDto(user);
  }
}
