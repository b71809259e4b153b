import Handlebars from 'handlebars';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { dateLong, dateTime, FORMS, lotName, plural, pln, plnWords, waited } from './web-format';

/**
 * The Handlebars instance of the pages: every partial in `partials/` by file name, and the
 * formatting helpers (all formats come from web-format.ts; no rule lives in a template).
 */
export function createViewEngine(partialsDir: string): typeof Handlebars {
  const hbs = Handlebars.create();
  for (const file of readdirSync(partialsDir)) {
    if (file.endsWith('.hbs'))
      hbs.registerPartial(basename(file, '.hbs'), readFileSync(join(partialsDir, file), 'utf8'));
  }
  hbs.registerHelper('pln', (v: string | null) => pln(v));
  hbs.registerHelper('plnWords', (v: string) => plnWords(v));
  hbs.registerHelper('date', (v: string | null) => dateLong(v));
  hbs.registerHelper('dateTime', (v: string | null) => dateTime(v));
  hbs.registerHelper('waited', (v: string) => waited(v));
  hbs.registerHelper('plural', (n: number, key: keyof typeof FORMS) => plural(n, FORMS[key]));
  hbs.registerHelper('lot', (n: number, title: string, inline: unknown) =>
    lotName(n, title, inline === 'inline'),
  );
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hbs.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  hbs.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).map(String).join(''));
  hbs.registerHelper('not', (a: unknown) => !a);
  hbs.registerHelper('isoDate', (v: string | null) => (v ? v.slice(0, 10) : ''));
  return hbs;
}
