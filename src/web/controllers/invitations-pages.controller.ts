import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../auth';
import { DomainError } from '../../common/errors';
import { UuidParam } from '../../common/http';
import { DeclineInvitationDto, InvitationsService, type InvitationView } from '../../partnerships';
import { WebPages, type FieldErrorView } from '../web-pages.service';
import { formErrors, validateAs } from '../web-validate';
import { INVITATION_ACCEPTOR_PL, INVITATION_FORM, INVITATION_STATUS_PL } from '../web-words';
import { WebActor, WebController, type WebRequest } from '../web.decorators';

type Form = Record<string, string | undefined>;

/**
 * Zaproszenie do partnerstwa: what the leader proposes, and for the invited organisation's head (or
 * officer, as the partnership's rules say) acceptance after a review page, or refusal with a
 * reason. The same InvitationsService as `POST /invitations/:id/accept|decline`.
 */
@WebController()
export class InvitationsPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly invitations: InvitationsService,
  ) {}

  @Get('zaproszenia/:id')
  async show(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<FastifyReply> {
    return this.page(req, reply, await this.invitations.get(actor, id), {});
  }

  @Get('zaproszenia/:id/przyjecie')
  async review(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<FastifyReply> {
    const invitation = await this.invitations.get(actor, id);
    if (!invitation.mayDecide) return this.pages.redirect(req, reply, `/zaproszenia/${id}`);
    return this.pages.render(req, reply, 'zaproszenie-przyjecie', {
      title: `Sprawdź przed przyjęciem zaproszenia do partnerstwa ${invitation.partnership.name}`,
      invitation,
    });
  }

  @Post('zaproszenia/:id/przyjmij')
  async accept(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    try {
      const done = await this.invitations.accept(actor, id, { version: Number(body.version) });
      return this.pages.redirect(req, reply, `/zaproszenia/${id}`, {
        kind: 'success',
        text: `Przyjęto zaproszenie: ${done.organisation.name} jest członkiem partnerstwa ${done.partnership.name}.`,
      });
    } catch (err) {
      return this.stale(req, reply, actor, id, err);
    }
  }

  @Post('zaproszenia/:id/odrzuc')
  async decline(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const { value, violations } = await validateAs(DeclineInvitationDto, {
      version: Number(body.version),
      reason: (body.reason ?? '').trim(),
    });
    if (violations.length > 0) {
      const invitation = await this.invitations.get(actor, id);
      return this.page(req, reply, invitation, {
        errors: formErrors(INVITATION_FORM, violations),
        reason: body.reason ?? '',
        status: 422,
      });
    }
    try {
      await this.invitations.decline(actor, id, value);
      return this.pages.redirect(req, reply, `/zaproszenia/${id}`, {
        kind: 'success',
        text: 'Odrzucono zaproszenie. Lider partnerstwa zobaczy powód w rejestrze zaproszeń.',
      });
    } catch (err) {
      return this.stale(req, reply, actor, id, err);
    }
  }

  /** An answer given meanwhile (or a stale form) lands on the invitation's current state. */
  private async stale(
    req: WebRequest,
    reply: FastifyReply,
    actor: Actor,
    id: string,
    err: unknown,
  ): Promise<FastifyReply> {
    if (
      err instanceof DomainError &&
      (err.code === 'INVITATION_ALREADY_ANSWERED' || err.code === 'VERSION_CONFLICT')
    )
      return this.pages.redirect(req, reply, `/zaproszenia/${id}`, {
        kind: 'info',
        text: 'Zaproszenie zmieniło się w międzyczasie; poniżej jego obecny stan. Nic nie zapisano.',
      });
    throw err;
  }

  private page(
    req: WebRequest,
    reply: FastifyReply,
    invitation: InvitationView,
    extra: { errors?: FieldErrorView[]; reason?: string; status?: number },
  ): Promise<FastifyReply> {
    return this.pages.render(
      req,
      reply,
      'zaproszenie',
      {
        title: `Zaproszenie do partnerstwa ${invitation.partnership.name}`,
        invitation,
        statusLabel: INVITATION_STATUS_PL[invitation.status],
        acceptorLabel: INVITATION_ACCEPTOR_PL[invitation.acceptedBy],
        errors: extra.errors,
        reason: extra.reason ?? '',
        reasonError: extra.errors?.find((e) => e.field === 'reason')?.message,
      },
      extra.status ?? 200,
    );
  }
}
