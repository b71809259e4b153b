/**
 * The words of the administration pages and of /audyt: form fields with the rule each refusal
 * states, and the events of the audit trail. Codes come from the services and the API's DTOs;
 * a code without an entry is shown as it is, marked as English, never hidden.
 */
import { MIN_PASSWORD_LENGTH } from '../auth';
import type { PluralForms } from './web-format';
import { AUDIT_ACTION_PL } from './web-words';

/** Plural forms of what the administration lists and the audit trail count ("Znaleziono …"). */
export const ADMIN_FORMS = {
  user: ['użytkownika', 'użytkowników', 'użytkowników'],
  organisation: ['jednostkę', 'jednostki', 'jednostek'],
  partnership: ['partnerstwo', 'partnerstwa', 'partnerstw'],
  event: ['zdarzenie', 'zdarzenia', 'zdarzeń'],
} as const satisfies Record<string, PluralForms>;

/** A form field: its label, the element id the error summary links to, the sentence per rule. */
export interface FieldWords {
  label: string;
  id?: string;
  rules: Record<string, string>;
  /** Said for any other rule of the field. */
  otherwise: string;
}

export type FormWords = Record<string, FieldWords>;

const NIP_RULE =
  'NIP ma 10 cyfr (można wpisać z kreskami lub z przedrostkiem PL), a ostatnia cyfra musi być zgodna z sumą kontrolną (wagi 6, 5, 7, 2, 3, 4, 5, 6, 7). Sprawdź, czy nie zamieniono cyfr.';
const REGON_RULE =
  'REGON ma 9 lub 14 cyfr, a ostatnia cyfra musi być zgodna z sumą kontrolną. Sprawdź numer w rejestrze REGON (GUS).';
const TERYT_RULE =
  'Kod TERYT (TERC) ma 7 cyfr dla gminy (WWPPGGR: województwo, powiat, gmina i rodzaj gminy 1, 2, 3, 4, 5, 8 lub 9) albo 4 cyfry dla powiatu (WWPP); kod województwa WW to liczba parzysta od 02 do 32.';
const DATE_RULE = 'Wpisz datę w postaci RRRR-MM-DD, np. 2026-12-31.';
const UNIQUE = (what: string) =>
  `Ten ${what} jest już zarejestrowany dla innej jednostki; jednostkę rejestruje się tylko raz.`;

export const USER_FORM: FormWords = {
  email: {
    label: 'Adres e-mail',
    rules: { isDefined: 'Wpisz adres e-mail.', unique: 'Konto z tym adresem e-mail już istnieje.' },
    otherwise: 'Wpisz adres e-mail w postaci nazwa@urzad.pl (najwyżej 254 znaki).',
  },
  displayName: {
    label: 'Imię i nazwisko',
    rules: { isDefined: 'Wpisz imię i nazwisko.' },
    otherwise: 'Imię i nazwisko musi mieć od 2 do 200 znaków.',
  },
  password: {
    label: 'Hasło startowe',
    rules: { isDefined: 'Wpisz hasło startowe.' },
    otherwise: `Hasło musi mieć co najmniej ${MIN_PASSWORD_LENGTH} znaków (najwyżej 1024). Przekaż je osobie inną drogą niż e-mail.`,
  },
  organisationId: {
    label: 'Jednostka',
    rules: {},
    otherwise: 'Wybierz jednostkę z listy.',
  },
  role: { label: 'Rola', rules: {}, otherwise: 'Wybierz rolę z listy.' },
  membership: {
    label: 'Rola w jednostce',
    id: 'organisationId',
    rules: { exists: 'Ta osoba ma już tę rolę w tej jednostce.' },
    otherwise: 'Nie można nadać tej roli.',
  },
};

export const ORGANISATION_FORM: FormWords = {
  kind: { label: 'Rodzaj jednostki', rules: {}, otherwise: 'Wybierz rodzaj jednostki z listy.' },
  name: {
    label: 'Nazwa',
    rules: { isDefined: 'Wpisz nazwę jednostki.' },
    otherwise: 'Nazwa musi mieć od 3 do 200 znaków, np. „Gmina Liszki”.',
  },
  nip: {
    label: 'NIP',
    rules: { isDefined: 'Wpisz NIP jednostki.', unique: UNIQUE('NIP') },
    otherwise: NIP_RULE,
  },
  regon: {
    label: 'REGON',
    rules: { isDefined: 'Wpisz REGON jednostki.', unique: UNIQUE('REGON') },
    otherwise: REGON_RULE,
  },
  teryt: { label: 'Kod TERYT', rules: {}, otherwise: TERYT_RULE },
  slug: {
    label: 'Nazwa',
    id: 'name',
    rules: { unique: 'Jednostka o tak brzmiącej nazwie jest już zarejestrowana.' },
    otherwise: 'Nazwa musi zawierać litery lub cyfry.',
  },
  'address.street': {
    label: 'Ulica i numer',
    id: 'street',
    rules: {},
    otherwise: 'Wpisz ulicę i numer (najwyżej 200 znaków).',
  },
  'address.postalCode': {
    label: 'Kod pocztowy',
    id: 'postalCode',
    rules: {},
    otherwise: 'Kod pocztowy ma postać NN-NNN, np. 32-060.',
  },
  'address.city': {
    label: 'Miejscowość',
    id: 'city',
    rules: {},
    otherwise: 'Wpisz miejscowość (najwyżej 100 znaków).',
  },
  headTitle: { label: 'Tytuł kierownika jednostki', rules: {}, otherwise: 'Najwyżej 200 znaków.' },
  headName: { label: 'Imię i nazwisko kierownika', rules: {}, otherwise: 'Najwyżej 200 znaków.' },
  treasurerName: {
    label: 'Imię i nazwisko skarbnika',
    rules: {},
    otherwise: 'Najwyżej 200 znaków.',
  },
  email: {
    label: 'Adres e-mail jednostki',
    rules: {},
    otherwise: 'Wpisz adres e-mail w postaci nazwa@urzad.pl.',
  },
};

export const PARTNERSHIP_FORM: FormWords = {
  name: {
    label: 'Nazwa partnerstwa',
    rules: { isDefined: 'Wpisz nazwę partnerstwa.' },
    otherwise: 'Nazwa musi mieć od 3 do 200 znaków.',
  },
  leaderOrganisationId: {
    label: 'Lider partnerstwa',
    rules: {},
    otherwise: 'Wybierz jednostkę, która będzie liderem.',
  },
  agreementReference: {
    label: 'Znak porozumienia',
    rules: {},
    otherwise: 'Najwyżej 100 znaków.',
  },
  agreementSignedOn: { label: 'Data zawarcia porozumienia', rules: {}, otherwise: DATE_RULE },
  invitationAcceptedBy: {
    label: 'Kto przyjmuje zaproszenia',
    rules: {},
    otherwise: 'Wybierz z listy, kto w zaproszonej jednostce przyjmuje zaproszenie.',
  },
  organisationId: {
    label: 'Jednostka',
    rules: { notMember: 'Ta jednostka jest już członkiem partnerstwa.' },
    otherwise: 'Wybierz jednostkę z listy.',
  },
  joinedOn: {
    label: 'Data przystąpienia',
    rules: {
      isDefined: 'Wpisz datę przystąpienia.',
      afterPreviousMembership:
        'Data przystąpienia musi być późniejsza niż dzień, w którym jednostka poprzednio wystąpiła z partnerstwa.',
    },
    otherwise: DATE_RULE,
  },
  leftOn: {
    label: 'Ostatni dzień członkostwa',
    rules: {
      isDefined: 'Wpisz ostatni dzień członkostwa.',
      notBeforeJoinedOn: 'Jednostka nie może wystąpić przed dniem, w którym przystąpiła.',
    },
    otherwise: DATE_RULE,
  },
};

export const AUDIT_FILTERS: FormWords = {
  tenderId: { label: 'Postępowanie', rules: {}, otherwise: 'Wybierz postępowanie z listy.' },
  partnershipId: { label: 'Partnerstwo', rules: {}, otherwise: 'Wybierz partnerstwo z listy.' },
  organisationId: { label: 'Jednostka', rules: {}, otherwise: 'Wybierz jednostkę z listy.' },
  actorUserId: { label: 'Kto', rules: {}, otherwise: 'Wybierz osobę z listy.' },
  action: { label: 'Zdarzenie', rules: {}, otherwise: 'Wybierz rodzaj zdarzenia z listy.' },
  from: { label: 'Od dnia', rules: {}, otherwise: DATE_RULE },
  to: {
    label: 'Do dnia',
    rules: { afterFrom: 'Dzień końcowy nie może być wcześniejszy niż początkowy.' },
    otherwise: DATE_RULE,
  },
};

/** Events of accounts, organisations and partnerships (the tender's own are in web-words). */
const ADMIN_ACTION_PL: Record<string, string> = {
  'user.created': 'Utworzono konto użytkownika',
  'user.updated': 'Zmieniono konto użytkownika',
  'user.role_granted': 'Nadano rolę w jednostce',
  'user.role_revoked': 'Odebrano rolę w jednostce',
  'user.preferences_changed': 'Zmieniono ustawienia powiadomień',
  'organisation.created': 'Zarejestrowano jednostkę',
  'organisation.updated': 'Zmieniono dane jednostki',
  'partnership.created': 'Utworzono partnerstwo',
  'partnership.updated': 'Zmieniono dane partnerstwa',
  'partnership.member_joined': 'Jednostka przystąpiła do partnerstwa',
  'partnership.member_left': 'Jednostka wystąpiła z partnerstwa',
  'partnership.member_invited': 'Zaproszono jednostkę do partnerstwa',
  'partnership.invitation_accepted': 'Jednostka przyjęła zaproszenie do partnerstwa',
  'partnership.invitation_declined': 'Jednostka odrzuciła zaproszenie do partnerstwa',
  'partnership.invitation_withdrawn': 'Lider wycofał zaproszenie do partnerstwa',
  'auth.login': 'Zalogowano',
  'auth.login_failed': 'Nieudana próba logowania',
  'auth.logout': 'Wylogowano',
  'auth.password_changed': 'Zmieniono własne hasło',
  'auth.password_change_failed': 'Nieudana próba zmiany hasła',
  'auth.refresh_reused': 'Ponowne użycie tokenu odświeżania (sesje zakończone)',
  'calendar.token_issued': 'Utworzono adres kalendarza',
  'calendar.token_revoked': 'Unieważniono adres kalendarza',
  'archive.requested': 'Zlecono archiwum postępowania',
  'archive.built': 'Archiwum postępowania gotowe',
  'archive.downloaded': 'Pobrano archiwum postępowania',
  'demo.seeded': 'Wczytano dane demonstracyjne',
};

/** Every event the pages name in Polish: the filter's choices on /audyt. */
export const EVENT_PL: Record<string, string> = { ...AUDIT_ACTION_PL, ...ADMIN_ACTION_PL };

/** What the event is about, in Polish; an unknown code stays visible, marked as English. */
export function eventWords(action: string): { label: string; english: boolean } {
  const label = EVENT_PL[action];
  return label ? { label, english: false } : { label: action, english: true };
}

export const ENTITY_PL: Record<string, string> = {
  user: 'konto',
  organisation: 'jednostka',
  partnership: 'partnerstwo',
  tender: 'postępowanie',
  lot: 'część zamówienia',
  share: 'udział',
  document: 'dokument',
  deadline: 'termin',
  contract: 'umowa',
  invoice: 'faktura',
  payment: 'płatność',
  archive: 'archiwum',
};

/** Polish sentences for the administration services' refusal codes. */
export const ADMIN_ERROR_PL: Record<string, string> = {
  PARTNERSHIP_LEADER_CANNOT_LEAVE:
    'Lider nie może wystąpić z partnerstwa, które prowadzi; najpierw trzeba wyznaczyć innego lidera.',
  MEMBERSHIP_NOT_FOUND: 'Ta jednostka nie jest teraz członkiem partnerstwa.',
  ROLE_MEMBERSHIP_NOT_FOUND: 'Ta osoba nie ma już tej roli; nic nie zmieniono.',
  PARTNERSHIP_VERSION_CONFLICT:
    'W międzyczasie ktoś inny zmienił dane tego partnerstwa. Poniżej są obecne dane; wpisz zmiany ponownie.',
  ORGANISATION_VERSION_CONFLICT:
    'W międzyczasie ktoś inny zmienił dane tej jednostki. Poniżej są obecne dane; wpisz zmiany ponownie.',
};
