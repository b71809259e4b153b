import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { AmountFormatError } from '../money';
import { DomainError, FieldViolation } from './domain-error';

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  errors?: FieldViolation[];
  requestId: string;
  [key: string]: unknown;
}

const STATUS_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

/** Seconds a client should wait before retrying while the database is unavailable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
]);
const UNAVAILABLE_MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is not established/i;

/**
 * Whether an error says the database cannot be reached (down, restarting, out of connections),
 * as opposed to a query it refused: the request may succeed later, so 503 with Retry-After.
 */
export function databaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 3) return false;
  const e = err as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
  if (typeof e.code === 'string' && (UNAVAILABLE_CODES.has(e.code) || /^08/.test(e.code)))
    return true;
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
  if (err instanceof AggregateError && err.errors.some((x) => databaseUnavailable(x, depth + 1)))
    return true;
  return databaseUnavailable(e.driverError, depth + 1) || databaseUnavailable(e.cause, depth + 1);
}

interface PgError {
  code?: string;
  constraint?: string;
  detail?: string;
  column?: string;
}

/** The one place that turns any thrown error into the API's error body. Never leaks internals. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const request = ctx.getRequest<FastifyRequest>();
    const requestId = String(request.id ?? '');
    const body = this.toBody(exception, requestId);
    if (body.code === 'DATABASE_UNAVAILABLE') {
      this.logger.warn(`Database unavailable on ${request.method} ${request.url} (${requestId})`);
    } else if (body.statusCode >= 500 && !(exception instanceof DomainError)) {
      this.logger.error(
        { err: exception, requestId, method: request.method, url: request.url },
        `Unhandled error on ${request.method} ${request.url}`,
      );
    }
    if (body.code === 'DATABASE_UNAVAILABLE')
      void reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
    else if (typeof body.retryAfterSeconds === 'number' && body.statusCode >= 429)
      void reply.header('retry-after', String(Math.ceil(body.retryAfterSeconds)));
    void reply
      .status(body.statusCode)
      .header('content-type', 'application/json; charset=utf-8')
      .send(body);
  }

  private toBody(exception: unknown, requestId: string): ErrorBody {
    if (exception instanceof DomainError) {
      return {
        statusCode: exception.status,
        code: exception.code,
        message: exception.message,
        ...(exception.errors ? { errors: exception.errors } : {}),
        ...(exception.details ?? {}),
        requestId,
      };
    }
    if (exception instanceof AmountFormatError) {
      // A safety net: DTOs check amounts with IsAmount, so this names no better field.
      const message = exception.message;
      return {
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message,
        errors: [{ field: 'amount', rule: 'isAmount', message }],
        requestId,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const message =
        typeof response === 'string'
          ? response
          : typeof (response as { message?: unknown }).message === 'string'
            ? (response as { message: string }).message
            : exception.message;
      return { statusCode: status, code: STATUS_CODES[status] ?? 'HTTP_ERROR', message, requestId };
    }
    if (databaseUnavailable(exception)) {
      return {
        statusCode: 503,
        code: 'DATABASE_UNAVAILABLE',
        message: `The database is unavailable; retry in ${DATABASE_RETRY_AFTER_SECONDS} seconds`,
        requestId,
      };
    }
    if (exception instanceof QueryFailedError) {
      const pg = exception.driverError as PgError;
      // Constraint violations that slipped past service checks still deserve a 4xx, never a 500.
      if (pg.code === '23505') {
        // PostgreSQL's detail quotes the stored values (and names columns): never sent out.
        return {
          statusCode: 409,
          code: 'DUPLICATE',
          message: 'A record with the same value already exists',
          requestId,
        };
      }
      if (pg.code === '23503') {
        return {
          statusCode: 422,
          code: 'REFERENCE_NOT_FOUND',
          message: 'A referenced record does not exist or is still in use',
          requestId,
        };
      }
      if (pg.code === '22P02' || pg.code === '22007' || pg.code === '22008') {
        return {
          statusCode: 400,
          code: 'VALIDATION_FAILED',
          message: 'Malformed value in the request',
          requestId,
        };
      }
    }
    const status = HttpStatus.INTERNAL_SERVER_ERROR;
    return {
      statusCode: status,
      code: 'INTERNAL_ERROR',
      message: `Internal error; quote request id ${requestId} when reporting it`,
      requestId,
    };
  }
}
