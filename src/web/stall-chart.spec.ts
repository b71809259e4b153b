import { days, monthLabel, trendChart, waitChart, workingDays } from './stall-chart';

describe('the charts of the stall pages', () => {
  const figures = [
    { label: 'Gmina Liszki', medianWorkingDays: 10.5, slowestWorkingDays: 21, count: 2 },
    { label: 'Gmina Mogilany', medianWorkingDays: 0, slowestWorkingDays: 0, count: 1 },
  ];

  it('says every figure of the table in its description, days with a Polish decimal comma', () => {
    const chart = waitChart('Czas oczekiwania', figures);
    expect(chart.desc).toContain(
      'Gmina Liszki: mediana 10,5 dnia roboczego, najdłużej 21 dni roboczych (oczekiwań: 2).',
    );
    expect(chart.rows.map((r) => [r.median.text, r.slowest.text])).toEqual([
      ['mediana: 10,5', 'najdłużej: 21'],
      ['mediana: 0', 'najdłużej: 0'],
    ]);
    expect(days(4.25)).toBe('4,3');
    expect([1, 4, 5, 22, 1.5].map(workingDays)).toEqual([
      '1 dzień roboczy',
      '4 dni robocze',
      '5 dni roboczych',
      '22 dni robocze',
      '1,5 dnia roboczego',
    ]);
  });

  it('draws the slowest wait at full length and keeps a zero visible', () => {
    const chart = waitChart('Czas', figures);
    const [liszki, mogilany] = chart.rows;
    expect(liszki.slowest.width).toBe(2 * liszki.median.width);
    expect(mogilany.median.width).toBe(1);
    expect(chart.height).toBeGreaterThanOrEqual(figures.length * 80);
  });

  it('names months in Polish and scales the trend to the highest median', () => {
    expect(monthLabel('2026-10')).toBe('paź 2026');
    const chart = trendChart('Trend', [
      { month: '2026-09', count: 3, medianWorkingDays: 2 },
      { month: '2026-10', count: 5, medianWorkingDays: 4 },
    ]);
    expect(chart.bars.map((b) => b.label)).toEqual(['wrz 2026', 'paź 2026']);
    expect(chart.bars[1].height).toBe(2 * chart.bars[0].height);
    expect(chart.bars[1].y + chart.bars[1].height).toBe(chart.baseY);
    expect(chart.desc).toContain('paź 2026: mediana 4 dni robocze (zakończonych oczekiwań: 5).');
  });
});
