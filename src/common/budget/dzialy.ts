/**
 * Działy of the budget classification: załącznik nr 1 ("Klasyfikacja działów") to the
 * rozporządzenie Ministra Finansów z dnia 2 marca 2010 r. w sprawie szczegółowej klasyfikacji
 * dochodów, wydatków, przychodów i rozchodów oraz środków pochodzących ze źródeł zagranicznych
 * (t.j. Dz.U. z 2014 r. poz. 1053, as amended; the 2019 changes renamed dział 730 and added 855).
 * Transcribed by hand for validation; names as in the regulation. When the regulation changes,
 * change this list (and its spec) in the same commit.
 */
export const BUDGET_DZIALY: Readonly<Record<string, string>> = {
  '010': 'Rolnictwo i łowiectwo',
  '020': 'Leśnictwo',
  '050': 'Rybołówstwo i rybactwo',
  '100': 'Górnictwo i kopalnictwo',
  '150': 'Przetwórstwo przemysłowe',
  '400': 'Wytwarzanie i zaopatrywanie w energię elektryczną, gaz i wodę',
  '500': 'Handel',
  '550': 'Hotele i restauracje',
  '600': 'Transport i łączność',
  '630': 'Turystyka',
  '700': 'Gospodarka mieszkaniowa',
  '710': 'Działalność usługowa',
  '720': 'Informatyka',
  '730': 'Szkolnictwo wyższe i nauka',
  '750': 'Administracja publiczna',
  '751': 'Urzędy naczelnych organów władzy państwowej, kontroli i ochrony prawa oraz sądownictwa',
  '752': 'Obrona narodowa',
  '753': 'Obowiązkowe ubezpieczenia społeczne',
  '754': 'Bezpieczeństwo publiczne i ochrona przeciwpożarowa',
  '755': 'Wymiar sprawiedliwości',
  '756':
    'Dochody od osób prawnych, od osób fizycznych i od innych jednostek nieposiadających osobowości prawnej oraz wydatki związane z ich poborem',
  '757': 'Obsługa długu publicznego',
  '758': 'Różne rozliczenia',
  '801': 'Oświata i wychowanie',
  '803': 'Szkolnictwo wyższe',
  '851': 'Ochrona zdrowia',
  '852': 'Pomoc społeczna',
  '853': 'Pozostałe zadania w zakresie polityki społecznej',
  '854': 'Edukacyjna opieka wychowawcza',
  '855': 'Rodzina',
  '900': 'Gospodarka komunalna i ochrona środowiska',
  '921': 'Kultura i ochrona dziedzictwa narodowego',
  '925': 'Ogrody botaniczne i zoologiczne oraz naturalne obszary i obiekty chronionej przyrody',
  '926': 'Kultura fizyczna',
};

/**
 * Groups of expenditure paragraphs (załącznik nr 4, "Klasyfikacja paragrafów wydatków i środków"),
 * by the first digit of the four: the first three digits are the paragraph, the fourth the source
 * of financing (0 own funds, 7–9 EU and other foreign funds, …). Income (0xxx), przychody and
 * rozchody (9xxx) are no expenditure and no share of a purchase is classified under them.
 */
export const EXPENDITURE_GROUPS: Readonly<Record<string, string>> = {
  '2': 'dotacje i wpłaty',
  '3': 'świadczenia na rzecz osób fizycznych',
  '4': 'wydatki bieżące jednostek budżetowych',
  '6': 'wydatki majątkowe',
  '8': 'obsługa długu, poręczenia i gwarancje, rezerwy',
};
