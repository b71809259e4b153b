import { neutraliseCell, toCsv } from './csv';

describe('spreadsheet-safe CSV', () => {
  it('neutralises every cell a spreadsheet would read as a formula (OWASP)', () => {
    for (const cell of [
      "+cmd|' /C calc'!A0",
      '=HYPERLINK("http://x")',
      '-2+3',
      '@SUM(A1:A2)',
      '\t=1+1',
      '\r=1+1',
      '-',
    ])
      expect(neutraliseCell(cell)).toBe(`'${cell}`);
  });

  it('keeps numbers numbers and ordinary text as it is', () => {
    for (const cell of ['-1234,56', '+12', '-0.50', '0,00', 'Gmina Liszki', '', 'a=b', 'x-y'])
      expect(neutraliseCell(cell)).toBe(cell);
  });

  it('writes ; separated rows with CRLF after the BOM, quoting where needed', () => {
    expect(toCsv([['Organizacja', 'Saldo'], ['=Gmina "Liszki"', '-10,00']])).toBe(
      '\uFEFFOrganizacja;Saldo\r\n"\'=Gmina ""Liszki""";-10,00\r\n',
    );
  });
});
