import request from 'supertest';
import type { TestApp } from './app';
import { DEMO_PASSWORD } from './app';

/**
 * A browser-like client of the web pages over HTTP: keeps cookies (session, CSRF secret) and
 * reads the CSRF token from the last page, so tests post forms the way a browser does.
 */
export class WebClient {
  readonly agent: ReturnType<typeof request.agent>;
  csrf = '';
  lastHtml = '';

  constructor(
    private readonly t: TestApp,
    readonly ip = '10.9.0.1',
  ) {
    this.agent = request.agent(t.http);
  }

  async get(path: string): Promise<request.Response> {
    const res = await this.agent.get(path).set('x-forwarded-for', this.ip).redirects(0);
    this.remember(res);
    return res;
  }

  /**
   * Posts a form with the current CSRF token (unless `_csrf` is given); a list value repeats the
   * field, as a browser sends checked checkboxes of one name.
   */
  async post(
    path: string,
    form: Record<string, string | string[]> = {},
  ): Promise<request.Response> {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries({ _csrf: this.csrf, ...form }))
      for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
    const res = await this.agent
      .post(path)
      .set('x-forwarded-for', this.ip)
      .type('form')
      .send(body.toString())
      .redirects(0);
    this.remember(res);
    return res;
  }

  /**
   * Posts a multipart form as a browser sends one with a file input: the CSRF token first (unless
   * `_csrf` is given), then the fields, then the files (`null` content: an input left empty).
   */
  async postMultipart(
    path: string,
    form: Record<string, string> = {},
    files: Record<string, { name: string; content: Buffer | null; type?: string }> = {},
  ): Promise<request.Response> {
    let req = this.agent.post(path).set('x-forwarded-for', this.ip).redirects(0);
    for (const [name, value] of Object.entries({ _csrf: this.csrf, ...form }))
      req = req.field(name, value);
    for (const [name, f] of Object.entries(files))
      req = req.attach(name, f.content ?? Buffer.alloc(0), {
        filename: f.content === null ? '' : f.name,
        contentType: f.type ?? 'application/octet-stream',
      });
    const res = await req;
    this.remember(res);
    return res;
  }

  /** Signs in through the form; returns the response of the POST (303 on success). */
  async signIn(email: string, password = DEMO_PASSWORD, powrot = ''): Promise<request.Response> {
    await this.get(powrot ? `/logowanie?powrot=${encodeURIComponent(powrot)}` : '/logowanie');
    const res = await this.post('/logowanie', { email, password, powrot });
    if (res.status !== 303) throw new Error(`sign-in of ${email} failed: ${res.status}`);
    return res;
  }

  private remember(res: request.Response): void {
    if (typeof res.text === 'string' && res.type === 'text/html') {
      this.lastHtml = res.text;
      const m = /name="_csrf" value="([^"]+)"/.exec(res.text);
      if (m) this.csrf = m[1];
    }
  }
}

/** The text of the page's <title>. */
export const titleOf = (html: string): string => /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '';

/** Visible text, roughly: tags removed, whitespace collapsed, entities of names decoded. */
export function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/&#x3D;/g, '=')
    .replace(/\s+/g, ' ');
}
