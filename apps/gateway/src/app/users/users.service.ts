import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type Repository } from 'typeorm';
import { ApiTokenEntity, RefreshSessionEntity, toUserDto, UserEntity } from '@proxdeck/server-database';
import type { UserDto } from '@proxdeck/shared-contracts';
import { AuditService } from '../audit/audit.service';
import { PasswordHasher } from '../auth/password-hasher.service';
import { requireLogin, type Principal } from '../auth/principal';
import { DomainError } from '../problem/domain-error';
import type { CreateUserDto, UpdateUserDto } from './user.dto';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<UserDto[]> {
    return (await this.users.find({ order: { createdAt: 'ASC', username: 'ASC' } })).map(toUserDto);
  }

  async create(body: CreateUserDto, actor: Principal): Promise<UserDto> {
    requireLogin(actor, 'manage users');
    if (await this.users.existsBy({ username: body.username })) {
      throw new DomainError('USER_EXISTS', 409, `A user named "${body.username}" already exists.`, { username: 'is already taken' });
    }
    const passwordHash = await this.hasher.hash(body.password);
    return this.dataSource.transaction(async (m) => {
      const user = await m.getRepository(UserEntity).save(m.getRepository(UserEntity).create({ username: body.username, passwordHash, role: body.role }));
      await this.audit.record({ actor: actor.username, action: 'user.create', target: user.id, details: { username: user.username, role: user.role } }, m);
      return toUserDto(user);
    });
  }

  async update(id: string, body: UpdateUserDto, actor: Principal): Promise<UserDto> {
    requireLogin(actor, 'manage users');
    const passwordHash = body.password === undefined ? undefined : await this.hasher.hash(body.password);
    return this.dataSource.transaction(async (m) => {
      const user = await this.lockUser(m, id);
      if (body.role !== undefined && body.role !== 'admin' && user.role === 'admin') await this.refuseIfLastAdmin(m, 'demote');
      if (body.role !== undefined) user.role = body.role;
      if (passwordHash !== undefined) {
        user.passwordHash = passwordHash;
        user.credentialsChangedAt = new Date();
      }
      await m.getRepository(UserEntity).save(user);
      if (passwordHash !== undefined) {
        // A new password ends everything the old one opened: sessions, access tokens already issued
        // (credentialsChangedAt, checked by PrincipalResolver) and the user's API tokens.
        await m.getRepository(RefreshSessionEntity).delete({ userId: user.id });
        await m.getRepository(ApiTokenEntity).delete({ userId: user.id });
      }
      await this.audit.record(
        { actor: actor.username, action: 'user.update', target: user.id, details: { role: body.role, passwordChanged: passwordHash !== undefined } },
        m,
      );
      return toUserDto(user);
    });
  }

  async remove(id: string, actor: Principal): Promise<void> {
    requireLogin(actor, 'manage users');
    if (id === actor.userId) throw new DomainError('USER_CHANGE_REFUSED', 422, 'You cannot delete your own account; ask another admin.');
    await this.dataSource.transaction(async (m) => {
      const user = await this.lockUser(m, id);
      if (user.role === 'admin') await this.refuseIfLastAdmin(m, 'delete');
      await m.getRepository(UserEntity).delete({ id: user.id });
      await this.audit.record({ actor: actor.username, action: 'user.delete', target: user.id, details: { username: user.username } }, m);
    });
  }

  private async lockUser(m: EntityManager, id: string): Promise<UserEntity> {
    const user = await m.getRepository(UserEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!user) throw DomainError.notFound('NOT_FOUND', 'No user has this id.');
    return user;
  }

  /** Locks every admin row, so two concurrent demotions cannot both pass the count. */
  private async refuseIfLastAdmin(m: EntityManager, what: 'delete' | 'demote'): Promise<void> {
    const admins = await m.getRepository(UserEntity).find({ where: { role: 'admin' }, lock: { mode: 'pessimistic_write' } });
    if (admins.length <= 1) {
      throw new DomainError('USER_CHANGE_REFUSED', 422, `This is the last admin; you cannot ${what} it. Make another user admin first.`);
    }
  }
}
