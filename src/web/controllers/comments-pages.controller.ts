import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../auth';
import { CommentsService, PostCommentDto, type CommentTarget } from '../../comments';
import { DomainError, notFound } from '../../common/errors';
import { UuidParam } from '../../common/http';
import { commentErrors, threadModel } from '../comment-thread';
import { WebPages, type FieldErrorView } from '../web-pages.service';
import { WebActor, WebController, type WebRequest } from '../web.decorators';

type Form = Record<string, string | undefined>;

const OBJECT: Record<string, string> = {
  tender: 'to postępowanie',
  lot: 'tę część zamówienia',
  share: 'ten udział',
  task: 'to zadanie',
  sheet: 'tę fiszkę',
};

/**
 * Komentarze: adding a comment under a tender (`/postepowania/:id`), a share (`/udzialy/:id`), a
 * task of the matrix (`/zadania-postepowania/:id`) or a project sheet (`/fiszki/:id`), correcting
 * and withdrawing one's own. The same `CommentsService` as the API; success is a 303
 * back to the thread (`#komentarze`), refused input the thread's page with the form and 422.
 */
@WebController()
export class CommentsPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly comments: CommentsService,
  ) {}

  @Post('postepowania/:id/komentarze')
  onTender(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    return this.post(req, reply, actor, { kind: 'tender', id }, body);
  }

  @Post('udzialy/:id/komentarze')
  onShare(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    return this.post(req, reply, actor, { kind: 'share', id }, body);
  }

  @Post('zadania-postepowania/:id/komentarze')
  onTask(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    return this.post(req, reply, actor, { kind: 'task', id }, body);
  }

  @Post('fiszki/:id/komentarze')
  onSheet(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    return this.post(req, reply, actor, { kind: 'sheet', id }, body);
  }

  @Get('postepowania/:id/czesci/:lotId/komentarze')
  async lotThread(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('lotId', UuidParam) lotId: string,
  ): Promise<FastifyReply> {
    await this.lotOf(actor, id, lotId);
    return this.threadPage(
      req,
      reply,
      actor,
      { kind: 'lot', id: lotId },
      { body: '', errors: [] },
      200,
    );
  }

  @Post('postepowania/:id/czesci/:lotId/komentarze')
  async onLot(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('lotId', UuidParam) lotId: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    await this.lotOf(actor, id, lotId);
    return this.post(req, reply, actor, { kind: 'lot', id: lotId }, body);
  }

  @Get('komentarze/:id/popraw')
  async correction(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<FastifyReply> {
    const c = await this.comments.one(actor, id);
    return this.correctionPage(req, reply, actor, id, { body: c.body ?? '' });
  }

  @Post('komentarze/:id/popraw')
  async correct(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const text = (body.body ?? '').trim();
    const version = Number.parseInt(body.version ?? '', 10);
    let link = '';
    return this.pages.submit(req, reply, {
      dto: PostCommentDto,
      input: { body: text },
      invalid: (violations) => commentErrors(violations),
      run: async () => {
        link = (await this.ofComment(actor, id)).place.link;
        await this.comments.correct(actor, id, {
          body: text,
          version: Number.isInteger(version) ? version : 0,
        });
      },
      refused: (err) =>
        err instanceof DomainError && err.status === 422 ? commentErrors(err) : null,
      again: (errors) => this.correctionPage(req, reply, actor, id, { body: text, errors }, 422),
      stale: () => ({ to: link, text: CHANGED.text }),
      done: () => ({
        to: link,
        text: 'Poprawiono komentarz; wcześniejsza wersja pozostaje widoczna.',
      }),
    });
  }

  // Only the version is posted: nothing to check or show again, a stale one lands on the thread.
  @Post('komentarze/:id/wycofaj')
  async withdraw(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const { place } = await this.ofComment(actor, id);
    const version = Number.parseInt(body.version ?? '', 10);
    try {
      await this.comments.withdraw(actor, id, { version: Number.isInteger(version) ? version : 0 });
    } catch (err) {
      if (err instanceof DomainError && err.status === 409)
        return this.pages.redirect(req, reply, place.link, CHANGED);
      throw err;
    }
    return this.pages.redirect(req, reply, place.link, {
      kind: 'success',
      text: 'Wycofano komentarz; w wątku widać, że i kiedy go wycofano.',
    });
  }

  /** A lot of the tender in the address (404 for a lot of another tender). */
  private async lotOf(actor: Actor, tenderId: string, lotId: string): Promise<void> {
    const place = await this.comments.place(actor, { kind: 'lot', id: lotId });
    if (place.tenderId !== tenderId) throw notFound('Lot', lotId);
  }

  /** A comment the actor sees, and where its thread is shown. */
  private async ofComment(actor: Actor, id: string) {
    const c = await this.comments.one(actor, id);
    const kind = c.targetKind as CommentTarget['kind'];
    return { c, place: await this.comments.place(actor, { kind, id: c.targetId }) };
  }

  private async post(
    req: WebRequest,
    reply: FastifyReply,
    actor: Actor,
    target: CommentTarget,
    body: Form,
  ): Promise<FastifyReply> {
    const text = (body.body ?? '').trim();
    return this.pages.submit(req, reply, {
      dto: PostCommentDto,
      input: { body: text },
      invalid: (violations) => commentErrors(violations),
      run: async () => {
        await this.comments.post(actor, target, { body: text });
        return this.comments.place(actor, target);
      },
      refused: (err) =>
        err instanceof DomainError && err.status === 422 ? commentErrors(err) : null,
      again: (errors) => this.threadPage(req, reply, actor, target, { body: text, errors }),
      done: (place) => ({
        to: place.link,
        text: 'Dodano komentarz. Wspomniane osoby dostaną powiadomienie.',
      }),
    });
  }

  /** The thread with its form; refused input (422) with the error summary and the text as typed. */
  private async threadPage(
    req: WebRequest,
    reply: FastifyReply,
    actor: Actor,
    target: CommentTarget,
    form: { body: string; errors: FieldErrorView[] },
    status = 422,
  ): Promise<FastifyReply> {
    const [place, thread] = await Promise.all([
      this.comments.place(actor, target),
      this.comments.thread(actor, target, { limit: 200, offset: 0 }),
    ]);
    const where = pageOf(target, place);
    return this.pages.render(
      req,
      reply,
      'komentarze',
      {
        title: `Komentarze: ${place.label}`,
        errors: form.errors,
        crumbs: where.crumbs,
        back: where.back,
        thread: threadModel(
          thread,
          { action: formAction(target, place.tenderId), object: OBJECT[target.kind] },
          form,
        ),
      },
      status,
    );
  }

  private async correctionPage(
    req: WebRequest,
    reply: FastifyReply,
    actor: Actor,
    id: string,
    form: { body: string; errors?: FieldErrorView[] },
    status = 200,
  ): Promise<FastifyReply> {
    const { c, place } = await this.ofComment(actor, id);
    return this.pages.render(
      req,
      reply,
      'komentarz-popraw',
      {
        title: `Popraw komentarz: ${place.label}`,
        errors: form.errors ?? [],
        back: { href: place.link, label: place.label },
        comment: c,
        mayChange: c.allowedActions.includes('correct'),
        body: form.body,
        bodyError: form.errors?.find((e) => e.field === 'body')?.message,
      },
      status,
    );
  }
}

/** Where the thread's form posts. */
function formAction(target: CommentTarget, tenderId: string | null): string {
  if (target.kind === 'share') return `/udzialy/${target.id}/komentarze`;
  if (target.kind === 'task') return `/zadania-postepowania/${target.id}/komentarze`;
  if (target.kind === 'sheet') return `/fiszki/${target.id}/komentarze`;
  if (target.kind === 'lot') return `/postepowania/${tenderId}/czesci/${target.id}/komentarze`;
  return `/postepowania/${target.id}/komentarze`;
}

/** The breadcrumbs of a thread's page and the page of its object. */
function pageOf(
  target: CommentTarget,
  place: { tenderId: string | null; reference: string },
): { crumbs: { href: string; label: string }[]; back: { href: string; label: string } } {
  if (target.kind === 'sheet') {
    const sheet = { href: `/fiszki/${target.id}`, label: place.reference };
    return {
      crumbs: [{ href: '/fiszki', label: 'Fiszki projektów' }, sheet],
      back: { href: sheet.href, label: 'fiszka projektu' },
    };
  }
  const tender = { href: `/postepowania/${place.tenderId}`, label: place.reference };
  const crumbs = [{ href: '/postepowania', label: 'Postępowania' }, tender];
  if (target.kind === 'share')
    return { crumbs, back: { href: `/udzialy/${target.id}`, label: 'udział' } };
  if (target.kind === 'task')
    return { crumbs, back: { href: `/zadania-postepowania/${target.id}`, label: 'zadanie' } };
  return { crumbs, back: { href: tender.href, label: `postępowanie ${place.reference}` } };
}

const CHANGED = {
  kind: 'info' as const,
  text: 'Komentarz zmienił się w międzyczasie (poprawiono go lub wycofano). Poniżej jest jego aktualny stan; nic nie zapisano.',
};
