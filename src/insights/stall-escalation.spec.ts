import { workingDaysWord } from './stall-escalation.service';

describe('workingDaysWord', () => {
  it.each([
    [1, 'dzień roboczy'],
    [2, 'dni robocze'],
    [4, 'dni robocze'],
    [5, 'dni roboczych'],
    [7, 'dni roboczych'],
    [12, 'dni roboczych'],
    [22, 'dni robocze'],
    [25, 'dni roboczych'],
  ])('%i → %s', (n, word) => {
    expect(workingDaysWord(n)).toBe(word);
  });
});
