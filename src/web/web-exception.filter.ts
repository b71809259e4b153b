import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError } from '../common/errors';
import { errorPl } from './web-words';
import type { WebRequest } from './web.decorators';

const TITLES: Record<number, string> = {
  400: 'Nie znaleziono strony',
  403: 'Brak dostępu',
  404: 'Nie znaleziono strony',
  409: 'Nie można wykonać tej czynności',
  422: 'Nie można wykonać tej czynności',
  429: 'Zbyt wiele prób',
  500: 'Wystąpił błąd',
};

/** Sign-in address that brings the person back to `url` afterwards (same-site paths only). */
export function signInAddress(url: string): string {
  return url && url !== '/' ? `/logowanie?powrot=${encodeURIComponent(url)}` : '/logowanie';
}

/**
 * Errors of web pages as Polish pages: no session → sign-in (and back); 403 and 404 as pages that
 * say what happened and where to go; anything unexpected as a page with the request id to quote.
 */
@Catch()
export class WebExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('WebPages');

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<WebRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const status =
      exception instanceof DomainError
        ? exception.status
        : exception instanceof HttpException
          ? exception.getStatus()
          : 500;
    if (status === 401) {
      void reply.redirect(signInAddress(req.method === 'GET' ? req.url : ''), 303);
      return;
    }
    if (status >= 500) {
      this.logger.error(
        `${req.method} ${req.url} failed (request ${String(req.id)}): ${
          exception instanceof Error ? (exception.stack ?? exception.message) : String(exception)
        }`,
      );
    }
    const code = exception instanceof DomainError ? exception.code : '';
    const shown = status === 400 ? 404 : status;
    const message =
      shown === 404
        ? 'Nie ma takiej strony albo nie masz do niej dostępu. Sprawdź adres lub wróć do listy zadań.'
        : shown === 403
          ? code && code !== 'FORBIDDEN' && code.startsWith('CSRF')
            ? errorPl(code)
            : 'Ta strona należy do innej jednostki lub roli. Jeśli powinieneś(-aś) ją widzieć, zwróć się do administratora systemu w swoim urzędzie.'
          : shown >= 500
            ? 'Nie udało się wyświetlić strony. Spróbuj ponownie za chwilę; jeśli błąd się powtórzy, przekaż administratorowi numer zgłoszenia.'
            : errorPl(code);
    void reply.code(shown).view('pages/blad', {
      title: TITLES[shown] ?? TITLES[500],
      heading: TITLES[shown] ?? TITLES[500],
      message,
      requestId: String(req.id),
      signedIn: !!req.actor,
      status: shown,
    });
  }
}
