import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { UuidParam } from '../common/http';
import type { Page } from '../common/pagination';
import type { Actor } from './actor';
import { CurrentActor } from './auth.decorators';
import { UserView } from './dto/auth.dto';
import { CreateUserDto, MembershipInput, UpdateUserDto, UsersQuery } from './dto/users.dto';
import { ROLES } from './roles';
import { UsersService } from './users.service';

@ApiTags('admin: users')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Only administrators manage users' })
@Controller('admin/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'List users with their role memberships' })
  list(@CurrentActor() actor: Actor, @Query() q: UsersQuery): Promise<Page<UserView>> {
    return this.users.list(actor, q);
  }

  @Post()
  @ApiOperation({ summary: 'Create a user (password ≥ 12 characters, stored as argon2id)' })
  @ApiCreatedResponse({ type: UserView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto): Promise<UserView> {
    return this.users.create(actor, dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One user with role memberships' })
  @ApiOkResponse({ type: UserView })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<UserView> {
    return this.users.get(actor, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary:
      'Rename, (de)activate, change admin flag or reset password; deactivation ends sessions',
  })
  @ApiOkResponse({ type: UserView })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: UpdateUserDto,
  ): Promise<UserView> {
    return this.users.update(actor, id, dto);
  }

  @Post(':id/memberships')
  @ApiOperation({ summary: 'Grant a role in an organisation' })
  @ApiCreatedResponse({ type: UserView })
  addMembership(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: MembershipInput,
  ): Promise<UserView> {
    return this.users.addMembership(actor, id, dto);
  }

  @Delete(':id/memberships/:organisationId/:role')
  @ApiOperation({ summary: 'Revoke a role in an organisation' })
  @ApiParam({ name: 'role', enum: ROLES })
  @ApiOkResponse({ type: UserView })
  removeMembership(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('organisationId', UuidParam) organisationId: string,
    @Param('role') role: string,
  ): Promise<UserView> {
    return this.users.removeMembership(actor, id, organisationId, role);
  }
}
