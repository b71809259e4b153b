import type { FormWords } from './web-words-admin';

/** The Polish words of the project sheet pages (fiszki projektów). */
export const SHEET_FORM: FormWords = {
  partnershipId: {
    label: 'Partnerstwo',
    rules: {},
    otherwise: 'Wybierz partnerstwo, którego dotyczy fiszka.',
  },
  title: {
    label: 'Tytuł projektu',
    rules: {},
    otherwise: 'Wpisz tytuł projektu: od 5 do 300 znaków.',
  },
  need: {
    label: 'Uzasadnienie potrzeby',
    rules: {},
    otherwise: 'Opisz potrzebę: od 10 do 5000 znaków.',
  },
  subjectKind: { label: 'Rodzaj zamówienia', rules: {}, otherwise: 'Wybierz rodzaj zamówienia.' },
  cpvMain: {
    label: 'Główny kod CPV',
    rules: {},
    otherwise:
      'Wpisz kod ze Wspólnego Słownika Zamówień (CPV 2008) w postaci 8 cyfr, kreska i cyfra kontrolna, np. 09310000-5.',
  },
  estimatedValueNet: {
    label: 'Szacunkowa wartość netto',
    rules: {},
    otherwise: 'Wpisz kwotę większą od zera w złotych, np. 1 200 000,00.',
  },
  partnerIds: {
    label: 'Partnerzy, których dotyczy',
    id: 'partnerzy',
    rules: {
      activeMember: 'Wybrać można tylko obecnych członków partnerstwa.',
    },
    otherwise: 'Zaznacz co najmniej jednego partnera.',
  },
  plannedAnnouncementMonth: {
    label: 'Planowany miesiąc ogłoszenia',
    rules: {},
    otherwise: 'Wpisz miesiąc w postaci RRRR-MM, np. 2027-09.',
  },
  plannedStartOn: {
    label: 'Planowany początek realizacji',
    rules: {},
    otherwise: 'Wpisz datę w postaci RRRR-MM-DD, np. 2028-01-01.',
  },
};

export const INTEREST_FORM: FormWords = {
  amountNet: {
    label: 'Szacunkowa kwota netto partnera',
    rules: {},
    otherwise: 'Wpisz kwotę większą od zera w złotych, np. 350 000,00.',
  },
  headConsentOn: {
    label: 'Dzień wstępnej zgody kierownika',
    rules: {
      notInFuture:
        'Zgoda nie mogła zostać udzielona w przyszłości: wpisz dzień nie późniejszy niż dziś.',
      required: 'Wpisz dzień, w którym kierownik udzielił zgody.',
    },
    otherwise: 'Wpisz datę w postaci RRRR-MM-DD, np. 2026-11-20.',
  },
  headName: {
    label: 'Kto udzielił zgody',
    rules: {},
    otherwise: 'Wpisz od 3 do 200 znaków, np. „Wójt Jan Kowalski”.',
  },
  note: { label: 'Uwagi', rules: {}, otherwise: 'Uwagi mogą mieć najwyżej 2000 znaków.' },
};

export const CONVERT_FORM: FormWords = {
  reference: {
    label: 'Znak sprawy',
    rules: {},
    otherwise: 'Znak sprawy ma od 3 do 60 znaków: litery, cyfry, kropki, kreski, ukośniki, spacje.',
  },
  procedure: { label: 'Tryb', rules: {}, otherwise: 'Wybierz tryb udzielenia zamówienia.' },
  settlementModel: {
    label: 'Model rozliczeń',
    rules: {},
    otherwise: 'Wybierz model rozliczeń.',
  },
  lots: { label: 'Podział na części', rules: {}, otherwise: 'Wybierz podział na części.' },
};

export const SHEET_STATUS_PL: Record<string, string> = {
  OPEN: 'zbieranie zainteresowania',
  CONVERTED: 'utworzono postępowanie',
};

export const INTEREST_STATUS_PL: Record<string, string> = {
  WAITING: 'czeka na odpowiedź',
  INTERESTED: 'zainteresowany',
  WITHDRAWN: 'wycofał zainteresowanie',
};

export const INTEREST_ACTION_PL: Record<string, string> = {
  DECLARED: 'zgłoszono',
  CHANGED: 'zmieniono',
  WITHDRAWN: 'wycofano',
};
