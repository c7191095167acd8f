import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { VerifySessionProvider } from '../verify/verify-session';
import type { StationState, StationStore } from './store';

const StoreContext = createContext<StationStore | null>(null);

export function StoreProvider({ store, children }: { store: StationStore; children: ReactNode }) {
  // Shift handover: each signed-in session gets its own New verification draft; locking drops it,
  // so the next person never sees the last one's customer, images or override reason.
  const handovers = useStore(store, (s) => s.handovers);
  return (
    <StoreContext.Provider value={store}>
      <VerifySessionProvider key={handovers}>{children}</VerifySessionProvider>
    </StoreContext.Provider>
  );
}

/** Components read the store through selectors only, so they re-render for what they show. */
export function useStation<T>(selector: (state: StationState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useStation must be used inside <StoreProvider>');
  return useStore(store, selector);
}
