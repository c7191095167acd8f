import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { StationState, StationStore } from './store';

const StoreContext = createContext<StationStore | null>(null);

export function StoreProvider({ store, children }: { store: StationStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

/** Components read the store through selectors only, so they re-render for what they show. */
export function useStation<T>(selector: (state: StationState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useStation must be used inside <StoreProvider>');
  return useStore(store, selector);
}
