/**
 * The procedure's web forms: what a clerk types (Polish amounts, a day and an hour in Warsaw) as
 * the API's own DTO input, and each rule the DTO or the service states as a Polish sentence on the
 * field it concerns. No rule is decided here: the DTO classes and the services decide.
 */
import type { FieldViolation } from '../common/errors';
import { DomainError } from '../common/errors';
import { toWarsawIso, warsawDateTime } from '../common/polish-calendar';
import type { FieldErrorView } from './web-pages.service';

export type Form = Record<string, string | undefined>;

export interface FieldSpec {
  /** The id of the input the error summary links to. */
  id: string;
  label: string;
  /** What to enter, said when the value breaks any rule without its own sentence. */
  message: string;
  rules?: Record<string, string>;
}

/** DTO field (as the violation names it: `members[0].name`) → the form's input. */
export type FieldTable = Record<string, FieldSpec>;

const text = (form: Form, name: string): string => (form[name] ?? '').trim();

/** "1 234 567,89" (spaces, a comma) as the API's "1234567.89"; anything else as typed. */
export function amountInput(value: string | undefined): string {
  return (value ?? '').replace(/[\s\u00a0]/g, '').replace(',', '.');
}

/** A day (RRRR-MM-DD) and an hour (GG:MM) on Warsaw clocks as ISO 8601 with the offset. */
export function instantInput(day: string | undefined, time: string | undefined): string {
  try {
    return toWarsawIso(warsawDateTime((day ?? '').trim(), (time ?? '').trim()));
  } catch {
    return '';
  }
}

/** The form's value as an integer when it is one, else as typed (so the DTO refuses it). */
export function intInput(value: string | undefined): number | string {
  const v = (value ?? '').trim();
  return /^\d{1,9}$/.test(v) ? Number(v) : v;
}

/** Violations in Polish, once per input, in the order of the table. */
export function errorsPl(violations: FieldViolation[], table: FieldTable): FieldErrorView[] {
  const out: FieldErrorView[] = [];
  for (const v of violations) {
    const spec = table[v.field] ?? table[v.field.replace(/\[\d+\].*$/, '')] ?? table['*'];
    if (!spec) continue;
    const message = spec.rules?.[v.rule] ?? spec.message;
    if (!out.some((e) => e.field === spec.id && e.message === message))
      out.push({ field: spec.id, label: spec.label, message });
  }
  return out;
}

/**
 * A service's refusal of the form's input (400/422) in Polish; null for any other error. A
 * refusal without field errors names the input of `codes[code]`.
 */
export function refusalPl(
  err: unknown,
  table: FieldTable,
  codes: Record<string, { field: string; message: string }> = {},
): FieldErrorView[] | null {
  if (!(err instanceof DomainError) || (err.status !== 400 && err.status !== 422)) return null;
  const known = codes[err.code];
  if (known) {
    const spec = table[known.field];
    return [{ field: spec?.id ?? known.field, label: spec?.label ?? '', message: known.message }];
  }
  const errors = errorsPl(err.errors ?? [], table);
  return errors.length > 0 ? errors : null;
}

export const DATE_HINT = 'w postaci RRRR-MM-DD';

/* Each form: the DTO input from the posted fields, and its table of inputs. */

export function noticeInput(form: Form) {
  return {
    plain: {
      type: form.type === 'RESULT_NOTICE' ? 'RESULT_NOTICE' : 'CONTRACT_NOTICE',
      medium: text(form, 'medium'),
      number: text(form, 'number'),
      publishedAt: instantInput(form.publishedDate, form.publishedTime),
      ...(text(form, 'ocid') ? { ocid: text(form, 'ocid') } : {}),
    },
    table: {
      medium: {
        id: 'medium',
        label: 'Gdzie opublikowano',
        message: 'Wybierz Biuletyn Zamówień Publicznych albo Dziennik Urzędowy UE.',
      },
      number: {
        id: 'number',
        label: 'Numer ogłoszenia',
        message: 'Wpisz numer ogłoszenia (od 3 do 100 znaków), np. 2027/BZP 00012345/01.',
      },
      publishedAt: {
        id: 'publishedDate',
        label: 'Dzień i godzina publikacji',
        message: 'Wpisz dzień (RRRR-MM-DD) i godzinę (GG:MM) publikacji, np. 2027-01-11 i 10:15.',
        rules: {
          notInFuture:
            'Ogłoszenie zapisuje się po jego publikacji: dzień i godzina nie mogą być późniejsze niż teraz.',
        },
      },
      ocid: {
        id: 'ocid',
        label: 'Identyfikator postępowania w e-Zamówieniach (ocid)',
        message:
          'Identyfikator zaczyna się od „ocds-148610-”, np. ocds-148610-6b3f1c2e-7a4d-11ef-9f1a-aa1c3d5e0001.',
        rules: { sameAsTender: 'Postępowanie ma już inny identyfikator e-Zamówień (ocid).' },
      },
    } satisfies FieldTable,
  };
}

export const COMMITTEE_ROWS = 6;

export function committeeInput(form: Form) {
  const table: FieldTable = {
    orderNumber: {
      id: 'orderNumber',
      label: 'Numer zarządzenia',
      message: 'Wpisz numer zarządzenia kierownika zamawiającego, np. 0050.12.2027.',
    },
    orderDate: {
      id: 'orderDate',
      label: 'Data zarządzenia',
      message: `Wpisz datę zarządzenia ${DATE_HINT}.`,
    },
    members: {
      id: 'member0Name',
      label: 'Skład komisji',
      message: 'Sprawdź skład komisji.',
      rules: {
        oneHead: 'Wskaż dokładnie jednego kierownika zamawiającego.',
        atLeastThreeMembers: 'Komisja liczy co najmniej trzech członków (art. 55 ust. 2 Pzp).',
        oneChair: 'Wskaż dokładnie jednego przewodniczącego komisji.',
        arrayMinSize: 'Wpisz kierownika zamawiającego i co najmniej trzech członków komisji.',
      },
    },
  };
  const members: { name: string; function: string }[] = [];
  for (let i = 0; i < COMMITTEE_ROWS; i++) {
    const name = text(form, `member${i}Name`);
    if (!name) continue;
    table[`members[${members.length}].name`] = {
      id: `member${i}Name`,
      label: `Osoba ${i + 1}: imię i nazwisko`,
      message: 'Wpisz imię i nazwisko (od 3 do 200 znaków).',
    };
    table[`members[${members.length}].function`] = {
      id: `member${i}Function`,
      label: `Osoba ${i + 1}: funkcja`,
      message: 'Wybierz funkcję z listy.',
    };
    members.push({ name, function: text(form, `member${i}Function`) });
  }
  return {
    plain: { orderNumber: text(form, 'orderNumber'), orderDate: text(form, 'orderDate'), members },
    table,
  };
}

/** One art. 56 statement: inputs named `s-<memberId>-on` and `s-<memberId>-conflict`. */
export function statementInput(form: Form, memberId: string) {
  const conflict = text(form, `s-${memberId}-conflict`);
  return {
    plain: {
      statementOn: text(form, `s-${memberId}-on`),
      conflict: conflict === 'tak' ? true : conflict === 'nie' ? false : conflict,
      ...(text(form, `s-${memberId}-note`) ? { note: text(form, `s-${memberId}-note`) } : {}),
    },
    table: {
      statementOn: {
        id: `s-${memberId}-on`,
        label: 'Data oświadczenia',
        message: `Wpisz datę złożenia oświadczenia ${DATE_HINT}.`,
      },
      conflict: {
        id: `s-${memberId}-nie`,
        label: 'Treść oświadczenia',
        message: 'Zaznacz, czy osoba oświadczyła brak konfliktu interesów, czy jego istnienie.',
      },
      note: { id: `s-${memberId}-note`, label: 'Uwagi', message: 'Wpisz najwyżej 2000 znaków.' },
    } satisfies FieldTable,
  };
}

export function extensionInput(form: Form) {
  return {
    plain: {
      requestedOn: text(form, 'requestedOn'),
      validUntil: text(form, 'validUntil'),
      reason: text(form, 'extensionReason'),
    },
    table: {
      requestedOn: {
        id: 'requestedOn',
        label: 'Dzień zwrócenia się do wykonawców',
        message: `Wpisz dzień ${DATE_HINT}.`,
        rules: {
          notInFuture: 'Ten dzień nie może być późniejszy niż dzisiaj.',
          beforeExpiry:
            'O wyrażenie zgody trzeba zwrócić się do wykonawców przed upływem terminu związania ofertą.',
        },
      },
      validUntil: {
        id: 'validUntil',
        label: 'Nowy termin związania ofertą',
        message: `Wpisz ostatni dzień nowego terminu ${DATE_HINT}.`,
        rules: {
          afterCurrent: 'Nowy termin musi być późniejszy niż obecny.',
          maxExtension:
            'Termin można przedłużyć jednorazowo o najwyżej 60 dni (art. 220 ust. 3 Pzp), a w trybie podstawowym o najwyżej 30 dni (art. 307 ust. 2 Pzp).',
        },
      },
      reason: {
        id: 'extensionReason',
        label: 'Powód przedłużenia',
        message: 'Podaj powód przedłużenia (od 5 do 2000 znaków).',
      },
    } satisfies FieldTable,
  };
}

export function plannedInput(form: Form) {
  const amount = amountInput(form.plannedAmount);
  return {
    plain: {
      ...(amount ? { amountGross: amount } : {}),
      ...(text(form, 'plannedReason') ? { reason: text(form, 'plannedReason') } : {}),
    },
    table: {
      amountGross: {
        id: 'plannedAmount',
        label: 'Kwota brutto',
        message:
          'Wpisz kwotę większą od zera w złotych, z groszami po przecinku, np. 1 254 600,00.',
      },
      reason: {
        id: 'plannedReason',
        label: 'Uzasadnienie innej kwoty',
        message: 'Podaj uzasadnienie (od 5 do 2000 znaków).',
        rules: {
          requiredWhenNotShares:
            'Kwota różni się od sumy potwierdzonych udziałów brutto partnerów: podaj uzasadnienie (co najmniej 5 znaków).',
        },
      },
    } satisfies FieldTable,
  };
}

export const CRITERIA_ROWS = 4;

/** Row 0 is the price (required, lower is better); rows 1–3 are the other criteria. */
export function criteriaInput(form: Form) {
  const weightRules = {
    weightsSum100: 'Wagi kryteriów muszą sumować się do 100 punktów.',
    onePriceCriterion: 'Cena musi być jednym z kryteriów oceny ofert.',
    priceWeightArt246:
      'Cena może ważyć więcej niż 60 punktów tylko wtedy, gdy SWZ opisuje standardy jakościowe (art. 246 ust. 2 Pzp).',
  };
  const table: FieldTable = {
    criteria: {
      id: 'c0Weight',
      label: 'Kryteria oceny ofert',
      message: 'Sprawdź kryteria oceny ofert.',
      rules: weightRules,
    },
  };
  const criteria: Record<string, unknown>[] = [];
  for (let i = 0; i < CRITERIA_ROWS; i++) {
    const name = i === 0 ? text(form, 'c0Name') || 'Cena' : text(form, `c${i}Name`);
    const weight = text(form, `c${i}Weight`);
    if (i > 0 && !name && !weight) continue;
    const n = criteria.length;
    const label = i === 0 ? 'Cena' : `Kryterium ${i + 1}`;
    table[`criteria[${n}].name`] = {
      id: `c${i}Name`,
      label: `${label}: nazwa`,
      message: 'Wpisz nazwę kryterium (od 2 do 200 znaków).',
    };
    table[`criteria[${n}].weight`] = {
      id: `c${i}Weight`,
      label: `${label}: waga`,
      message: 'Wpisz wagę w pełnych punktach od 1 do 100.',
    };
    table[`criteria[${n}].direction`] = {
      id: `c${i}Direction`,
      label: `${label}: lepsza wartość`,
      message: 'Wybierz, czy lepsza jest wartość wyższa, czy niższa.',
    };
    table[`criteria[${n}].key`] = table[`criteria[${n}].name`];
    criteria.push({
      key: i === 0 ? 'price' : text(form, `c${i}Key`) || `kryterium_${i}`,
      name,
      kind: i === 0 ? 'PRICE' : 'OTHER',
      weight: intInput(weight),
      direction: i === 0 ? 'LOWER_BETTER' : text(form, `c${i}Direction`),
    });
  }
  return {
    plain: { criteria, qualityStandardsDescribed: form.quality === 'tak' },
    table,
  };
}

export function offerInput(form: Form, otherCriteria: { key: string; name: string }[]) {
  const table: FieldTable = {
    contractorName: {
      id: 'contractorName',
      label: 'Wykonawca',
      message: 'Wpisz nazwę wykonawcy (od 2 do 300 znaków).',
    },
    contractorNip: {
      id: 'contractorNip',
      label: 'NIP wykonawcy',
      message: 'Wpisz prawidłowy NIP (10 cyfr z poprawną cyfrą kontrolną), np. 856-734-62-15.',
    },
    contractorAddress: {
      id: 'contractorAddress',
      label: 'Adres wykonawcy',
      message: 'Wpisz adres wykonawcy (od 5 do 500 znaków).',
    },
    priceNet: {
      id: 'priceNet',
      label: 'Cena netto',
      message: 'Wpisz cenę większą od zera w złotych, z groszami po przecinku, np. 1 000 000,00.',
    },
    priceGross: {
      id: 'priceGross',
      label: 'Cena brutto',
      message: 'Wpisz cenę większą od zera w złotych, z groszami po przecinku, np. 1 230 000,00.',
      rules: { notBelowNet: 'Cena brutto nie może być niższa niż cena netto.' },
    },
    receivedAt: {
      id: 'receivedDate',
      label: 'Data i godzina złożenia',
      message: 'Wpisz dzień (RRRR-MM-DD) i godzinę (GG:MM) złożenia oferty na platformie.',
    },
  };
  const values: Record<string, number | string> = {};
  for (const c of otherCriteria) {
    const raw = text(form, `value-${c.key}`).replace(',', '.');
    values[c.key] = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
    table[`criteriaValues.${c.key}`] = {
      id: `value-${c.key}`,
      label: c.name,
      message: `Wpisz wartość kryterium „${c.name}” jako liczbę nie mniejszą niż zero.`,
    };
  }
  return {
    plain: {
      contractorName: text(form, 'contractorName'),
      contractorNip: text(form, 'contractorNip'),
      contractorAddress: text(form, 'contractorAddress'),
      priceNet: amountInput(form.priceNet),
      priceGross: amountInput(form.priceGross),
      criteriaValues: values,
      receivedAt: instantInput(form.receivedDate, form.receivedTime),
    },
    table,
  };
}

const VERSION: FieldSpec = {
  id: 'version',
  label: 'Wersja',
  message: 'Odśwież stronę i spróbuj ponownie.',
};

export function rejectInput(form: Form) {
  return {
    plain: {
      point: intInput(form.point),
      reason: text(form, 'reason'),
      version: intInput(form.version),
    },
    table: {
      point: {
        id: 'point',
        label: 'Podstawa odrzucenia',
        message: 'Wybierz podstawę z art. 226 ust. 1 Pzp.',
      },
      reason: {
        id: 'reason',
        label: 'Uzasadnienie',
        message: 'Podaj uzasadnienie faktyczne odrzucenia (od 10 do 4000 znaków).',
      },
      version: VERSION,
    } satisfies FieldTable,
  };
}

export function cancelInput(form: Form) {
  return {
    plain: {
      point: intInput(form.point),
      reason: text(form, 'reason'),
      version: intInput(form.version),
    },
    table: {
      point: {
        id: 'point',
        label: 'Podstawa unieważnienia',
        message: 'Wybierz podstawę z art. 255 Pzp.',
      },
      reason: {
        id: 'reason',
        label: 'Uzasadnienie',
        message: 'Podaj uzasadnienie faktyczne unieważnienia (od 10 do 4000 znaków).',
      },
      version: VERSION,
    } satisfies FieldTable,
  };
}

export function recommendInput(form: Form) {
  return {
    plain: {
      offerId: text(form, 'offerId'),
      recommendation: text(form, 'recommendation'),
      version: intInput(form.version),
    },
    table: {
      offerId: { id: 'recommendation', label: 'Oferta', message: 'Odśwież stronę.' },
      recommendation: {
        id: 'recommendation',
        label: 'Rekomendacja komisji',
        message: 'Wpisz treść rekomendacji komisji (od 10 do 4000 znaków).',
      },
      version: VERSION,
    } satisfies FieldTable,
  };
}

export function appealInput(form: Form) {
  return {
    plain: {
      appellant: text(form, 'appellant'),
      filedOn: text(form, 'filedOn'),
      ...(text(form, 'kioReference') ? { kioReference: text(form, 'kioReference') } : {}),
      subject: text(form, 'subject'),
    },
    table: {
      appellant: {
        id: 'appellant',
        label: 'Odwołujący się',
        message: 'Wpisz nazwę wykonawcy, który wniósł odwołanie (od 2 do 300 znaków).',
      },
      filedOn: {
        id: 'filedOn',
        label: 'Data wniesienia',
        message: `Wpisz datę wniesienia odwołania ${DATE_HINT}.`,
      },
      kioReference: {
        id: 'kioReference',
        label: 'Sygnatura KIO',
        message: 'Wpisz najwyżej 50 znaków, np. KIO 312/27.',
      },
      subject: {
        id: 'subject',
        label: 'Przedmiot odwołania',
        message: 'Opisz, czego dotyczy odwołanie (od 5 do 4000 znaków).',
      },
    } satisfies FieldTable,
  };
}

/** The outcome of one appeal: inputs named `d-<appealId>-…`. */
export function decisionInput(form: Form, appealId: string) {
  const p = `d-${appealId}`;
  return {
    plain: {
      status: text(form, `${p}-status`),
      decidedOn: text(form, `${p}-on`),
      ...(text(form, `${p}-note`) ? { outcomeNote: text(form, `${p}-note`) } : {}),
      version: intInput(form.version),
    },
    table: {
      status: { id: `${p}-status`, label: 'Rozstrzygnięcie', message: 'Wybierz rozstrzygnięcie.' },
      decidedOn: {
        id: `${p}-on`,
        label: 'Data rozstrzygnięcia',
        message: `Wpisz datę ${DATE_HINT}.`,
      },
      outcomeNote: { id: `${p}-note`, label: 'Opis', message: 'Wpisz najwyżej 4000 znaków.' },
      version: VERSION,
    } satisfies FieldTable,
  };
}
