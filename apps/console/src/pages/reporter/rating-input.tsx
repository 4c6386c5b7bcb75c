import { useId } from 'react';
import { useTranslation } from 'react-i18next';

export const RATINGS = [1, 2, 3, 4, 5] as const;
export type Rating = (typeof RATINGS)[number];

/**
 * Kepuasan 1 to 5 as a group of native radio buttons: arrow keys move between them, a screen reader
 * says "3 of 5" and the words for each, and each is a thumb-sized target on a phone.
 */
export function RatingInput({ value, onChange, name }: { value: Rating | null; onChange: (rating: Rating) => void; name?: string }) {
  const { t } = useTranslation('reporter');
  const generated = useId();
  const group = name ?? `rating-${generated}`;
  return (
    <fieldset className="field rating">
      <legend>{t('rate.legend')}</legend>
      <div className="rating-options">
        {RATINGS.map((rating) => (
          <label key={rating} className="rating-option">
            <input type="radio" name={group} value={rating} checked={value === rating} onChange={() => onChange(rating)} required />
            <span className="rating-number">{rating}</span>{' '}
            <span className="rating-words">{t(`rate.scale.${rating}`)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
