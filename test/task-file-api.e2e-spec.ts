import { createHash, randomBytes } from 'node:crypto';
import { FILE_MAX_BYTES } from '../src/responsibilities';
import { Session, TestApp, createTestApp, login } from './support/app';
import { taskIn, tenderWithTaskMatrix, type TaskBody } from './support/task-matrix';

/** A PDF of `size` bytes: its header, then random bytes (incompressible, like a scan). */
function pdfOf(size: number): Buffer {
  const head = Buffer.from('%PDF-1.4\n% skan protokołu odbioru\n');
  return Buffer.concat([head, randomBytes(size - head.length)]);
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * A file attached to a task through the API (Base64 in JSON) may be as large as through the web
 * form (5 MB): that route alone takes a 7 MB body; every other route keeps its 1 MB.
 */
describe('API: a task file as large as the web form takes', () => {
  let t: TestApp;
  let officer: Session;
  let coordinator: Session;
  let tasks: TaskBody[];
  const taskOf = (kind: string, org: string, lot: number | null) => taskIn(tasks, kind, org, lot);

  beforeAll(async () => {
    t = await createTestApp();
    officer = await login(t, 'officer@skawina.demo');
    coordinator = await login(t, 'coordinator@czernichow.demo');
    ({ tasks } = await tenderWithTaskMatrix(t, officer, [
      [1, 'czernichow', '100000.00'],
      [2, 'liszki', '50000.00'],
    ]));
  }, 120000);
  afterAll(async () => {
    await t?.close();
  });

  it('takes a 4 MB scan as Base64 and gives back the same bytes', async () => {
    const task = taskOf('ACCEPTANCE', 'Czernichów', 1);
    const scan = pdfOf(4 * 1024 * 1024);
    const done = await coordinator
      .post(`/tender-tasks/${task.id}/done`, {
        version: task.version,
        file: {
          name: 'protokół odbioru.pdf',
          contentType: 'application/pdf',
          contentBase64: scan.toString('base64'),
        },
      })
      .expect(200);
    expect(done.body).toMatchObject({ status: 'DONE', fileName: 'protokół odbioru.pdf' });
    const file = await coordinator
      .get(`/tender-tasks/${task.id}/file`)
      .buffer(true)
      .parse((res, cb) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => cb(null, Buffer.concat(parts)));
      })
      .expect(200);
    expect(sha256(file.body as Buffer)).toBe(sha256(scan));
  });

  it('refuses a file over 5 MB by its rule (400 naming the field), nothing written', async () => {
    const task = taskOf('INPUT_DATA', 'Czernichów', null);
    const res = await coordinator
      .post(`/tender-tasks/${task.id}/done`, {
        version: task.version,
        file: {
          name: 'za-duży.pdf',
          contentType: 'application/pdf',
          contentBase64: pdfOf(FILE_MAX_BYTES + 1).toString('base64'),
        },
      })
      .expect(400);
    expect(res.body.errors[0]).toMatchObject({ field: 'file.contentBase64', rule: 'maxSize' });
    const after = (await coordinator.get(`/tender-tasks/${task.id}`).expect(200)).body as TaskBody;
    expect(after).toMatchObject({ status: 'OPEN', version: task.version, fileName: null });
  });

  it('keeps the 1 MB body and the string limit on every other route', async () => {
    const task = taskOf('INPUT_DATA', 'Czernichów', null);
    const big = await coordinator
      .post(`/tender-tasks/${task.id}/comments`, { body: 'x'.repeat(1_100_000) })
      .expect(413);
    expect(big.body.code).toBe('PAYLOAD_TOO_LARGE');
    const long = await coordinator
      .post(`/tender-tasks/${task.id}/comments`, { body: 'x'.repeat(30_000) })
      .expect(400);
    expect(long.body.errors[0]).toMatchObject({ field: 'body', rule: 'maxLength' });
  });
});
