import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '../auth';
import { CurrentActor } from '../auth';
import { UuidParam } from '../common/http';
import type { Page } from '../common/pagination';
import {
  CreateOrganisationDto,
  OrganisationView,
  OrganisationsQuery,
  UpdateOrganisationDto,
} from './dto/organisation.dto';
import { OrganisationsService } from './organisations.service';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  @ApiOperation({ summary: 'The registry of local governments (JST) and associations' })
  list(@Query() q: OrganisationsQuery): Promise<Page<OrganisationView>> {
    return this.organisations.list(q);
  }

  @Post()
  @ApiOperation({
    summary: 'Register an organisation (administrators)',
    description:
      'NIP, REGON and TERYT are checked by their check-digit rules; NIP and REGON are unique.',
  })
  @ApiCreatedResponse({ type: OrganisationView })
  @ApiBadRequestResponse({
    description: 'A field breaks its rule, e.g. `{field: "nip", rule: "isNip"}`',
  })
  @ApiConflictResponse({ description: 'NIP, REGON or slug already registered' })
  create(
    @CurrentActor() actor: Actor,
    @Body() dto: CreateOrganisationDto,
  ): Promise<OrganisationView> {
    return this.organisations.create(actor, dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One organisation' })
  @ApiOkResponse({ type: OrganisationView })
  get(@Param('id', UuidParam) id: string): Promise<OrganisationView> {
    return this.organisations.get(id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: "Edit an organisation (administrators, or the organisation's officer or head)",
  })
  @ApiOkResponse({ type: OrganisationView })
  @ApiConflictResponse({ description: 'Stale version, or NIP/REGON already registered' })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: UpdateOrganisationDto,
  ): Promise<OrganisationView> {
    return this.organisations.update(actor, id, dto);
  }
}
