import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCORING_POLICIES } from '@lacak/domain';

/** The README prints the default scoring weights; they must be the ones the formula uses. */
describe('README', () => {
  it('shows the default monev scoring weights as the policy file holds them, summing to 100', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('Default weights (version'), readme.indexOf('A new version is a new entry'));
    const printed = Object.fromEntries([...section.matchAll(/^\| [^|]*\(`(\w+)`\) \| (\d+) \|$/gm)].map((row) => [row[1], Number(row[2])]));
    const policy = SCORING_POLICIES[SCORING_POLICIES.length - 1];
    expect(section).toContain(`version \`${policy.version}\``);
    expect(printed).toEqual(policy.weights);
    expect(Object.values(printed).reduce((sum, weight) => sum + weight, 0)).toBe(100);
  });
});
