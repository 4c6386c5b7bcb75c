import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const REPO_ROOT = join(__dirname, '..', '..');
const DOMAIN_SOURCE = join(REPO_ROOT, 'libs', 'domain', 'src');

/**
 * What only the HTTP layer may say: a method and route (`'GET /complaints'`), a route template
 * (`/complaints/{id}`), or a status code in a message (`'answered 404'`). Dependency rules cannot
 * read strings, so this reads the domain's string literals.
 */
const HTTP_WORDS: [string, RegExp][] = [
  ['a method and route', /\b(GET|POST|PUT|PATCH|DELETE) \//],
  ['a route template', /\/[a-z-]+\/\{[a-zA-Z]+\}/],
  ['an HTTP status', /\b(HTTP|status|answers?|answered)\s+[1-5]\d\d\b|\b[45]\d\d (Bad Request|Unauthorized|Forbidden|Not Found|Conflict|Gone)\b/i],
];

function domainFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return domainFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** The kinds of HTTP wording found in the file's string literals (comments may explain the mapping). */
function httpNamesIn(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const found = new Set<string>();
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      for (const [name, pattern] of HTTP_WORDS) if (pattern.test(node.text)) found.add(name);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return [...found].sort();
}

describe('The domain', () => {
  const files = domainFiles(DOMAIN_SOURCE).map((file) => relative(REPO_ROOT, file).split('\\').join('/'));

  it('is read from its source', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('names no HTTP method, route or status in its strings', () => {
    const offenders = files
      .map((file) => ({ file, names: httpNamesIn(join(REPO_ROOT, file)) }))
      .filter(({ names }) => names.length > 0);
    expect(offenders).toEqual([]);
  });
});
