import { Inject, Injectable } from '@nestjs/common';
import { compare, hash } from 'bcryptjs';
import { GATEWAY_OPTIONS, type GatewayOptions } from '../infra/gateway-options';

/** bcrypt (cost 12 by default). */
@Injectable()
export class PasswordHasher {
  private readonly cost: number;
  private dummy?: Promise<string>;

  constructor(@Inject(GATEWAY_OPTIONS) options: GatewayOptions) {
    this.cost = options.passwordHashCost ?? 12;
  }

  hash(password: string): Promise<string> {
    return hash(password, this.cost);
  }

  verify(password: string, passwordHash: string): Promise<boolean> {
    return compare(password, passwordHash);
  }

  /** Spends the same time as a real check, so a wrong username is not faster than a wrong password. */
  async burn(password: string): Promise<void> {
    this.dummy ??= hash('proxdeck-no-such-user', this.cost);
    await compare(password, await this.dummy);
  }
}
