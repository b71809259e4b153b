import 'reflect-metadata';
import { handledJobsOf, jobHandlerProblems, type JobHandlerDeclaration } from './common/jobs';
import { WorkerModule } from './worker.module';

/** Every provider class the worker's module tree registers (without starting it: no Redis here). */
function providersOf(
  mod: unknown,
  seen = new Set<unknown>(),
): (abstract new (...args: never[]) => unknown)[] {
  if (typeof mod !== 'function' || seen.has(mod)) return [];
  seen.add(mod);
  const own = ((Reflect.getMetadata('providers', mod) ?? []) as unknown[])
    .map((p) => (typeof p === 'function' ? p : (p as { useClass?: unknown }).useClass))
    .filter((p): p is abstract new (...args: never[]) => unknown => typeof p === 'function');
  const imported = ((Reflect.getMetadata('imports', mod) ?? []) as unknown[]).flatMap((m) =>
    providersOf(m, seen),
  );
  return [...own, ...imported];
}

describe('WorkerModule', () => {
  it('has a handler for every job of the catalogue, on the right queue', () => {
    const declarations: JobHandlerDeclaration[] = [];
    for (const cls of providersOf(WorkerModule)) {
      const declared = handledJobsOf(cls);
      if (declared) declarations.push({ handler: cls.name, ...declared });
    }
    expect(declarations.map((d) => d.handler).sort()).toEqual([
      'ArchivesProcessor',
      'DocumentsProcessor',
      'EmailProcessor',
      'InsightsProcessor',
      'RemindersProcessor',
    ]);
    expect(jobHandlerProblems(declarations)).toEqual([]);
  });

  it('runs the check when it starts', () => {
    expect(providersOf(WorkerModule).map((p) => p.name)).toContain('JobHandlersCheck');
  });
});
