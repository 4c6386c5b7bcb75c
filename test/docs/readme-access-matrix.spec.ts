import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { accessMatrixTable } from '../support/access-matrix-table';

describe('README', () => {
  it('shows the access matrix exactly as the code defines it', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    expect(readme).toContain(accessMatrixTable());
  });
});
