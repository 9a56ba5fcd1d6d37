import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { UserDto } from '@proxdeck/shared-contracts';
import { Roles } from '../auth/access.decorators';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { uuidParam } from '../problem/uuid-param';
import { CreateUserDto, UpdateUserDto } from './user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  list(): Promise<UserDto[]> {
    return this.users.list();
  }

  @Post()
  create(@Body() body: CreateUserDto, @CurrentPrincipal() actor: Principal): Promise<UserDto> {
    return this.users.create(body, actor);
  }

  @Patch(':id')
  update(@Param('id', uuidParam('NOT_FOUND', 'No user has this id.')) id: string, @Body() body: UpdateUserDto, @CurrentPrincipal() actor: Principal): Promise<UserDto> {
    return this.users.update(id, body, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@Param('id', uuidParam('NOT_FOUND', 'No user has this id.')) id: string, @CurrentPrincipal() actor: Principal): Promise<void> {
    return this.users.remove(id, actor);
  }
}
