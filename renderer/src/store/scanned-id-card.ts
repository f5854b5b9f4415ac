/**
 * A căn cước card scanned anywhere in the app, on its way to the reception form, which takes it (and so empties this)
 * as soon as it is shown. In memory only: the card's number, name and address are personal data.
 */
import { create } from 'zustand';
import type { IdCardReading } from '../../../shared/domain/id-card-qr';

interface ScannedIdCard {
  card: IdCardReading | null;
  put(card: IdCardReading): void;
  /** The card waiting, handed over once. */
  take(): IdCardReading | null;
}

export const useScannedIdCard = create<ScannedIdCard>((set, get) => ({
  card: null,
  put: (card) => set({ card }),
  take: () => {
    const { card } = get();
    if (card) set({ card: null });
    return card;
  },
}));
