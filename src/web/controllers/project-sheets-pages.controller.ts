import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../auth';
import { CommentsService } from '../../comments';
import { DomainError, type FieldViolation } from '../../common/errors';
import { UuidParam } from '../../common/http';
import { PartnershipsService } from '../../partnerships';
import {
  ConvertSheetDto,
  CreateProjectSheetDto,
  ProjectSheetsService,
  RecordInterestDto,
  type ProjectSheetView,
} from '../../projects';
import { PROCEDURES, SETTLEMENT_MODELS, SUBJECT_KINDS } from '../../tenders';
import { threadModel } from '../comment-thread';
import { amountInput } from '../procedure-forms';
import {
  CONVERT_FORM,
  INTEREST_ACTION_PL,
  INTEREST_FORM,
  INTEREST_STATUS_PL,
  SHEET_FORM,
  SHEET_STATUS_PL,
} from '../project-sheet-words';
import { WebPages } from '../web-pages.service';
import { formErrors } from '../web-validate';
import { PROCEDURE_PL, SETTLEMENT_MODEL_PL, SUBJECT_KIND_PL } from '../web-words';
import type { FormWords } from '../web-words-admin';
import { WebActor, WebController, type WebRequest } from '../web.decorators';

type Form = Record<string, string | string[] | undefined>;

const str = (f: Form, name: string): string => {
  const v = f[name];
  return (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
};
const list = (f: Form, name: string): string[] => {
  const v = f[name];
  return (Array.isArray(v) ? v : v ? [v] : []).map((x) => x.trim()).filter(Boolean);
};
const optional = (v: string): string | undefined => (v === '' ? undefined : v);
const options = (values: readonly string[], words: Record<string, string>, chosen: string) =>
  values.map((v) => ({ value: v, label: words[v] ?? v, selected: v === chosen }));
/** One message per field, as the summary and the fields show it. */
const byField = (errors: { field: string; message: string }[]) =>
  Object.fromEntries(errors.map((e) => [e.field, e.message]));

/**
 * Fiszki projektów (issue #14): the list, a new sheet, its page with each partner's interest,
 * "Zgłoś zainteresowanie" for a partner's coordinator and "Utwórz postępowanie" for the leader's
 * officer. The same ProjectSheetsService as `/api/v1/project-sheets`; each POST is a 303 to the
 * sheet or the form again with 422 and the Polish errors.
 */
@WebController()
export class ProjectSheetsPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly sheets: ProjectSheetsService,
    private readonly partnerships: PartnershipsService,
    private readonly comments: CommentsService,
  ) {}

  @Get('fiszki')
  async index(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
  ): Promise<FastifyReply> {
    const page = await this.sheets.list(actor, { limit: 200, offset: 0 });
    return this.pages.render(req, reply, 'fiszki', {
      title: 'Fiszki projektów',
      sheets: page.items.map((s) => ({
        ...s,
        statusLabel: SHEET_STATUS_PL[s.status],
        answered: s.partners.filter((p) => p.status !== 'WAITING').length,
      })),
      mayWrite: this.mayWrite(actor),
    });
  }

  @Get('fiszki/nowa')
  async blank(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
  ): Promise<FastifyReply> {
    return this.newPage(req, reply, actor, {}, []);
  }

  @Post('fiszki')
  async create(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const plain = {
      partnershipId: str(body, 'partnershipId'),
      title: str(body, 'title'),
      need: str(body, 'need'),
      subjectKind: str(body, 'subjectKind'),
      cpvMain: str(body, 'cpvMain'),
      estimatedValueNet: amountInput(str(body, 'estimatedValueNet')),
      partnerIds: list(body, 'partnerIds'),
      plannedAnnouncementMonth: str(body, 'plannedAnnouncementMonth'),
      plannedStartOn: optional(str(body, 'plannedStartOn')),
    };
    return this.pages.submit(req, reply, {
      dto: CreateProjectSheetDto,
      input: plain,
      invalid: (violations) => violations,
      run: (value) => this.sheets.create(actor, value),
      refused: (err) => this.refusal(err),
      again: (violations) => this.newPage(req, reply, actor, body, violations),
      done: (sheet) => ({
        to: `/fiszki/${sheet.id}`,
        text: 'Zapisano fiszkę projektu. Koordynatorzy wskazanych partnerów zobaczą ją w „Moich zadaniach”.',
      }),
    });
  }

  @Get('fiszki/:id')
  async show(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<FastifyReply> {
    const sheet = await this.sheets.get(actor, id);
    const thread = await this.comments.thread(
      actor,
      { kind: 'sheet', id },
      { limit: 200, offset: 0 },
    );
    return this.pages.render(req, reply, 'fiszka', {
      title: `Fiszka projektu: ${sheet.title}`,
      sheet,
      statusLabel: SHEET_STATUS_PL[sheet.status],
      subjectKindLabel: SUBJECT_KIND_PL[sheet.subjectKind] ?? sheet.subjectKind,
      partners: sheet.partners.map((p) => ({
        ...p,
        statusLabel: INTEREST_STATUS_PL[p.status],
        revisions: p.revisions.map((r) => ({ ...r, actionLabel: INTEREST_ACTION_PL[r.action] })),
        mayWithdraw: p.mayRecord && p.status === 'INTERESTED',
      })),
      thread: threadModel(thread, { action: `/fiszki/${id}/komentarze`, object: 'tę fiszkę' }),
    });
  }

  @Get('fiszki/:id/zainteresowanie/:organisationId')
  async interestForm(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('organisationId', UuidParam) organisationId: string,
  ): Promise<FastifyReply> {
    const sheet = await this.sheets.get(actor, id);
    const p = sheet.partners.find((x) => x.organisation.id === organisationId);
    const form: Form = p?.amountNet
      ? {
          amountNet: p.amountNet.replace('.', ','),
          headConsentOn: p.headConsentOn ?? '',
          headName: p.headName ?? '',
        }
      : {};
    return this.interestPage(req, reply, sheet, organisationId, form, []);
  }

  @Post('fiszki/:id/zainteresowanie/:organisationId')
  async recordInterest(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('organisationId', UuidParam) organisationId: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const plain = {
      amountNet: amountInput(str(body, 'amountNet')),
      headConsentOn: optional(str(body, 'headConsentOn')),
      headName: optional(str(body, 'headName')),
      note: optional(str(body, 'note')),
    };
    return this.pages.submit(req, reply, {
      dto: RecordInterestDto,
      input: plain,
      invalid: (violations) => violations,
      run: (value) => this.sheets.recordInterest(actor, id, organisationId, value),
      refused: (err) => this.refusal(err),
      again: async (v) =>
        this.interestPage(req, reply, await this.sheets.get(actor, id), organisationId, body, v),
      done: () => ({
        to: `/fiszki/${id}`,
        text: 'Zapisano zainteresowanie partnera. Wcześniejsze zgłoszenia pozostają w historii fiszki.',
      }),
    });
  }

  @Post('fiszki/:id/zainteresowanie/:organisationId/wycofaj')
  async withdrawInterest(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('organisationId', UuidParam) organisationId: string,
  ): Promise<FastifyReply> {
    await this.sheets.withdrawInterest(actor, id, organisationId, {});
    return this.pages.redirect(req, reply, `/fiszki/${id}`, {
      kind: 'success',
      text: 'Wycofano zainteresowanie partnera; zgłoszenie pozostaje w historii fiszki.',
    });
  }

  @Get('fiszki/:id/postepowanie')
  async convertForm(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<FastifyReply> {
    return this.convertPage(req, reply, await this.sheets.get(actor, id), {}, []);
  }

  @Post('fiszki/:id/postepowanie')
  async convert(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const plain = {
      reference: str(body, 'reference'),
      procedure: str(body, 'procedure'),
      settlementModel: str(body, 'settlementModel'),
      lots: str(body, 'lots') || 'SINGLE',
    };
    return this.pages.submit(req, reply, {
      dto: ConvertSheetDto,
      input: plain,
      invalid: (violations) => violations,
      run: (value) => this.sheets.convert(actor, id, value),
      refused: (err) => this.refusal(err),
      again: async (v) => this.convertPage(req, reply, await this.sheets.get(actor, id), body, v),
      done: (sheet) => ({
        to: `/postepowania/${sheet.tender?.id}`,
        text: 'Utworzono projekt postępowania z fiszki; udziały partnerów wpisano z ich zgłoszeń.',
      }),
    });
  }

  private mayWrite(actor: Actor): boolean {
    return (
      actor.admin ||
      actor.memberships.some((m) => m.role === 'COORDINATOR' || m.role === 'PROCUREMENT_OFFICER')
    );
  }

  /** A service refusal the form can show (409/422 with a message); others propagate. */
  private refusal(err: unknown): FieldViolation[] {
    if (!(err instanceof DomainError) || (err.status !== 409 && err.status !== 422)) throw err;
    return err.errors?.length
      ? err.errors
      : [{ field: 'bledy', rule: err.code, message: err.message }];
  }

  private errorsOf(words: FormWords, violations: FieldViolation[]) {
    const known = violations.filter((v) => v.field in words);
    const other = violations.filter((v) => !(v.field in words));
    return [
      ...formErrors(words, known),
      ...other.map((v) => ({ field: 'bledy', label: 'Formularz', message: refusalPl(v) })),
    ];
  }

  private async newPage(
    req: WebRequest,
    reply: FastifyReply,
    actor: Actor,
    form: Form,
    violations: FieldViolation[],
  ): Promise<FastifyReply> {
    const visible = await this.partnerships.list(actor, { limit: 200, offset: 0 });
    const chosen =
      str(form, 'partnershipId') || (visible.items.length === 1 ? visible.items[0].id : '');
    const picked = new Set(list(form, 'partnerIds'));
    const errors = this.errorsOf(SHEET_FORM, violations);
    return this.pages.render(
      req,
      reply,
      'fiszka-nowa',
      {
        title: 'Nowa fiszka projektu',
        errors,
        error: byField(errors),
        mayWrite: this.mayWrite(actor),
        form: Object.fromEntries(Object.keys(SHEET_FORM).map((k) => [k, str(form, k)])),
        partnershipOptions: visible.items.map((p) => ({
          value: p.id,
          label: p.name,
          selected: p.id === chosen,
        })),
        partnershipGroups: visible.items.map((p) => ({
          name: p.name,
          members: p.members
            .filter((m) => m.active || m.organisation.id === p.leader.id)
            .map((m) => ({
              id: m.organisation.id,
              name: m.organisation.name,
              checked: picked.has(m.organisation.id),
            })),
        })),
        subjectKindOptions: options(SUBJECT_KINDS, SUBJECT_KIND_PL, str(form, 'subjectKind')),
      },
      violations.length > 0 ? 422 : 200,
    );
  }

  private interestPage(
    req: WebRequest,
    reply: FastifyReply,
    sheet: ProjectSheetView,
    organisationId: string,
    form: Form,
    violations: FieldViolation[],
  ): Promise<FastifyReply> {
    const partner = sheet.partners.find((p) => p.organisation.id === organisationId);
    const errors = this.errorsOf(INTEREST_FORM, violations);
    return this.pages.render(
      req,
      reply,
      'fiszka-zainteresowanie',
      {
        title: `Zgłoś zainteresowanie: ${sheet.title}`,
        errors,
        error: byField(errors),
        sheet,
        partner,
        mayRecord: partner?.mayRecord ?? false,
        form: Object.fromEntries(Object.keys(INTEREST_FORM).map((k) => [k, str(form, k)])),
      },
      violations.length > 0 ? 422 : 200,
    );
  }

  private convertPage(
    req: WebRequest,
    reply: FastifyReply,
    sheet: ProjectSheetView,
    form: Form,
    violations: FieldViolation[],
  ): Promise<FastifyReply> {
    const errors = this.errorsOf(CONVERT_FORM, violations);
    const lots = str(form, 'lots') || 'SINGLE';
    return this.pages.render(
      req,
      reply,
      'fiszka-postepowanie',
      {
        title: `Utwórz postępowanie: ${sheet.title}`,
        errors,
        error: byField(errors),
        sheet,
        interested: sheet.partners.filter((p) => p.status === 'INTERESTED'),
        form: { reference: str(form, 'reference') },
        procedureOptions: options(PROCEDURES, PROCEDURE_PL, str(form, 'procedure') || 'BASIC'),
        settlementOptions: options(
          SETTLEMENT_MODELS,
          SETTLEMENT_MODEL_PL,
          str(form, 'settlementModel') || 'SEPARATE_CONTRACTS',
        ),
        single: lots === 'SINGLE',
      },
      violations.length > 0 ? 422 : 200,
    );
  }
}

/** A refusal of the service in Polish (the codes this module's service answers). */
function refusalPl(v: FieldViolation): string {
  switch (v.rule) {
    case 'NOT_ENOUGH_INTEREST':
      return 'Za mało zgłoszeń: postępowanie można utworzyć, gdy zainteresowanie zgłoszą co najmniej dwaj partnerzy.';
    case 'SHEET_CONVERTED':
      return 'Z tej fiszki utworzono już postępowanie; zmiany udziałów wprowadza się w postępowaniu.';
    case 'TENDER_REFERENCE_TAKEN':
      return 'Ten znak sprawy jest już zajęty przez inne postępowanie lidera.';
    default:
      return 'Nie udało się zapisać. Sprawdź dane i spróbuj ponownie.';
  }
}
