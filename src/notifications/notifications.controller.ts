import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth';
import { CurrentActor } from '../auth';
import { UuidParam } from '../common/http';
import type { Page } from '../common/pagination';
import {
  NotificationView,
  NotificationsQuery,
  PreferencesDto,
  PreferencesView,
} from './notifications.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'My in-app notifications, newest first, with the unread count' })
  list(
    @CurrentActor() actor: Actor,
    @Query() q: NotificationsQuery,
  ): Promise<Page<NotificationView> & { unread: number }> {
    return this.notifications.list(actor, q);
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark all my notifications read' })
  readAll(@CurrentActor() actor: Actor): Promise<{ marked: number }> {
    return this.notifications.markAllRead(actor);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one notification read' })
  @ApiOkResponse({ type: NotificationView })
  read(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<NotificationView> {
    return this.notifications.markRead(actor, id);
  }
}

@ApiTags('me')
@ApiBearerAuth()
@Controller('me/preferences')
export class PreferencesController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'My notification preferences' })
  @ApiOkResponse({ type: PreferencesView })
  get(@CurrentActor() actor: Actor): Promise<PreferencesView> {
    return this.notifications.preferences(actor);
  }

  @Patch()
  @ApiOperation({
    summary: 'Change my notification preferences',
    description:
      '`emailOptOut: true` stops e-mail copies of every notification; `emailOptOutKinds` (the whole list) stops them for those kinds only. Queued e-mails are checked again when they are sent.',
  })
  @ApiOkResponse({ type: PreferencesView })
  update(@CurrentActor() actor: Actor, @Body() dto: PreferencesDto): Promise<PreferencesView> {
    return this.notifications.updatePreferences(actor, dto);
  }
}
