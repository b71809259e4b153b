import { matchMentions, parseMentions } from './mentions';

describe('parseMentions', () => {
  it('finds @local-part and @full e-mail handles, each once, lower-cased, in order', () => {
    expect(
      parseMentions('@Officer proszę o opinię, (@jan.nowak@liszki.demo) oraz @officer i @ola.'),
    ).toEqual(['officer', 'jan.nowak@liszki.demo', 'ola']);
  });

  it('does not take an address written in the text for a mention', () => {
    expect(parseMentions('Pisz na biuro@gmina.pl albo x@y')).toEqual([]);
  });

  it('reads handles with Polish letters and after a line break', () => {
    expect(parseMentions('Dzień dobry\n@łucja.żak, sprawdź')).toEqual(['łucja.żak']);
  });
});

describe('matchMentions', () => {
  const people = [
    { userId: '1', email: 'officer@skawina.demo', displayName: 'A' },
    { userId: '2', email: 'officer@liszki.demo', displayName: 'B' },
    { userId: '3', email: 'head@liszki.demo', displayName: 'C' },
  ];

  it('matches a unique local part or a full e-mail', () => {
    const m = matchMentions(['head', 'officer@skawina.demo'], people);
    expect(m.found.map((f) => f.userId)).toEqual(['3', '1']);
    expect(m.unknown).toEqual([]);
    expect(m.ambiguous).toEqual([]);
  });

  it('reports a shared local part as ambiguous and anyone outside the candidates as unknown', () => {
    const m = matchMentions(
      ['officer', 'treasurer@zabierzow.demo', 'head@liszki.demo', 'head'],
      people,
    );
    expect(m.ambiguous).toEqual(['officer']);
    expect(m.unknown).toEqual(['treasurer@zabierzow.demo']);
    expect(m.found.map((f) => f.userId)).toEqual(['3']);
  });
});
