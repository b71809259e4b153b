import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../auth';
import { CommentsService } from '../../comments';
import { DomainError, type FieldViolation } from '../../common/errors';
import { UuidParam } from '../../common/http';
import { ApproveShareDto, RequestChangeDto } from '../../tenders';
import { BUDGET_CLASSIFICATION } from '../../common/budget';
import { budgetClassificationProblem } from '../../tenders';
import { ShareReviewService, type ShareReview } from '../../tenders';
import { SharesService } from '../../tenders';
import { threadModel } from '../comment-thread';
import { WebPages, type FieldErrorView } from '../web-pages.service';
import type { Landing, Shown } from '../web-form';
import { chainSteps, shareBadge } from '../web-view-models';
import { errorPl, STEP_ACTION_PL, STEP_DONE_PL, STEP_PL } from '../web-words';
import { WebActor, WebController, type WebRequest } from '../web.decorators';
import { fieldErrors } from './sign-in.controller';

type Form = Record<string, string | undefined>;
type Approval = { budgetClassification: string; wpfReference: string; comment: string };

const LABEL: Record<string, string> = {
  budgetClassification: 'Klasyfikacja budżetowa',
  wpfReference: 'Pozycja w wieloletniej prognozie finansowej',
  comment: 'Uwagi',
  reason: 'Uzasadnienie prośby o zmianę',
};

const LEGAL_BASIS =
  'art. 38 ust. 1 i 2 ustawy z dnia 11 września 2019 r. – Prawo zamówień publicznych ' +
  '(zamówienie udzielane wspólnie przez partnerów, w ich imieniu i na ich rzecz przez lidera); ' +
  'reprezentacja jednostki: art. 46 ust. 1 ustawy o samorządzie gminnym (powiat: art. 48 ustawy ' +
  'o samorządzie powiatowym); kontrasygnata skarbnika: art. 46 ust. 3 ustawy o samorządzie ' +
  'gminnym (powiat: art. 48 ust. 3 ustawy o samorządzie powiatowym).';

/**
 * Udział: the review page of a share. What is confirmed, then "Sprawdź i potwierdź" → a
 * confirmation step → the step recorded by SharesService (the API's use case, same rules).
 * A stale version or a repeated submission lands back on the page with its current state.
 */
@WebController()
export class SharesPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly review: ShareReviewService,
    private readonly shares: SharesService,
    private readonly comments: CommentsService,
  ) {}

  @Get('udzialy/:id')
  async show(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<FastifyReply> {
    const r = await this.review.review(actor, id);
    const thread = await this.comments.thread(
      actor,
      { kind: 'share', id },
      { limit: 200, offset: 0 },
    );
    return this.pages.render(req, reply, 'udzial', {
      ...this.model(r, {}),
      thread: threadModel(thread, { action: `/udzialy/${id}/komentarze`, object: 'ten udział' }),
    });
  }

  @Post('udzialy/:id/sprawdz')
  async check(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const r = await this.review.review(actor, id);
    const stale = this.staleness(r, body);
    if (stale) return this.pages.redirect(req, reply, `/udzialy/${id}`, stale);
    const step = r.share.pendingStep ?? '';
    // The confirmation step: the same checks as the final button, nothing recorded yet.
    return this.approval(req, reply, actor, r, body, {
      run: () => Promise.resolve(),
      done: (input) => ({
        show: () =>
          this.pages.render(req, reply, 'udzial-potwierdz', {
            title: `Potwierdź: ${STEP_PL[step] ?? ''}`,
            ...this.facts(r),
            input,
            stepLabel: STEP_PL[step],
            actionLabel: STEP_ACTION_PL[step],
            treasurer: step === 'TREASURER',
          }),
      }),
    });
  }

  @Post('udzialy/:id/potwierdz')
  async confirm(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const r = await this.review.review(actor, id);
    const stale = this.staleness(r, body);
    if (stale) return this.pages.redirect(req, reply, `/udzialy/${id}`, stale);
    const step = r.share.pendingStep ?? '';
    return this.approval(req, reply, actor, r, body, {
      run: async (input) => {
        await this.shares.approve(actor, id, {
          version: r.share.version,
          comment: input.comment || undefined,
          budgetClassification: step === 'TREASURER' ? input.budgetClassification : undefined,
          wpfReference: step === 'TREASURER' ? input.wpfReference || undefined : undefined,
        });
      },
      done: () => ({ to: `/udzialy/${id}`, text: STEP_DONE_PL[step] ?? 'Zapisano.' }),
    });
  }

  @Post('udzialy/:id/zmiana')
  async requestChange(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const r = await this.review.review(actor, id);
    const stale = this.staleness(r, body);
    if (stale) return this.pages.redirect(req, reply, `/udzialy/${id}`, stale);
    const reason = (body.reason ?? '').trim();
    return this.pages.submit(req, reply, {
      dto: RequestChangeDto,
      input: { version: r.share.version, reason: reason || undefined },
      invalid: (violations) => violations.map((v) => polish(v, reason)),
      run: () => this.shares.requestChange(actor, id, { version: r.share.version, reason }),
      again: (errors) =>
        this.pages.render(
          req,
          reply,
          'udzial',
          this.model(r, { reason, errors, changeOpen: true }),
          422,
        ),
      lands: (err) => this.landing(actor, id, err),
      done: () => ({
        to: `/udzialy/${id}`,
        text: 'Przekazano liderowi prośbę o zmianę udziału. Po zmianie kwoty udział wróci do akceptacji koordynatora.',
      }),
    });
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** The form was made for another version: show the share as it is now, with a sentence. */
  private staleness(r: ShareReview, body: Form) {
    if (String(r.share.version) === body.version) return null;
    return {
      kind: 'info' as const,
      text: `${errorPl('SHARE_VERSION_CONFLICT')} Obecny stan: ${shareBadge(r.share.status).label.toLowerCase()}.`,
    };
  }

  /** The approval's fields through ApproveShareDto and the chain's rule of the classification. */
  private approval(
    req: WebRequest,
    reply: FastifyReply,
    actor: Actor,
    r: ShareReview,
    body: Form,
    then: { run: (input: Approval) => Promise<void>; done: (input: Approval) => Landing | Shown },
  ): Promise<FastifyReply> {
    const input = {
      budgetClassification: (body.budgetClassification ?? '').trim(),
      wpfReference: (body.wpfReference ?? '').trim(),
      comment: (body.comment ?? '').trim(),
    };
    const treasurer = r.share.pendingStep === 'TREASURER';
    return this.pages.submit(req, reply, {
      dto: ApproveShareDto,
      input: {
        version: r.share.version,
        comment: input.comment || undefined,
        budgetClassification: treasurer ? input.budgetClassification || undefined : undefined,
        wpfReference: treasurer ? input.wpfReference || undefined : undefined,
      },
      // The chain's own rule decides; only its wording is Polish here (`polish`).
      check: (_, violations) =>
        treasurer &&
        !violations.some((v) => v.field === 'budgetClassification') &&
        budgetClassificationProblem(input.budgetClassification || undefined)
          ? [
              { field: 'budgetClassification', rule: 'budgetClassification', message: '' },
              ...violations,
            ]
          : violations,
      invalid: (violations) => violations.map((v) => polish(v, input.budgetClassification)),
      run: () => then.run(input),
      again: (errors) =>
        this.pages.render(req, reply, 'udzial', this.model(r, { input, errors }), 422),
      lands: (err) => this.landing(actor, r.share.id, err),
      done: () => then.done(input),
    });
  }

  /** The service's refusal on the share's page as it is now; a decision taken twice, said so. */
  private async landing(actor: Actor, id: string, err: unknown): Promise<Landing | null> {
    if (!(err instanceof DomainError) || err.status === 404 || err.status >= 500) return null;
    const now = await this.review.review(actor, id);
    const mine = now.share.approvals
      .filter((a) => !a.void && a.userId === actor.userId)
      .sort((a, b) => b.decidedAt.localeCompare(a.decidedAt))[0];
    if (err.status === 409 && mine)
      return {
        to: `/udzialy/${id}`,
        text: 'Twoja decyzja w tej sprawie jest już zapisana; nie zapisano jej drugi raz.',
      };
    return {
      to: `/udzialy/${id}`,
      kind: err.status === 409 ? 'info' : 'error',
      text: `${errorPl(err.code)} Obecny stan: ${shareBadge(now.share.status).label.toLowerCase()}.`,
    };
  }

  private facts(r: ShareReview) {
    return {
      tender: r.tender,
      lot: r.lot,
      share: { ...r.share, badge: shareBadge(r.share.status) },
      partnershipName: r.partnershipName,
      leaderName: r.leaderName,
      legalBasis: LEGAL_BASIS,
      steps: chainSteps(r.share),
    };
  }

  private model(
    r: ShareReview,
    extra: {
      input?: Record<string, string>;
      errors?: FieldErrorView[];
      reason?: string;
      changeOpen?: boolean;
    },
  ) {
    const step = r.share.pendingStep ?? '';
    const canAct = r.share.allowedActions.includes('approve');
    const errors = extra.errors ?? [];
    return {
      title: `Udział: ${r.share.organisationName}, ${r.tender.reference}, część ${r.lot.number}`,
      ...this.facts(r),
      canAct,
      stepLabel: STEP_PL[step],
      treasurer: canAct && step === 'TREASURER',
      input: extra.input ?? {
        budgetClassification: r.share.budgetClassification ?? '',
        wpfReference: r.share.wpfReference ?? '',
        comment: '',
      },
      reason: extra.reason ?? '',
      changeOpen: extra.changeOpen ?? false,
      errors,
      ...fieldErrors(errors),
    };
  }
}

function polish(v: FieldViolation, value: string): FieldErrorView {
  const label = LABEL[v.field] ?? v.field;
  switch (v.field) {
    case 'budgetClassification':
      return { field: v.field, label, message: classificationMessage(value) };
    case 'reason':
      return {
        field: v.field,
        label,
        message:
          v.rule === 'maxLength'
            ? 'Uzasadnienie może mieć najwyżej 2000 znaków.'
            : 'Napisz, co i dlaczego należy zmienić (co najmniej 5 znaków).',
      };
    case 'wpfReference':
      return { field: v.field, label, message: 'Wpisz najwyżej 200 znaków.' };
    case 'comment':
      return { field: v.field, label, message: 'Uwagi mogą mieć najwyżej 2000 znaków.' };
    default:
      return { field: v.field, label, message: 'Popraw to pole.' };
  }
}

function classificationMessage(value: string): string {
  if (!value)
    return 'Podaj klasyfikację budżetową wydatku: dział/rozdział/paragraf, np. 600/60016/4270.';
  const m = BUDGET_CLASSIFICATION.exec(value);
  if (!m)
    return 'Wpisz klasyfikację w postaci dział/rozdział/paragraf (3, 5 i 4 cyfry), np. 600/60016/4270.';
  const rule = budgetClassificationProblem(value)?.rule;
  if (rule === 'budgetClassificationDzial')
    return `Dział ${m[1]} nie występuje w klasyfikacji budżetowej (załącznik nr 1 do rozporządzenia Ministra Finansów z dnia 2 marca 2010 r.), np. 600 – Transport i łączność.`;
  if (rule === 'budgetClassificationParagraf')
    return `Paragraf ${m[3]} nie jest paragrafem wydatków: wydatki bieżące to 4xxx, majątkowe 6xxx, dotacje 2xxx.`;
  return `Rozdział ${m[2]} nie należy do działu ${m[1]}: pierwsze trzy cyfry rozdziału to numer działu.`;
}
