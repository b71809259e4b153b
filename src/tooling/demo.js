#!/usr/bin/env node
/**
 * `npm run demo`. Plain JavaScript on purpose: it has to run before node_modules exists.
 * Installs the dependencies when they are missing (`npm ci`), then runs demo.ts through ts-node.
 */
'use strict';

const { existsSync } = require('node:fs');
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const nodeModules = path.join(root, 'node_modules');

const major = Number(process.versions.node.split('.')[0]);
if (major < 20) {
  console.error(`[demo] Node.js 20 or newer is needed; this is ${process.version}.`);
  process.exit(1);
}

function resolvable(name) {
  try {
    require.resolve(name, { paths: [root] });
    return true;
  } catch {
    return false;
  }
}

function npm(args) {
  // Under `npm run`, npm_execpath is the npm that runs us: use the same one.
  const cli = process.env.npm_execpath;
  if (cli && /npm-cli\.c?js$/.test(cli)) {
    return spawnSync(process.execPath, [cli, ...args], { cwd: root, stdio: 'inherit' });
  }
  const windows = process.platform === 'win32';
  return spawnSync(windows ? 'npm.cmd' : 'npm', args, {
    cwd: root,
    stdio: 'inherit',
    shell: windows,
  });
}

if (!existsSync(nodeModules) || !resolvable('ts-node') || !resolvable('typescript')) {
  const why = existsSync(nodeModules)
    ? 'node_modules is incomplete (no ts-node or typescript)'
    : 'node_modules is missing';
  console.log(`[demo] ${why}: installing the dependencies with \`npm ci\` …`);
  const result = npm(['ci', '--no-audit', '--no-fund']);
  if (result.status !== 0) {
    console.error(
      `[demo] \`npm ci\` failed${result.error ? `: ${result.error.message}` : ''} (see above). ` +
        'Fix the problem, then run `npm run demo` again.',
    );
    process.exit(result.status || 1);
  }
}

require(path.join(nodeModules, 'ts-node')).register({
  transpileOnly: true,
  project: path.join(root, 'tsconfig.json'),
});
require('./demo.ts');
