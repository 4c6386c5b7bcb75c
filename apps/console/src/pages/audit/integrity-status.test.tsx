import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { IntegrityStatus } from './integrity-status';

describe('The record integrity status', () => {
  it('says plainly that an intact record is intact', () => {
    render(<IntegrityStatus integrity={{ intact: true, faults: [] }} />);
    expect(screen.getByRole('status')).toHaveTextContent('Utuh');
    expect(screen.getByRole('status')).not.toHaveTextContent('Rusak');
  });

  it('says a broken record is broken and where, in words', () => {
    render(<IntegrityStatus integrity={{ intact: false, faults: [{ revision: '3', kind: 'content-changed' }, { revision: '4', kind: 'something-new' }] }} />);
    const status = screen.getByRole('status');
    expect(status).toHaveTextContent('Rusak');
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual(['revisi 3: isi peristiwa berubah', 'revisi 4: something-new']);
  });
});
