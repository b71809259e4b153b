import fastifyMultipart from '@fastify/multipart';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FILE_MAX_BYTES } from '../responsibilities';

/** The route config key of a form that takes a file (`@RouteConfig({ [UPLOAD_FORM]: true })`). */
export const UPLOAD_FORM = 'webUploadForm';

/** A file of a multipart form as the handler gets it, in the body under its field's name. */
export interface UploadedFile {
  kind: 'file';
  filename: string;
  /** What the browser says it is; the rules decide by the name and the content. */
  mimetype: string;
  bytes: Buffer;
  /** The file was longer than the limit: `bytes` holds its first part only. */
  truncated: boolean;
}

/** Why a multipart body could not be read whole (the handler answers 422, never 500). */
export type UploadProblem = 'tooManyFiles' | 'tooManyFields' | 'unreadable';
export const UPLOAD_PROBLEM = '__uploadProblem';

const LIMITS = {
  fileSize: FILE_MAX_BYTES,
  files: 1,
  fields: 20,
  fieldSize: 20_000,
  parts: 25,
  headerPairs: 50,
};

/**
 * Multipart forms of the web application (`multipart/form-data`, a file with a note). The body is
 * read in `preValidation`, before the guard, so `_csrf` (the form's first field) is checked by the
 * same `@fastify/csrf-protection` rule as every other form. The file is read up to the limit and
 * the rest discarded (`truncated`); a body that breaks a limit is marked, not thrown, so the page
 * says it in Polish with 422. Only routes marked with `UPLOAD_FORM` take multipart; anywhere else
 * (the API included) it stays 415 as before.
 */
export async function configureUploads(app: NestFastifyApplication): Promise<void> {
  await app.register(fastifyMultipart, { limits: LIMITS, throwFileSizeLimit: false });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('preValidation', async (req: FastifyRequest, reply: FastifyReply) => {
      if (!req.isMultipart()) return;
      const config = req.routeOptions.config as unknown as Record<string, unknown> | undefined;
      if (!config?.[UPLOAD_FORM]) return unsupported(req, reply);
      req.body = await readForm(req);
    });
}

async function readForm(req: FastifyRequest): Promise<Record<string, unknown>> {
  const body: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const chunks: Buffer[] = [];
        for await (const chunk of part.file) chunks.push(chunk as Buffer);
        // A file input left empty is sent as a part without a name and content.
        if (part.filename === '' && chunks.length === 0) continue;
        const file: UploadedFile = {
          kind: 'file',
          filename: part.filename,
          mimetype: part.mimetype,
          bytes: Buffer.concat(chunks),
          truncated: part.file.truncated,
        };
        body[part.fieldname] = file;
      } else if (body[part.fieldname] === undefined) {
        body[part.fieldname] = typeof part.value === 'string' ? part.value : '';
      }
    }
  } catch (err) {
    body[UPLOAD_PROBLEM] = problemOf(err);
  }
  return body;
}

function problemOf(err: unknown): UploadProblem {
  const code = err instanceof Error && 'code' in err ? String(err.code) : '';
  if (code === 'FST_FILES_LIMIT') return 'tooManyFiles';
  if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') return 'tooManyFields';
  return 'unreadable';
}

/** The answer Fastify gives a body it has no parser for, in the API's error shape. */
function unsupported(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply.code(415).send({
    statusCode: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'multipart/form-data is taken only by the forms that attach a file',
    requestId: String(req.id),
  });
}
