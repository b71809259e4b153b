import { normaliseOptOutKinds, wantsEmail } from './email-preferences';

describe('wantsEmail', () => {
  it('e-mails every kind when nothing is switched off', () => {
    expect(wantsEmail({ emailOptOut: false, emailOptOutKinds: [] }, 'share.awaiting_step')).toBe(
      true,
    );
  });

  it('skips a kind switched off and keeps the others', () => {
    const pref = { emailOptOut: false, emailOptOutKinds: ['deadline.reminder'] };
    expect(wantsEmail(pref, 'deadline.reminder')).toBe(false);
    expect(wantsEmail(pref, 'deadline.missed')).toBe(true);
  });

  it('skips every kind when all e-mail is switched off', () => {
    expect(wantsEmail({ emailOptOut: true, emailOptOutKinds: [] }, 'share.confirmed')).toBe(false);
  });
});

describe('normaliseOptOutKinds', () => {
  it('keeps known kinds once, in the vocabulary order', () => {
    expect(
      normaliseOptOutKinds(['deadline.missed', 'nope', 'share.confirmed', 'deadline.missed']),
    ).toEqual(['share.confirmed', 'deadline.missed']);
  });
});
