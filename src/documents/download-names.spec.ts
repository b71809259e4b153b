import { asciiFileName, contentDisposition, documentFileName } from './download-names';

describe('download names', () => {
  const name = documentFileName({
    kind: 'POWER_OF_ATTORNEY',
    version: 2,
    reference: 'ZP.271.1.2026',
    organisationName: 'Gmina Świątniki Górne',
  });

  it('names the document in Polish with its partner, reference and version', () => {
    expect(name).toBe('Pełnomocnictwo – Gmina Świątniki Górne – ZP.271.1.2026 – wersja 2.pdf');
  });

  it('gives an ASCII fallback without Polish letters or spaces', () => {
    expect(asciiFileName(name)).toBe(
      'Pelnomocnictwo_Gmina_Swiatniki_Gorne_ZP.271.1.2026_wersja_2.pdf',
    );
  });

  it('writes RFC 6266 / 5987 Content-Disposition', () => {
    expect(contentDisposition('Porozumienie – ZP.271.1.2026 (kopia).pdf')).toBe(
      `attachment; filename="Porozumienie_ZP.271.1.2026_kopia_.pdf"; filename*=UTF-8''Porozumienie%20%E2%80%93%20ZP.271.1.2026%20%28kopia%29.pdf`,
    );
  });

  it('never lets an organisation name smuggle a path or a quote', () => {
    const evil = documentFileName({
      kind: 'SHARE_CONFIRMATION',
      version: 1,
      reference: 'ZP/1',
      organisationName: '../../etc/"passwd"',
    });
    expect(evil).not.toMatch(/[/"\\]/);
    expect(contentDisposition(evil)).not.toMatch(/filename="[^"]*"[^;]*"/);
  });
});
