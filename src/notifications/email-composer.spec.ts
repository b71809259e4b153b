import { absoluteLink, composeNotificationEmail } from './email-composer';

describe('notification e-mail', () => {
  const mail = composeNotificationEmail(
    {
      id: '7d1c3f2a-0000-4000-8000-000000000001',
      title: 'Przypomnienie (jutro): Potwierdzenie udziałów partnerów – ZP.271.1.2026',
      body: 'Udział czeka na kontrasygnatę <skarbnika>.\nPodstawa: art. 38 Pzp.',
      link: '/udzialy/42',
    },
    { email: 'treasurer@liszki.demo', displayName: 'Anna Nowak' },
    {
      from: 'Wspólnie <no-reply@wspolnie.local>',
      publicUrl: 'https://wspolnie.example/',
      messageIdDomain: 'wspolnie.example',
    },
  );

  it('is addressed to the user, with the notification title as subject', () => {
    expect(mail.to).toEqual({ name: 'Anna Nowak', address: 'treasurer@liszki.demo' });
    expect(mail.subject).toBe(
      'Przypomnienie (jutro): Potwierdzenie udziałów partnerów – ZP.271.1.2026',
    );
    expect(mail.messageId).toBe(
      '<notification.7d1c3f2a-0000-4000-8000-000000000001@wspolnie.example>',
    );
  });

  it('says it in Polish with an absolute link and how to opt out', () => {
    expect(mail.text).toContain('Dzień dobry,');
    expect(mail.text).toContain('Podstawa: art. 38 Pzp.');
    expect(mail.text).toContain('Szczegóły: https://wspolnie.example/udzialy/42');
    expect(mail.text).toContain(
      'Wyłącz je na stronie Ustawienia (https://wspolnie.example/ustawienia)',
    );
    expect(mail.text).not.toMatch(/Moje konto|Preferencje/);
  });

  it('escapes the body in the HTML part', () => {
    expect(mail.html).toContain('&lt;skarbnika&gt;');
    expect(mail.html).not.toContain('<skarbnika>');
  });

  it('joins the public URL and the in-app path with one slash', () => {
    expect(absoluteLink('http://localhost:3000', '/tenders/1')).toBe(
      'http://localhost:3000/tenders/1',
    );
    expect(absoluteLink('http://localhost:3000/', 'tenders/1')).toBe(
      'http://localhost:3000/tenders/1',
    );
    expect(absoluteLink('http://localhost:3000', null)).toBe('http://localhost:3000');
  });
});
