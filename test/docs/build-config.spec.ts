import { resolve } from 'node:path';
import * as ts from 'typescript';

const ROOT = resolve(__dirname, '../..');

/** The files a tsconfig compiles, as tsc resolves its include and exclude (an extending config's exclude replaces its base's). */
function compiledBy(config: string): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(resolve(ROOT, config), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!parsed) throw new Error(`${config} cannot be read`);
  return parsed.fileNames.map((file) => file.slice(ROOT.length + 1));
}

describe('What the builds compile', () => {
  it('leaves the web console out of the API build and its type check: Vite builds it with its own settings', () => {
    for (const config of ['tsconfig.build.json', 'tsconfig.json']) {
      const files = compiledBy(config);
      expect(files.some((file) => file.startsWith('apps/api/'))).toBe(true);
      expect({ config, console: files.filter((file) => file.startsWith('apps/console/')) }).toEqual({ config, console: [] });
    }
  });

  it('type-checks the console with its own settings (JSX, the DOM)', () => {
    const files = compiledBy('apps/console/tsconfig.json');
    expect(files).toContain('apps/console/src/main.tsx');
  });
});
