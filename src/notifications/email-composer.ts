/**
 * The e-mail copy of an in-app notification, in Polish (pure). Plain text first — officials read
 * mail in many clients and some strip HTML — plus a minimal HTML part with the same words.
 */
export interface EmailNotification {
  id: string;
  title: string;
  body: string;
  link: string | null;
}

export interface EmailRecipient {
  email: string;
  displayName: string;
}

export interface ComposedEmail {
  from: string;
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Record<string, string>;
}

const SIGNATURE =
  'Wiadomość wysłana automatycznie przez system Wspólnie – wspólne zamówienia publiczne ' +
  'partnerstwa jednostek samorządu terytorialnego. Prosimy na nią nie odpowiadać.';
/** The footer names the web page where e-mail is switched off (the Ustawienia page). */
const optOut = (settingsUrl: string): string =>
  'Nie chcesz otrzymywać powiadomień e-mailem? Wyłącz je na stronie Ustawienia ' +
  `(${settingsUrl}); powiadomienia w systemie pozostaną.`;

function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** The absolute address of a notification's link: PUBLIC_URL + the in-app path. */
export function absoluteLink(publicUrl: string, link: string | null): string {
  const base = publicUrl.replace(/\/+$/, '');
  if (!link) return base;
  if (/^https?:\/\//.test(link)) return link;
  return `${base}${link.startsWith('/') ? '' : '/'}${link}`;
}

export function composeNotificationEmail(
  n: EmailNotification,
  to: EmailRecipient,
  options: { from: string; publicUrl: string; messageIdDomain: string },
): ComposedEmail {
  const url = absoluteLink(options.publicUrl, n.link);
  const OPT_OUT = optOut(absoluteLink(options.publicUrl, '/ustawienia'));
  const text = [
    'Dzień dobry,',
    '',
    n.body,
    '',
    `Szczegóły: ${url}`,
    '',
    '-- ',
    SIGNATURE,
    OPT_OUT,
    '',
  ].join('\n');
  const paragraphs = n.body
    .split('\n')
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('\n');
  const html = [
    '<!doctype html><html lang="pl"><meta charset="utf-8"><body>',
    '<p>Dzień dobry,</p>',
    paragraphs,
    `<p>Szczegóły: <a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>`,
    `<hr><p style="font-size:small">${escapeHtml(SIGNATURE)}<br>${escapeHtml(OPT_OUT)}</p>`,
    '</body></html>',
  ].join('\n');
  return {
    from: options.from,
    to: { name: to.displayName, address: to.email },
    subject: n.title,
    text,
    html,
    // Stable per notification: a retried send after a lost acknowledgement is one message to
    // clients that deduplicate by Message-ID.
    messageId: `<notification.${n.id}@${options.messageIdDomain}>`,
    headers: {
      'Auto-Submitted': 'auto-generated',
      'X-Auto-Response-Suppress': 'All',
      'X-Wspolnie-Notification': n.id,
    },
  };
}
