import { MET, README_MARKERS, allOf, atLeast, atMost, describeVerdict, notMeasured, replaceBetweenMarkers, shareOf } from './goals';

describe('bench goal verdicts', () => {
  it('meets a floor at or above it and says how many times short a figure below it is', () => {
    expect(atLeast(50_000, 50_000)).toEqual(MET);
    expect(describeVerdict(atLeast(12_500, 50_000, ' events/s'))).toBe('short: 12,500 events/s, needs 4×');
    expect(describeVerdict(atLeast(0, 25, ' %'))).toBe('short: 0 %');
  });

  it('meets a limit at or under it and says how many times over a figure above it is', () => {
    expect(atMost(25, 25)).toEqual(MET);
    expect(describeVerdict(atMost(75, 25, ' ms'))).toBe('short: 75 ms, 3× the limit');
    expect(describeVerdict(atMost(3, 0, ' non-2xx'))).toBe('short: 3 non-2xx');
  });

  it('meets a goal of several conditions only when each is met, naming every shortfall', () => {
    expect(allOf(MET, MET)).toEqual(MET);
    expect(describeVerdict(allOf(atLeast(40, 25), atMost(50, 25, ' ms'), atMost(2, 0, ' non-2xx')))).toBe(
      'short: 50 ms, 2× the limit; 2 non-2xx',
    );
    expect(describeVerdict(allOf(atMost(50, 25), notMeasured('no read models')))).toBe('not measured: no read models');
  });

  it('states a figure as a share of its same-run reference', () => {
    expect(shareOf(3_832, 15_329, ' req/s')).toBe('25 % of 15,329 req/s');
  });
});

describe('README table replacement', () => {
  const { start, end } = README_MARKERS;

  it('replaces what lies between the markers and keeps everything around them', () => {
    const readme = `# Title\n\n${start}\nold table\n${end}\n\nAfter.\n`;
    expect(replaceBetweenMarkers(readme, 'new table')).toBe(`# Title\n\n${start}\nnew table\n${end}\n\nAfter.\n`);
  });

  it('gives the same README when run twice', () => {
    const once = replaceBetweenMarkers(`${start}${end}`, 'table');
    expect(replaceBetweenMarkers(once, 'table')).toBe(once);
  });

  it('refuses a README without both markers in order', () => {
    expect(() => replaceBetweenMarkers('no markers', 'table')).toThrow(/bench:start/);
    expect(() => replaceBetweenMarkers(`${end}\n${start}`, 'table')).toThrow(/bench:start/);
  });
});
