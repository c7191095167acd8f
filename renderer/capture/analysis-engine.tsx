import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { AnalysisEnvironment } from '../../common/analysis/precheck';

export type EngineState = { state: 'loading'; engine: null; error: null } | { state: 'ready'; engine: AnalysisEnvironment; error: null } | { state: 'failed'; engine: null; error: Error };

export type AnalysisEngine = EngineState & {
  /** Resolves with the engine once loaded (starting the load if needed); rejects if it failed. */
  whenReady: () => Promise<AnalysisEnvironment>;
};

/**
 * Loads the engine at most once, on first use: the face models and OCR data are large, and every
 * slot of the form (and every later form) shares the one instance for the page's lifetime.
 */
class EngineLoader {
  private snapshot: EngineState = { state: 'loading', engine: null, error: null };
  private promise: Promise<AnalysisEnvironment> | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly load: () => Promise<AnalysisEnvironment>) {}

  readonly whenReady = (): Promise<AnalysisEnvironment> => {
    this.promise ??= this.load().then(
      (engine) => {
        this.publish({ state: 'ready', engine, error: null });
        return engine;
      },
      (error: unknown) => {
        const failure = error instanceof Error ? error : new Error(String(error));
        this.publish({ state: 'failed', engine: null, error: failure });
        throw failure;
      },
    );
    return this.promise;
  };

  readonly getSnapshot = (): EngineState => this.snapshot;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private publish(next: EngineState): void {
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }
}

// Loaded on first use: the engine's code (Human, tesseract) stays out of the page's first bundle.
const loadBrowserEngine = async () => (await import('../analysis/browser-analysis')).createBrowserAnalysis(new URL('engine/', location.href).href);

let pageLoader: EngineLoader | null = null;
/** Without a provider every slot still shares one engine for the page. */
const sharedPageLoader = () => (pageLoader ??= new EngineLoader(loadBrowserEngine));

const EngineContext = createContext<EngineLoader | null>(null);

export function AnalysisEngineProvider({ load, children }: { load?: () => Promise<AnalysisEnvironment>; children: ReactNode }) {
  const [loader] = useState(() => (load ? new EngineLoader(load) : sharedPageLoader()));
  return <EngineContext.Provider value={loader}>{children}</EngineContext.Provider>;
}

export function useAnalysisEngine(): AnalysisEngine {
  const loader = useContext(EngineContext) ?? sharedPageLoader();
  useEffect(() => {
    // A failed load is reported through the state; nothing else awaits this call.
    loader.whenReady().catch(() => undefined);
  }, [loader]);
  const state = useSyncExternalStore(loader.subscribe, loader.getSnapshot);
  return { ...state, whenReady: loader.whenReady };
}
