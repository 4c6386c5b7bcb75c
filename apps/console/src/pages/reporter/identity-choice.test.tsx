import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { type IdentityChoice, IdentityChoiceFields, NO_CONTACT, reporterOf } from './identity-choice';

function Harness({ initial }: { initial: IdentityChoice }) {
  const [choice, setChoice] = useState(initial);
  return (
    <>
      <IdentityChoiceFields value={choice} onChange={setChoice} />
      <pre data-testid="sent">{JSON.stringify(reporterOf(choice) ?? null)}</pre>
    </>
  );
}

const NORMAL: IdentityChoice = { anonymous: false, confidential: false, contact: NO_CONTACT };

describe('The anonim and rahasia choices', () => {
  it('says who sees the identity for each choice, and asks an anonim reporter for no contact details', async () => {
    const user = userEvent.setup();
    render(<Harness initial={NORMAL} />);
    const summary = screen.getByRole('status');
    expect(summary).toHaveTextContent('identitas Anda dapat dilihat oleh instansi yang menangani dan admin nasional. Isi laporan dapat ditampilkan kepada publik tanpa data pribadi Anda.');

    await user.click(screen.getByLabelText(/^Rahasia:/));
    expect(summary).toHaveTextContent('hanya admin nasional yang dapat melihat identitas Anda. Laporan tidak pernah ditampilkan kepada publik.');
    expect(screen.getByText(/Karena laporan ini rahasia, hanya admin nasional/)).toBeInTheDocument();
    await user.type(screen.getByLabelText('Nomor telepon'), '+62 812 3456 7890');
    expect(screen.getByTestId('sent')).toHaveTextContent('{"phone":"+62 812 3456 7890"}');

    await user.click(screen.getByLabelText(/^Anonim:/));
    // Both ticked: nobody sees who it is, and the complaint stays out of public view.
    expect(within(summary).getByText(/tidak ada yang dapat melihat identitas Anda\. Laporan tidak pernah ditampilkan/)).toBeInTheDocument();
    expect(screen.queryByLabelText('Nomor telepon')).not.toBeInTheDocument();
    expect(screen.queryByRole('group', { name: /Data kontak/ })).not.toBeInTheDocument();
    expect(screen.getByText(/Laporan anonim tidak meminta data kontak/)).toBeInTheDocument();
    // What was typed before is not sent with an anonim complaint.
    expect(screen.getByTestId('sent')).toHaveTextContent('null');
  });

  it('explains each choice where a screen reader announces it with the checkbox', () => {
    render(<Harness initial={NORMAL} />);
    expect(screen.getByRole('checkbox', { name: /^Anonim:/ })).toHaveAccessibleDescription(/termasuk instansi yang menangani dan admin nasional/);
    expect(screen.getByRole('checkbox', { name: /^Rahasia:/ })).toHaveAccessibleDescription(/hanya admin nasional yang dapat/);
  });

  it('sends only the contact fields filled in, trimmed', () => {
    expect(reporterOf({ ...NORMAL, contact: { ...NO_CONTACT, name: '  Siti  ', email: '' } })).toEqual({ name: 'Siti' });
    expect(reporterOf(NORMAL)).toBeUndefined();
  });
});
