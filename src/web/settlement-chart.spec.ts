import { balanceWords, settlementChart } from './settlement-chart';

describe('the settlement chart of the Rozliczenie page', () => {
  const partners = [
    {
      organisationName: 'Gmina Skawina',
      allocatedGross: '72530.71',
      paid: '123000.00',
      balance: '0.00',
    },
    {
      organisationName: 'Gmina Czernichów',
      allocatedGross: '27199.02',
      paid: '0.00',
      balance: '-27199.02',
    },
    {
      organisationName: 'Gmina Liszki',
      allocatedGross: '23270.27',
      paid: '25000.00',
      balance: '1729.73',
    },
  ];

  it('says every partner’s figures in its description, as the table beside it does', () => {
    const chart = settlementChart('ZP.271.6.2026', partners);
    expect(chart.title).toContain('ZP.271.6.2026');
    expect(chart.desc).toContain(
      'Gmina Czernichów: przypisano 27 199,02 zł brutto, wpłacono 0,00 zł',
    );
    expect(chart.desc).toContain('saldo -27 199,02 zł: niedopłata');
    expect(chart.rows.map((r) => r.balance)).toEqual([
      'saldo 0,00 zł: rozliczony',
      'saldo -27 199,02 zł: niedopłata (partner ma do zapłaty)',
      'saldo 1 729,73 zł: nadpłata (należna partnerowi)',
    ]);
  });

  it('draws the largest amount at full length and every bar with its amount in words', () => {
    const chart = settlementChart('ZP', partners);
    const widths = chart.rows.flatMap((r) => [r.allocated.width, r.paid.width]);
    expect(Math.max(...widths)).toBe(380);
    expect(chart.rows[0].paid.width).toBe(380);
    expect(chart.rows[0].allocated.width).toBe(Math.round((72530.71 / 123000) * 380));
    expect(chart.rows[1].paid.width).toBe(1);
    expect(chart.rows[1].paid.text).toBe('wpłacono: 0,00 zł');
    expect(chart.rows[2].allocated.text).toBe('przypisano: 23 270,27 zł');
    expect(chart.height).toBeGreaterThan(chart.rows[2].balanceY);
  });

  it('draws an empty settlement without dividing by zero', () => {
    const chart = settlementChart('ZP', [
      { organisationName: 'Gmina Liszki', allocatedGross: '0.00', paid: '0.00', balance: '0.00' },
    ]);
    expect(chart.rows[0].allocated.width).toBe(1);
    expect(balanceWords('0.00')).toBe('saldo 0,00 zł: rozliczony');
  });
});
