import { RequestMethod } from '@nestjs/common';

/** Web addresses (API.md "Web addresses" and the pages' own), served outside the `api/v1` prefix. */
export const WEB_PATHS = [
  '/',
  'logowanie',
  'wyloguj',
  'sesja/przedluz',
  'kontekst',
  'zadania',
  'postepowania',
  'postepowania/:id',
  'postepowania/:id/etap',
  'postepowania/:id/harmonogram',
  'postepowania/:id/etap/sprawdz',
  'postepowania/:id/dokumenty',
  'postepowania/:id/dokumenty/stan',
  'postepowania/:id/dokumenty/bundle.zip',
  'udzialy/:id',
  'udzialy/:id/sprawdz',
  'udzialy/:id/potwierdz',
  'udzialy/:id/zmiana',
  'dokumenty/:id',
  'dokumenty/:id/plik',
  'powiadomienia',
  'powiadomienia/przeczytane',
  'powiadomienia/:id/przeczytane',
  'ustawienia',
  'ustawienia/e-mail',
  'ustawienia/haslo',
  'ustawienia/kalendarz',
  'ustawienia/kalendarz/uniewaznij',
  'deklaracja-dostepnosci',
] as const;

export const WEB_PREFIX_EXCLUDES = WEB_PATHS.map((path) => ({ path, method: RequestMethod.ALL }));
