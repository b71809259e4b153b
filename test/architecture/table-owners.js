// @ts-check
/**
 * Who owns which table, and which SQL in `src/` names a table another module owns (issue #9: "a
 * module reads another module's data through that module's service or a query it exports, never
 * by SQL on its tables").
 *
 * A table's owner is the module whose entity maps it (`@Entity('name')`), or, for the tables
 * written without an entity, the module named in `UNMAPPED` below. A use is a `FROM`, `JOIN`,
 * `UPDATE`, `INTO` or `DELETE FROM` of the table in a string or template literal of a file under
 * `src/<module>/` (specs, migrations, the seed and the tooling not counted: they are the
 * composition, which may touch every table).
 *
 * Run `node test/architecture/table-owners.js` to list the uses across modules; `src/architecture.spec.ts`
 * fails when there is one. A module that needs another's columns in its own statement joins the
 * relation that module exports (`organisationRows`, `deadlineRows`, …), or, reading a later
 * module, the relation that module lends (`borrowRelation`, src/common/db/lent-relations.ts).
 */
const fs = require('node:fs');
const path = require('node:path');

const srcDir = path.join(__dirname, '..', '..', 'src');

/** Tables without an entity class, and the module that writes them. */
const UNMAPPED = {
  comments: 'comments',
  project_sheets: 'projects',
  project_sheet_partners: 'projects',
  project_sheet_interests: 'projects',
  tender_tasks: 'responsibilities',
  tender_task_files: 'responsibilities',
  stall_escalations: 'insights',
  weekly_digests: 'insights',
};

/**
 * The file whose SQL names other modules' tables by design:
 * the access policy's SQL form: the visibility rules decided by `decide()` written once as SQL
 * for every list query (issue #9: "the visibility rules the policy decides have their SQL form
 * next to the policy (one file)").
 */
const BY_DESIGN = new Set(['auth/access-policy-sql.ts']);

/** Composition folders and files that are not a module's product code. */
const SKIPPED_DIRS = new Set(['database', 'tooling']);

function walk(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts')) out.push(p);
  }
  return out;
}

function rel(p) {
  return path.relative(srcDir, p).split(path.sep).join('/');
}

/** The module a file of `src/` belongs to: `common/<lib>` for a library, `''` for the roots. */
function moduleOf(relPath) {
  const parts = relPath.split('/');
  if (parts.length === 1) return '';
  if (parts[0] === 'common') return `common/${parts[1]}`;
  return parts[0];
}

/** table → owning module. */
function owners() {
  const map = { ...UNMAPPED };
  for (const file of walk(srcDir)) {
    const text = fs.readFileSync(file, 'utf8');
    const re = /@Entity\(\s*(?:\{\s*name:\s*)?'([a-z_]+)'/g;
    let m;
    while ((m = re.exec(text))) map[m[1]] = moduleOf(rel(file));
  }
  return map;
}

/** The string and template literals of a TypeScript source, comments left out. */
function literals(text) {
  const out = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') {
      i = text.indexOf('\n', i);
      if (i === -1) break;
    } else if (c === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i + 2);
      if (i === -1) break;
      i += 2;
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      let s = '';
      while (j < text.length && text[j] !== c) {
        if (text[j] === '\\') {
          s += text[j + 1];
          j += 2;
          continue;
        }
        s += text[j];
        j++;
      }
      out.push({ text: s, line: text.slice(0, i).split('\n').length });
      i = j + 1;
    } else i++;
  }
  return out;
}

/**
 * Every use of a table in SQL by a module that does not own it:
 * `{ file, line, module, table, owner }`, sorted by file and line.
 */
function foreignTableUses() {
  const own = owners();
  const uses = [];
  for (const file of walk(srcDir)) uses.push(...foreignUsesIn(rel(file), fs.readFileSync(file, 'utf8'), own));
  return uses.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

/** The uses of other modules' tables in one file's text (`relPath` under `src/`). */
function foreignUsesIn(relPath, text, own = owners()) {
  const mod = moduleOf(relPath);
  if (!mod || SKIPPED_DIRS.has(mod) || BY_DESIGN.has(relPath) || relPath.includes('/cli/')) return [];
  const re = new RegExp(`\\b(?:FROM|JOIN|UPDATE|INTO)\\s+"?(${Object.keys(own).join('|')})"?(?![a-z_])`, 'gi');
  const uses = [];
  for (const lit of literals(text)) {
    let m;
    re.lastIndex = 0;
    while ((m = re.exec(lit.text))) {
      const table = m[1].toLowerCase();
      const owner = own[table];
      if (owner && owner !== mod) {
        const line = lit.line + lit.text.slice(0, m.index).split('\n').length - 1;
        uses.push({ file: relPath, line, module: mod, table, owner });
      }
    }
  }
  return uses;
}

module.exports = { owners, foreignTableUses, foreignUsesIn, moduleOf, BY_DESIGN, UNMAPPED };

if (require.main === module) {
  const uses = foreignTableUses();
  for (const u of uses) console.log(`${u.file}:${u.line}\t${u.table} (${u.owner})`);
  const byTable = {};
  for (const u of uses) byTable[u.table] = (byTable[u.table] ?? 0) + 1;
  console.log(`\n${uses.length} uses in ${new Set(uses.map((u) => u.file)).size} files`);
  console.log(Object.entries(byTable).sort((a, b) => b[1] - a[1]).map(([t, n]) => `${t} ${n}`).join(', '));
}
