import { actTimeOf, describeAuditEvent } from './audit-descriptions';

const fact = (
  action: string,
  data: Record<string, unknown> = {},
  organisationName = 'Gmina Liszki',
) => describeAuditEvent({ action, data, organisationName });

describe('describeAuditEvent', () => {
  it('writes the share chain in Polish with the partner and Polish amounts', () => {
    expect(fact('share.proposed', { lot: 2, amountNet: '385000.00' })).toBe(
      'Zgłoszenie udziału Gmina Liszki w części 2: 385 000,00 zł netto',
    );
    expect(
      fact('share.approved', { step: 'TREASURER', budgetClassification: '600/60016/4270' }),
    ).toBe('Kontrasygnata skarbnika Gmina Liszki (klasyfikacja budżetowa 600/60016/4270)');
    expect(fact('share.approved', { step: 'HEAD' })).toBe(
      'Potwierdzenie udziału Gmina Liszki przez kierownika jednostki',
    );
    expect(fact('share.amount_changed', { amountNet: { from: '1000.00', to: '1234567.89' } })).toBe(
      'Zmiana kwoty udziału Gmina Liszki: 1 000,00 zł → 1 234 567,89 zł netto; wcześniejsze zatwierdzenia unieważnione',
    );
  });

  it('names the lifecycle steps, with the reason of a cancellation and the contractors of an award', () => {
    expect(fact('tender.transitioned', { from: 'DRAFT', to: 'COLLECTING_SHARES' })).toBe(
      'Wezwanie Partnerów do potwierdzenia udziałów',
    );
    expect(fact('tender.transitioned', { to: 'CANCELLED', reason: 'brak środków' })).toBe(
      'Unieważnienie postępowania: brak środków',
    );
    expect(
      fact('tender.transitioned', {
        to: 'AWARDED',
        awards: [{ lot: 1, contractorName: 'Drogbud Sp. z o.o.', amountNet: '140000.00' }],
      }),
    ).toBe('Wybór najkorzystniejszych ofert – część 1: Drogbud Sp. z o.o., 140 000,00 zł netto');
  });

  it('describes documents and leaves downloads out of the record', () => {
    expect(
      fact('document.requested', {
        kind: 'POWER_OF_ATTORNEY',
        version: 2,
        organisationName: 'Gmina Świątniki Górne',
      }),
    ).toBe('Zlecenie sporządzenia dokumentu: pełnomocnictwo – Gmina Świątniki Górne (wersja 2)');
    expect(fact('document.downloaded', { kind: 'AGREEMENT' })).toBeNull();
    expect(fact('comment.posted', { targetKind: 'tender', body: 'Uwagi' })).toBeNull();
    expect(fact('document.bundle_downloaded')).toBeNull();
  });

  it('never fails on an unknown action or malformed data', () => {
    expect(fact('something.new', { x: 1 })).toBe('Czynność zapisana w rejestrze zdarzeń systemu');
    expect(fact('share.proposed', { amountNet: 'abc' })).toBe(
      'Zgłoszenie udziału Gmina Liszki w części ?: abc netto',
    );
  });

  it('tells the procedure in Polish words, with the legal bases and no event codes', () => {
    const texts = [
      fact('schedule.applied', { publishedOn: '2027-01-11' }),
      fact('procedure.offer_rejected', {
        lot: 1,
        number: 3,
        contractorName: 'Budrex',
        basis: 'art. 226 ust. 1 pkt 5',
      }),
      fact('procedure.award_approved', {
        lot: 1,
        contractorName: 'Drogbud',
        amountGross: '1230000.00',
      }),
      fact('procedure.lot_cancelled', {
        lot: 2,
        basis: 'art. 255 pkt 3',
        reason: 'Cena przewyższa kwotę',
      }),
      fact('procedure.appeal_decided', { lot: 2, appellant: 'Asfalt-Pol', status: 'DISMISSED' }),
    ];
    expect(texts).toEqual([
      'Przyjęcie harmonogramu postępowania liczonego od dnia publikacji ogłoszenia (2027-01-11)',
      'Odrzucenie oferty nr 3 w części 1 (Budrex) na podstawie art. 226 ust. 1 pkt 5 ustawy Pzp',
      'Zatwierdzenie przez kierownika zamawiającego wyboru najkorzystniejszej oferty w części 1: Drogbud, 1 230 000,00 zł brutto',
      'Unieważnienie postępowania w części 2 na podstawie art. 255 pkt 3 ustawy Pzp: Cena przewyższa kwotę',
      'Rozstrzygnięcie odwołania Asfalt-Pol w części 2: oddalone',
    ]);
    for (const t of texts) expect(t).not.toMatch(/[a-z]+\.[a-z_]+/);
  });
});

describe('actTimeOf (the chronology prints when the act happened)', () => {
  const written = '2026-12-02T04:00:00.000Z';
  it('takes the time recorded with the act, not when the event was written', () => {
    expect(
      actTimeOf(
        'procedure.notice_recorded',
        { publishedAt: '2026-10-05T08:00:00.000Z', publishedOn: '2026-10-05' },
        written,
      ),
    ).toBe('2026-10-05T08:00:00.000Z');
    expect(actTimeOf('procedure.statement_recorded', { statementOn: '2026-10-20' }, written)).toBe(
      '2026-10-20',
    );
    expect(
      actTimeOf(
        'tender.transitioned',
        { to: 'OFFERS_OPENED', at: '2026-10-21T08:30:00.000Z' },
        written,
      ),
    ).toBe('2026-10-21T08:30:00.000Z');
  });
  it('falls back to the event time when the act has none (or an unreadable one)', () => {
    expect(actTimeOf('tender.created', {}, written)).toBe(written);
    expect(actTimeOf('contract.recorded', { signedOn: 'wczoraj' }, written)).toBe(written);
  });
});
