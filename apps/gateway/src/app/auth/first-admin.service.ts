import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { PROXDECK_CONFIG, type ProxdeckConfig } from '@proxdeck/server-config';
import { UserEntity } from '@proxdeck/server-database';
import { PasswordHasher } from './password-hasher.service';

/** First start: creates the admin named by PROXDECK_ADMIN_USER / PROXDECK_ADMIN_PASSWORD when no user exists. */
@Injectable()
export class FirstAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger('FirstAdmin');

  constructor(
    @Inject(PROXDECK_CONFIG) private readonly config: ProxdeckConfig,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly hasher: PasswordHasher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { username, password } = this.config.admin;
    if ((await this.users.count()) > 0) return;
    if (!username || !password) {
      this.logger.warn('No users exist and PROXDECK_ADMIN_USER / PROXDECK_ADMIN_PASSWORD are not set: nobody can log in.');
      return;
    }
    const passwordHash = await this.hasher.hash(password);
    // ON CONFLICT DO NOTHING: two gateways starting at once must not fail on the unique username.
    await this.users.createQueryBuilder().insert().values({ username, passwordHash, role: 'admin' }).orIgnore().execute();
    this.logger.log(`Created the first admin "${username}".`);
  }
}
