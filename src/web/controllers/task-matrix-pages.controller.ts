import { Body, Get, Param, Post, Req, Res, StreamableFile } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../auth';
import { CommentsService } from '../../comments';
import { DomainError } from '../../common/errors';
import { contentDisposition } from '../../documents';
import { UuidParam } from '../../common/http';
import {
  ResponsibilityTasksService,
  TASK_FILE_ACCEPT,
  TASK_FILE_LABELS,
  TASK_SETS,
  WaiveTaskDto,
  type TaskView,
} from '../../responsibilities';
import { TendersService } from '../../tenders';
import { threadModel } from '../comment-thread';
import { taskStatusText } from '../task-matrix';
import { WebPages, type FieldErrorView } from '../web-pages.service';
import { UPLOAD_FORM, UPLOAD_PROBLEM, type UploadedFile, type UploadProblem } from '../web-upload';
import { WebActor, WebController, type WebRequest } from '../web.decorators';

type Form = Record<string, string | undefined>;

const CHANGED = {
  kind: 'error' as const,
  text: 'Zadanie zmieniło się w międzyczasie (ktoś je zmienił lub zamknął). Sprawdź jego stan i spróbuj ponownie.',
};
const NOTE_LABEL = 'Notatka o wykonaniu';
const FILE_LABEL = 'Plik';
const REASON_LABEL = 'Powód odstąpienia';

/**
 * Podział zadań: applying a task set on the tender's page (section #zadania), and one task's page
 * `/zadania-postepowania/:id` with "Oznacz jako wykonane" (a note, an attached file or both: a
 * multipart form, the file under the same rules and storage as the API's) and "Odstąp od zadania"
 * (a reason); the attached file downloads from `/zadania-postepowania/:id/plik`. The same service
 * as the API; success is a 303, refused input the task's page with the error summary and 422
 * (nothing written: a refused file leaves the task open).
 */
@WebController()
export class TaskMatrixPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly tasks: ResponsibilityTasksService,
    private readonly tenders: TendersService,
    private readonly comments: CommentsService,
  ) {}

  // A choice from a list (an unknown one is the default set): nothing to refuse or show again.
  @Post('postepowania/:id/zadania/zestaw')
  async applySet(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const set = body.zestaw && body.zestaw in TASK_SETS ? body.zestaw : undefined;
    const matrix = await this.tasks.applySet(actor, id, { set });
    return this.pages.redirect(req, reply, `/postepowania/${id}#zadania`, {
      kind: 'success',
      text: `Zastosowano zestaw zadań. Macierz ma teraz ${matrix.tasks.length} zadań; zmień terminy i odpowiedzialnych na stronach zadań.`,
    });
  }

  @Get('zadania-postepowania/:id')
  async page(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<FastifyReply> {
    return this.render(req, reply, actor, await this.tasks.one(actor, id));
  }

  // Not WebPages.submit: a multipart form, its file read by the upload hook (see `act`).
  @Post('zadania-postepowania/:id/wykonane')
  @RouteConfig({ [UPLOAD_FORM]: true })
  async complete(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: Record<string, unknown>,
  ): Promise<FastifyReply> {
    const task = await this.tasks.one(actor, id);
    const note = (typeof body.notatka === 'string' ? body.notatka : '').trim();
    const file = uploadedFile(body.plik);
    const problem = body[UPLOAD_PROBLEM] as UploadProblem | undefined;
    const errors: FieldErrorView[] = [];
    if (note.length > 2000) errors.push(noteError());
    if (problem) errors.push(fileError(PROBLEM_PL[problem]));
    else if (!note && !file) errors.push(noteOrFileError());
    if (errors.length > 0) return this.render(req, reply, actor, task, { note, errors }, 422);
    return this.act(req, reply, actor, task, { note }, () =>
      this.tasks.completeWith(actor, id, {
        version: versionOf(body),
        note,
        file: file && { name: file.filename, bytes: file.bytes, truncated: file.truncated },
        fields: { name: 'plik', content: 'plik' },
      }),
    );
  }

  @Get('zadania-postepowania/:id/plik')
  async download(
    @Res({ passthrough: true }) reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<StreamableFile> {
    const f = await this.tasks.file(actor, id);
    void reply
      .header('content-type', f.contentType)
      .header('content-disposition', contentDisposition(f.name))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store');
    return new StreamableFile(f.bytes);
  }

  @Post('zadania-postepowania/:id/odstap')
  async waive(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @WebActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() body: Form,
  ): Promise<FastifyReply> {
    const task = await this.tasks.one(actor, id);
    const reason = (body.powod ?? '').trim();
    return this.pages.submit(req, reply, {
      dto: WaiveTaskDto,
      input: { version: versionOf(body), reason },
      invalid: () => [reasonError()],
      run: (value) => this.tasks.waive(actor, id, value),
      refused: (err) =>
        err instanceof DomainError && (err.status === 400 || err.status === 422)
          ? [reasonError()]
          : null,
      again: (errors) => this.render(req, reply, actor, task, { reason, errors }, 422),
      lands: (err) =>
        err instanceof DomainError && err.status === 409
          ? { to: `/zadania-postepowania/${task.id}`, ...CHANGED }
          : null,
      done: (done) => doneLanding(task, done),
    });
  }

  /** The multipart form's way (the file is read by the upload hook, not a DTO's plain input). */
  private async act(
    req: WebRequest,
    reply: FastifyReply,
    actor: Actor,
    task: TaskView,
    form: { note: string },
    run: () => Promise<TaskView>,
  ): Promise<FastifyReply> {
    try {
      const { to, text } = doneLanding(task, await run());
      return this.pages.redirect(req, reply, to, { kind: 'success', text });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      if (err.status === 409)
        return this.pages.redirect(req, reply, `/zadania-postepowania/${task.id}`, CHANGED);
      if (err.status === 400 || err.status === 422)
        return this.render(req, reply, actor, task, { ...form, errors: [refusalOf(err)] }, 422);
      throw err;
    }
  }

  private async render(
    req: WebRequest,
    reply: FastifyReply,
    actor: Actor,
    task: TaskView,
    form: { note?: string; reason?: string; errors?: FieldErrorView[] } = {},
    status = 200,
  ): Promise<FastifyReply> {
    const tender = await this.tenders.get(actor, task.tenderId);
    const [matrix, thread] = await Promise.all([
      this.tasks.matrix(actor, task.tenderId),
      this.comments.thread(actor, { kind: 'task', id: task.id }, { limit: 200, offset: 0 }),
    ]);
    return this.pages.render(
      req,
      reply,
      'zadanie-postepowania',
      {
        title: `${task.title} – ${task.organisationName}`,
        errors: form.errors,
        tender,
        task: {
          ...task,
          statusText: taskStatusText(task),
          forAll: task.scope === 'LEADER_FOR_ALL',
        },
        mayComplete: task.mayComplete,
        mayWaive: matrix.mayManage && task.status === 'OPEN',
        note: form.note ?? '',
        reason: form.reason ?? '',
        noteError: form.errors?.find((e) => e.field === 'notatka')?.message,
        reasonError: form.errors?.find((e) => e.field === 'powod')?.message,
        fileError: form.errors?.find((e) => e.field === 'plik')?.message,
        fileHref: task.fileName ? `/zadania-postepowania/${task.id}/plik` : null,
        fileAccept: TASK_FILE_ACCEPT.join(','),
        fileKinds: TASK_FILE_LABELS.join(', '),
        thread: threadModel(thread, {
          action: `/zadania-postepowania/${task.id}/komentarze`,
          object: 'to zadanie',
        }),
      },
      status,
    );
  }
}

/** Back to the tender's task list, saying what the task is now. */
const doneLanding = (task: TaskView, done: TaskView) => ({
  to: `/postepowania/${task.tenderId}#zadania`,
  text: `${done.title} (${done.organisationName}): ${taskStatusText(done).toLowerCase()}.`,
});
const versionOf = (body: Record<string, unknown>): number => {
  const v = Number.parseInt(typeof body.version === 'string' ? body.version : '', 10);
  return Number.isInteger(v) && v > 0 ? v : 1;
};
const noteError = (): FieldErrorView => ({
  field: 'notatka',
  label: NOTE_LABEL,
  message: 'Wpisz, co zostało wykonane: od 1 do 2000 znaków.',
});
const reasonError = (): FieldErrorView => ({
  field: 'powod',
  label: REASON_LABEL,
  message: 'Podaj powód odstąpienia: od 3 do 2000 znaków.',
});
const noteOrFileError = (): FieldErrorView => ({
  field: 'notatka',
  label: NOTE_LABEL,
  message: 'Wpisz, co zostało wykonane, albo dołącz plik (np. skan protokołu odbioru).',
});
const fileError = (message: string): FieldErrorView => ({
  field: 'plik',
  label: FILE_LABEL,
  message,
});

const PROBLEM_PL: Record<UploadProblem, string> = {
  tooManyFiles: 'Dołącz jeden plik. Kilka dokumentów połącz w jeden plik PDF.',
  tooManyFields: 'Nie udało się odczytać formularza. Wybierz plik ponownie i wyślij formularz.',
  unreadable: 'Nie udało się odczytać formularza. Wybierz plik ponownie i wyślij formularz.',
};

/** The Polish sentence of each file rule (`checkTaskFile`), said on the file field. */
const FILE_RULE_PL: Record<string, string> = {
  fileType: `Dołącz plik jednego z rodzajów: ${TASK_FILE_LABELS.join(', ')}. Rodzaj pliku poznajemy po rozszerzeniu jego nazwy.`,
  fileContent:
    'Zawartość pliku nie odpowiada rozszerzeniu jego nazwy (np. plik .pdf musi być dokumentem PDF). Sprawdź, czy dołączasz właściwy plik.',
  maxSize:
    'Plik może mieć najwyżej 5 MB. Zmniejsz go (np. zeskanuj w niższej rozdzielczości) albo podziel na części.',
  isNotEmpty: 'Wybrany plik jest pusty. Dołącz plik z treścią.',
  fileName: 'Nazwa pliku może mieć najwyżej 200 znaków. Skróć ją i dołącz plik ponownie.',
};

/** A refusal of the service on the field it names: the file's rule, else the note. */
function refusalOf(err: DomainError): FieldErrorView {
  const v = err.errors?.find((e) => e.field === 'plik');
  if (v) return fileError(FILE_RULE_PL[v.rule] ?? FILE_RULE_PL.fileType);
  return err.errors?.some((e) => e.rule === 'noteOrFile') ? noteOrFileError() : noteError();
}

function uploadedFile(v: unknown): UploadedFile | null {
  return typeof v === 'object' && v !== null && (v as UploadedFile).kind === 'file'
    ? (v as UploadedFile)
    : null;
}
