import { IsString, MaxLength } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { conflict, DomainError, fieldError, notFound } from '../common/errors';
import { submitForm, type FormSubmission, type Redirect } from './web-form';

class NameDto {
  @IsString()
  @MaxLength(5)
  name!: string;
}

/** A reply is thenable: resolving one would unwrap it, so the page's answer is made by hand. */
const answered = () => Promise.resolve({}) as Promise<FastifyReply>;

/** What the flow answered: the form again with its errors, or a redirect with its message. */
type Outcome =
  { again: unknown } | { to: string; kind: string; text: string | undefined } | { shown: string };

async function run(
  input: Record<string, unknown>,
  service: (dto: NameDto) => Promise<string>,
  extra: Partial<FormSubmission<NameDto, string, unknown>> = {},
): Promise<Outcome> {
  let outcome: Outcome | undefined;
  const redirect: Redirect = (to, kind, text) => {
    outcome = { to, kind, text };
    return answered();
  };
  await submitForm<NameDto, string, unknown>(redirect, {
    dto: NameDto,
    input,
    invalid: (violations) => violations.map((v) => `${v.field}:${v.rule}`),
    run: service,
    refused: (err) =>
      err instanceof DomainError && err.status === 400
        ? (err.errors ?? []).map((v) => `${v.field}:${v.rule}`)
        : null,
    again: (errors) => {
      outcome = { again: errors };
      return answered();
    },
    done: (saved, value) => ({ to: `/rzeczy/${saved}`, text: `Zapisano ${value.name}.` }),
    ...extra,
  });
  if (!outcome) throw new Error('the flow answered nothing');
  return outcome;
}

describe('one submit flow for the web forms', () => {
  it('records valid input and goes on with 303 and a message', async () => {
    const seen: string[] = [];
    const outcome = await run({ name: 'Ala' }, (dto) => {
      seen.push(dto.name);
      return Promise.resolve('7');
    });
    expect(seen).toEqual(['Ala']);
    expect(outcome).toEqual({ to: '/rzeczy/7', kind: 'success', text: 'Zapisano Ala.' });
  });

  it("shows the form again with the DTO's violations and does not call the service", async () => {
    let called = false;
    const outcome = await run({ name: 'za długa nazwa' }, () => {
      called = true;
      return Promise.resolve('1');
    });
    expect(called).toBe(false);
    expect(outcome).toEqual({ again: ['name:maxLength'] });
  });

  it('goes on when the page ignores a violation (invalid answers null)', async () => {
    const outcome = await run({ name: 'za długa nazwa' }, () => Promise.resolve('2'), {
      invalid: () => null,
    });
    expect(outcome).toMatchObject({ to: '/rzeczy/2', kind: 'success' });
  });

  it("shows the form again with the service's refusal of a field", async () => {
    const outcome = await run({ name: 'Ala' }, () =>
      Promise.reject(fieldError('name', 'unique', 'taken')),
    );
    expect(outcome).toEqual({ again: ['name:unique'] });
  });

  it('lands a change made for an older state (409) where the page says, with a notice', async () => {
    const outcome = await run({ name: 'Ala' }, () => Promise.reject(conflict('STALE', 'old')), {
      stale: (err: DomainError) => ({ to: '/rzeczy', text: `Nieaktualne (${err.code}).` }),
    });
    expect(outcome).toEqual({ to: '/rzeczy', kind: 'info', text: 'Nieaktualne (STALE).' });
  });

  it('rethrows what is not a refusal of the input (the error page decides)', async () => {
    await expect(
      run({ name: 'Ala' }, () => Promise.reject(notFound('Thing', 'x'))),
    ).rejects.toThrow(DomainError);
    await expect(
      run({ name: 'Ala' }, () => Promise.reject(conflict('STALE', 'old'))),
    ).rejects.toThrow('old');
  });

  it("checks the page's own rules with the DTO's, before the service", async () => {
    let called = false;
    const outcome = await run(
      { name: 'Ala' },
      () => {
        called = true;
        return Promise.resolve('1');
      },
      {
        check: (value, violations) =>
          Promise.resolve([
            ...violations,
            ...(value.name === 'Ala' ? [{ field: 'name', rule: 'taken', message: '' }] : []),
          ]),
      },
    );
    expect(called).toBe(false);
    expect(outcome).toEqual({ again: ['name:taken'] });
  });

  it('waits for a refusal the page reads the current state for', async () => {
    const outcome = await run({ name: 'Ala' }, () => Promise.reject(conflict('STALE', 'old')), {
      refused: (err) => Promise.resolve(err instanceof DomainError ? [`now:${err.code}`] : null),
    });
    expect(outcome).toEqual({ again: ['now:STALE'] });
  });

  it('lands a refusal on the page of the current state with its notice and kind', async () => {
    const outcome = await run({ name: 'Ala' }, () => Promise.reject(notFound('Thing', 'x')), {
      lands: (err) =>
        Promise.resolve(
          err instanceof DomainError
            ? { to: '/rzeczy', kind: 'error' as const, text: 'Nie.' }
            : null,
        ),
    });
    expect(outcome).toEqual({ to: '/rzeczy', kind: 'error', text: 'Nie.' });
  });

  it('goes on without a message when the page says enough', async () => {
    const outcome = await run({ name: 'Ala' }, () => Promise.resolve('3'), {
      done: (saved) => ({ to: `/rzeczy/${saved}` }),
    });
    expect(outcome).toEqual({ to: '/rzeczy/3', kind: 'success', text: undefined });
  });

  it('shows a page instead of the 303 for a step that records nothing yet', async () => {
    let outcome: Outcome | undefined;
    await submitForm<NameDto, string, unknown>(() => answered(), {
      dto: NameDto,
      input: { name: 'Ala' },
      invalid: () => null,
      run: () => Promise.resolve('podgląd'),
      again: () => answered(),
      done: (preview) => ({
        show: () => {
          outcome = { shown: preview };
          return answered();
        },
      }),
    });
    expect(outcome).toEqual({ shown: 'podgląd' });
  });
});
