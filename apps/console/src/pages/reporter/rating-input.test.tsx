import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { type Rating, RatingInput } from './rating-input';

function Harness() {
  const [rating, setRating] = useState<Rating | null>(null);
  return (
    <>
      <RatingInput value={rating} onChange={setRating} />
      <output role="status">{rating ?? 'none'}</output>
    </>
  );
}

describe('The rating input', () => {
  it('is a named group of five radio buttons, each named by its number and words', () => {
    render(<Harness />);
    const group = screen.getByRole('group', { name: 'Kepuasan Anda' });
    const radios = screen.getAllByRole('radio');
    expect(group).toContainElement(radios[0]!);
    expect(radios.map((radio) => radio.getAttribute('value'))).toEqual(['1', '2', '3', '4', '5']);
    expect(screen.getByRole('radio', { name: '1 Sangat tidak puas' })).not.toBeChecked();
    expect(screen.getByRole('radio', { name: '5 Sangat puas' })).toBeInTheDocument();
  });

  it('chooses by tapping the words and moves with the arrow keys', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    await user.click(screen.getByText('Cukup'));
    expect(screen.getByRole('radio', { name: '3 Cukup' })).toBeChecked();
    expect(screen.getByRole('status')).toHaveTextContent('3');
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('radio', { name: '4 Puas' })).toBeChecked();
    expect(screen.getByRole('radio', { name: '3 Cukup' })).not.toBeChecked();
  });
});
