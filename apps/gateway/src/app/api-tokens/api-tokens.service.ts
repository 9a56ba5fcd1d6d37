import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ApiTokenEntity, UserEntity } from '@proxdeck/server-database';
import { roleAllows, type ApiTokenDto, type CreatedApiTokenDto, type Role } from '@proxdeck/shared-contracts';
import { AuditService } from '../audit/audit.service';
import { requireLogin, type Principal } from '../auth/principal';
import { DomainError } from '../problem/domain-error';
import type { CreateApiTokenDto } from './api-token.dto';
import { newTokenSecret, parseTokenSecret, secretMatches } from './token-secret';

/** Tokens for scripts and CI. A token acts as its owner with at most its own role; it cannot mint tokens. */
@Injectable()
export class ApiTokensService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Your own tokens; admins see everyone's. */
  async list(principal: Principal): Promise<ApiTokenDto[]> {
    const qb = this.db.getRepository(ApiTokenEntity).createQueryBuilder('t').innerJoin(UserEntity, 'u', 'u.id = t.user_id').addSelect('u.username', 'owner').orderBy('t.created_at', 'DESC');
    if (principal.role !== 'admin') qb.where('t.user_id = :id', { id: principal.userId });
    const { entities, raw } = await qb.getRawAndEntities<{ owner: string }>();
    return entities.map((t, i) => toDto(t, raw[i]?.owner ?? ''));
  }

  async create(body: CreateApiTokenDto, principal: Principal): Promise<CreatedApiTokenDto> {
    requireLogin(principal, 'manage API tokens');
    const role: Role = body.role ?? principal.role;
    if (!roleAllows(principal.role, role)) {
      throw DomainError.validation({ role: `must be at most your own role (${principal.role})` });
    }
    return this.db.transaction(async (m) => {
      const repo = m.getRepository(ApiTokenEntity);
      const row = repo.create({
        userId: principal.userId,
        name: body.name,
        role,
        secretHash: '',
        expiresAt: body.expiresInDays ? new Date(Date.now() + body.expiresInDays * 86_400_000) : null,
        lastUsedAt: null,
      });
      const saved = await repo.save(row);
      const { secret, hash } = newTokenSecret(saved.id);
      saved.secretHash = hash;
      await repo.save(saved);
      await this.audit.record({ actor: principal.username, action: 'token.create', target: saved.id, details: { name: saved.name, role } }, m);
      return { token: toDto(saved, principal.username), secret };
    });
  }

  async remove(id: string, principal: Principal): Promise<void> {
    requireLogin(principal, 'manage API tokens');
    const repo = this.db.getRepository(ApiTokenEntity);
    const token = await repo.findOneBy({ id });
    if (!token || (token.userId !== principal.userId && principal.role !== 'admin')) {
      throw DomainError.notFound('NOT_FOUND', 'No token of yours has this id.');
    }
    await this.db.transaction(async (m) => {
      await m.getRepository(ApiTokenEntity).delete({ id });
      await this.audit.record({ actor: principal.username, action: 'token.delete', target: id, details: { name: token.name } }, m);
    });
  }

  /** The caller of a `Bearer pdk_...` request, or why not. */
  async authenticate(secret: string): Promise<{ principal: Principal } | { failure: string }> {
    const parsed = parseTokenSecret(secret);
    const invalid = { failure: 'The API token is invalid, expired or deleted; create a new one under Settings > API tokens.' };
    if (!parsed) return invalid;
    const token = await this.db.getRepository(ApiTokenEntity).findOneBy({ id: parsed.tokenId });
    if (!token || !secretMatches(parsed.random, token.secretHash)) return invalid;
    if (token.expiresAt && token.expiresAt.getTime() <= Date.now()) return invalid;
    const user = await this.db.getRepository(UserEntity).findOneBy({ id: token.userId });
    if (!user) return invalid;
    // The owner's current role caps the token: demoting a user demotes their tokens.
    const role = roleAllows(user.role, token.role) ? token.role : user.role;
    await this.db.getRepository(ApiTokenEntity).update({ id: token.id }, { lastUsedAt: new Date() });
    return { principal: { userId: user.id, username: user.username, role, via: 'bearer', tokenId: token.id } };
  }
}

function toDto(t: ApiTokenEntity, owner: string): ApiTokenDto {
  return {
    id: t.id,
    name: t.name,
    role: t.role,
    owner,
    expiresAt: t.expiresAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    createdAt: t.createdAt.toISOString(),
  };
}
