// @ts-check
/**
 * Module boundaries, enforced by ESLint's `no-restricted-imports` (see eslint.config.mjs and the
 * README section "Architecture: where things live, what may import what").
 *
 * An element is a folder `src/<module>` (or a library `src/common/<lib>`). Another element is
 * reached only through its public face `index.ts`; files inside an element import each other
 * directly, never through their own face. An element imports only elements of lower layers (the
 * core layer's three modules also import each other); the composition roots (`src/*.ts`,
 * `src/database`, `src/tooling`, command-line entry points `src/<module>/cli/`) wire everything,
 * still through the faces. A folder not listed below is a new module on top of the layers.
 */
const fs = require('node:fs');
const path = require('node:path');

/** Lowest first. */
const LAYERS = [
  ['config'],
  ['common'],
  ['auth', 'audit', 'organisations'],
  ['partnerships', 'notifications'],
  ['tenders'],
  ['schedule'],
  ['procedure'],
  ['finance'],
  ['responsibilities'],
  ['documents', 'health', 'insights'],
  ['interop'],
  ['operations'],
  ['comments'],
  ['projects'],
];
/** Layers whose modules may import each other (identity, audit trail and organisations refer to one another). */
const MUTUAL = new Set(['auth', 'audit', 'organisations']);
const COMPOSITION = ['database', 'tooling'];

const srcDir = path.join(__dirname, '..', '..', 'src');
const listed = LAYERS.flat();

function modules() {
  const found = fs
    .readdirSync(srcDir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
  return [...new Set([...listed, ...COMPOSITION, ...found])];
}

function layerOf(name) {
  const i = LAYERS.findIndex((l) => l.includes(name));
  return i === -1 ? LAYERS.length : i;
}

/** May code in module `from` import module `to` (through its face)? */
function mayImport(from, to) {
  if (from === to) return true;
  if (COMPOSITION.includes(from)) return true;
  if (COMPOSITION.includes(to)) return false;
  const a = layerOf(from);
  const b = layerOf(to);
  if (b < a) return true;
  return a === b && MUTUAL.has(from) && MUTUAL.has(to);
}

const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alt = (names) => names.map(esc).join('|');

/** The specifier of a module's own face, from inside it: '.', './index', '..', '../..', … */
const OWN_FACE = {
  regex: '^\\.{1,2}(/\\.\\.)*(/index)?/?$',
  message:
    "Inside a module import the file itself, not the module's own index.ts (it would load the module in a cycle).",
};

function deepInto(others) {
  return {
    regex: `^(\\.\\./)+(${alt(others)})/(?!index$).+`,
    message:
      'Import another module through its public face (`../<module>`, its index.ts); export what you need from that index.ts.',
  };
}
const DEEP_COMMON = {
  regex: '^(\\.\\./)+common/[^/]+/(?!index$).+',
  message: 'Import a shared library through its face (`../common/<lib>`, its index.ts).',
};
const COMMON_ROOT = {
  regex: '^(\\.\\./)+common(/index)?/?$',
  message: 'src/common has no face of its own: import the library (`../common/<lib>`).',
};

function forbiddenFaces(from, all) {
  const denied = all.filter((to) => to !== 'common' && !mayImport(from, to));
  if (denied.length === 0) return [];
  return [
    {
      regex: `^(\\.\\./)+(${alt(denied)})(/.*)?$`,
      message: `The layers forbid this direction: ${from} may import only ${all
        .filter((to) => to !== from && mayImport(from, to))
        .join(', ')} (see test/architecture/boundaries.js).`,
    },
  ];
}

/** ESLint flat-config blocks, one per element. */
function boundaryConfigs() {
  const all = modules();
  const blocks = [];
  for (const mod of all) {
    const others = all.filter((m) => m !== mod && m !== 'common');
    if (mod === 'common') continue;
    blocks.push({
      files: [`src/${mod}/**/*.ts`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              OWN_FACE,
              deepInto(others),
              DEEP_COMMON,
              COMMON_ROOT,
              ...forbiddenFaces(mod, all),
            ],
          },
        ],
      },
    });
  }
  // Command-line entry points are composition roots of their own.
  blocks.push({
    files: ['src/*/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            OWN_FACE,
            deepInto(all.filter((m) => m !== 'common')),
            DEEP_COMMON,
            COMMON_ROOT,
          ],
        },
      ],
    },
  });
  // Shared libraries: each src/common/<lib> is an element below every module.
  const libs = fs
    .readdirSync(path.join(srcDir, 'common'), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
  for (const lib of libs) {
    blocks.push({
      files: [`src/common/${lib}/**/*.ts`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              OWN_FACE,
              {
                regex: `^\\.\\./(?!${esc(lib)}/)(?!\\.\\.)[^/]+/(?!index$).+`,
                message:
                  'Import another shared library through its face (`../<lib>`, its index.ts).',
              },
              {
                regex: `^(\\.\\./){2,}(${alt(all.filter((m) => m !== 'common' && m !== 'config'))})(/.*)?$`,
                message:
                  'A shared library under src/common imports no module (only config and other libraries).',
              },
              {
                regex: '^(\\.\\./){2,}config/(?!index$).+',
                message: 'Import config through its face (`../../config`).',
              },
            ],
          },
        ],
      },
    });
  }
  // Composition roots: src/*.ts.
  blocks.push({
    files: ['src/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^\\./(${alt(all.filter((m) => m !== 'common'))})/(?!index$).+`,
              message: 'Import a module through its public face (`./<module>`).',
            },
            {
              regex: '^\\./common/[^/]+/(?!index$).+',
              message: 'Import a shared library through its face (`./common/<lib>`).',
            },
          ],
        },
      ],
    },
  });
  return blocks;
}

module.exports = { LAYERS, MUTUAL, COMPOSITION, mayImport, boundaryConfigs };
