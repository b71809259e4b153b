import { ESLint } from 'eslint';
import * as path from 'node:path';
import * as ts from 'typescript';
import tseslint from 'typescript-eslint';
// The rule file eslint.config.mjs applies to src/ (CommonJS, shared with this test).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const boundaries = require('../test/architecture/boundaries.js') as {
  boundaryConfigs: () => object[];
  mayImport: (from: string, to: string) => boolean;
};

// eslint-disable-next-line @typescript-eslint/no-require-imports
const tables = require('../test/architecture/table-owners.js') as {
  owners: () => Record<string, string>;
  foreignTableUses: () => { file: string; line: number; table: string; owner: string }[];
  foreignUsesIn: (relPath: string, text: string) => { table: string; owner: string }[];
};

const root = path.join(__dirname, '..');
const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  overrideConfig: [
    { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
    ...boundaries.boundaryConfigs(),
  ] as ESLint.Options['overrideConfig'],
});

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('module boundaries (lint)', () => {
  it('rejects an import of another module’s internals', async () => {
    const found = await problems(
      'src/finance/probe.ts',
      "import { Lot } from '../tenders/lot.entity';\n",
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('no-restricted-imports');
    expect(found[0]).toContain('public face');
  });

  it('accepts the same import through the module’s face', async () => {
    expect(await problems('src/finance/probe.ts', "import { Lot } from '../tenders';\n")).toEqual(
      [],
    );
    expect(
      await problems('src/finance/dto/probe.ts', "import { Lot } from '../../tenders';\n"),
    ).toEqual([]);
  });

  it('rejects deep imports from sub-folders and into shared libraries', async () => {
    expect(
      await problems(
        'src/tenders/dto/probe.ts',
        "import { parseAmount } from '../../common/money/money';\n",
      ),
    ).toHaveLength(1);
    expect(
      await problems(
        'src/tenders/dto/probe.ts',
        "import { parseAmount } from '../../common/money';\n",
      ),
    ).toEqual([]);
    expect(
      await problems(
        'src/common/outbox/probe.ts',
        "import { JobName } from '../jobs/job-catalogue';\n",
      ),
    ).toHaveLength(1);
    expect(
      await problems('src/app.probe.ts', "import { Tender } from './tenders/tender.entity';\n"),
    ).toHaveLength(1);
  });

  it('rejects a module importing its own face', async () => {
    expect(
      await problems('src/tenders/dto/probe.ts', "import { Tender } from '..';\n"),
    ).toHaveLength(1);
    expect(
      await problems('src/tenders/probe.ts', "import { Tender } from './index';\n"),
    ).toHaveLength(1);
  });

  it('lets imports go only down the layers', async () => {
    const up = await problems(
      'src/tenders/probe.ts',
      "import { FinanceModule } from '../finance';\n",
    );
    expect(up).toHaveLength(1);
    expect(up[0]).toContain('layers forbid');
    expect(
      await problems('src/common/outbox/probe.ts', "import { Tender } from '../../tenders';\n"),
    ).toHaveLength(1);
    expect(
      await problems(
        'src/partnerships/probe.ts',
        "import { NotificationsService } from '../notifications';\n",
      ),
    ).toHaveLength(1);
    expect(
      await problems('src/auth/probe.ts', "import { Organisation } from '../organisations';\n"),
    ).toEqual([]);
    expect(
      await problems('src/auth/cli/probe.ts', "import { AppDataSource } from '../../database';\n"),
    ).toEqual([]);
    expect(
      await problems('src/auth/probe.ts', "import { AppDataSource } from '../database';\n"),
    ).toHaveLength(1);
  });

  it('orders the modules as the README shows', () => {
    expect(boundaries.mayImport('documents', 'finance')).toBe(true);
    expect(boundaries.mayImport('finance', 'documents')).toBe(false);
    expect(boundaries.mayImport('schedule', 'tenders')).toBe(true);
    expect(boundaries.mayImport('tenders', 'schedule')).toBe(false);
    expect(boundaries.mayImport('web', 'tenders')).toBe(true);
    expect(boundaries.mayImport('tenders', 'web')).toBe(false);
  });
});

describe('module faces', () => {
  const faces = [
    ...[
      'config',
      'auth',
      'audit',
      'organisations',
      'partnerships',
      'notifications',
      'tenders',
      'schedule',
      'finance',
      'documents',
      'health',
      'database',
    ],
    ...[
      'dates',
      'db',
      'errors',
      'http',
      'identifiers',
      'jobs',
      'money',
      'outbox',
      'pagination',
      'polish-calendar',
      'redis',
    ].map((lib) => `common/${lib}`),
  ];

  /** Classes Nest builds: exported ones and every provider and controller of an exported Nest module. */
  function injectables(exported: Record<string, unknown>): [string, unknown][] {
    const out: [string, unknown][] = [];
    for (const [name, value] of Object.entries(exported)) {
      if (typeof value !== 'function') continue;
      out.push([name, value]);
      for (const key of ['providers', 'controllers']) {
        const listed = (Reflect.getMetadata(key, value) ?? []) as unknown[];
        for (const p of listed) {
          const cls = typeof p === 'function' ? p : (p as { useClass?: unknown }).useClass;
          if (typeof cls === 'function') out.push([`${name}>${cls.name}`, cls]);
        }
      }
    }
    return out;
  }

  /** Constructor parameters Nest could not resolve: a class decorated while a face it needs was half-loaded. */
  function unresolved(exported: Record<string, unknown>): string[] {
    const out: string[] = [];
    for (const [name, value] of injectables(exported)) {
      const params = Reflect.getMetadata('design:paramtypes', value as object) as
        unknown[] | undefined;
      if (!params) continue;
      const tokens = (Reflect.getMetadata('self:paramtypes', value as object) ?? []) as {
        index: number;
      }[];
      params.forEach((p, index) => {
        if ((p === undefined || p === Object) && !tokens.some((t) => t.index === index))
          out.push(`${name}[${index}]`);
      });
    }
    return out;
  }

  // Shared libraries import no module, so they cannot start a cycle: only modules need to come first.
  it.each(faces.filter((f) => !f.startsWith('common/')))(
    'loads %s first without leaving another face half-defined',
    (first) => {
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require('reflect-metadata');
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require(`./${first}`);
        const broken: string[] = [];
        for (const face of faces) {
          // eslint-disable-next-line @typescript-eslint/no-require-imports
          const exported = require(`./${face}`) as Record<string, unknown>;
          for (const [name, value] of Object.entries(exported))
            if (value === undefined) broken.push(`${face}.${name}`);
          broken.push(...unresolved(exported).map((n) => `${face}.${n}`));
        }
        expect(broken).toEqual([]);
      });
    },
  );
});

describe('build output', () => {
  it('compiles the product only: no tooling, fixtures or tests in dist/', () => {
    const configFile = path.join(root, 'tsconfig.build.json');
    const read = ts.readConfigFile(configFile, (f) => ts.sys.readFile(f));
    const files = ts
      .parseJsonConfigFileContent(read.config, ts.sys, root, undefined, configFile)
      .fileNames.map((f) => path.relative(root, f));
    expect(files).toEqual(
      expect.arrayContaining(['src/main.ts', 'src/worker.ts', 'src/database/run-migrations.ts']),
    );
    expect(
      files.filter(
        (f) => f.startsWith('src/tooling/') || f.endsWith('fixtures.ts') || f.endsWith('.spec.ts'),
      ),
    ).toEqual([]);
  });
});

describe("another module's tables (issue #9: no SQL on them)", () => {
  it('knows the owner of every table the migrations create', () => {
    const owners = tables.owners();
    expect(owners).toMatchObject({
      organisations: 'organisations',
      users: 'auth',
      deadlines: 'schedule',
      shares: 'tenders',
      contracts: 'finance',
      tender_tasks: 'responsibilities',
      web_sessions: 'web',
    });
  });

  it("finds a join of another module's table, in SQL only (not in comments)", () => {
    const sql = [
      'const q = `SELECT o.name FROM organisations o',
      '  JOIN lots l ON l.tender_id = $1`; // FROM shares',
      "const w = 'UPDATE deadlines SET status = 1';",
    ].join('\n');
    expect(tables.foreignUsesIn('finance/probe.ts', sql)).toEqual([
      expect.objectContaining({ table: 'organisations', owner: 'organisations' }),
      expect.objectContaining({ table: 'lots', owner: 'tenders' }),
      expect.objectContaining({ table: 'deadlines', owner: 'schedule' }),
    ]);
    expect(tables.foreignUsesIn('tenders/probe.ts', 'const q = `SELECT 1 FROM lots`;')).toEqual([]);
    expect(
      tables.foreignUsesIn('finance/probe.ts', 'const q = `SELECT 1 FROM ${organisationRows} o`;'),
    ).toEqual([]);
  });

  it.each(['app.module', 'worker.module'])(
    'the %s root lends every relation a lower module borrows',
    (root) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(`./${root}`);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { borrowRelation } = require('./common/db') as typeof import('./common/db');
      for (const name of ['contracts', 'taskVersions', 'financeRecords'] as const)
        expect(borrowRelation(name)).toMatch(/^\(+SELECT /);
    },
  );

  it('holds for every file of src/: no module writes SQL on a table another module owns', () => {
    expect(tables.foreignTableUses()).toEqual([]);
  });
});
