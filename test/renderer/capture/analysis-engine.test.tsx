import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { AnalysisEngineProvider, useAnalysisEngine } from '../../../renderer/capture/analysis-engine';
import { fakeEngine } from './slot-harness';

function EngineState({ name }: { name: string }) {
  const { state, error } = useAnalysisEngine();
  return <p>{`${name}: ${state}${error ? ` (${error.message})` : ''}`}</p>;
}

describe('AnalysisEngineProvider', () => {
  it('loads the engine once, on first use, for every slot below it', async () => {
    const engine = fakeEngine();
    let finish = (_value: typeof engine) => {};
    const load = vi.fn(() => new Promise<typeof engine>((resolve) => (finish = resolve)));
    render(
      <AnalysisEngineProvider load={load}>
        <EngineState name="selfie" />
        <EngineState name="passport" />
      </AnalysisEngineProvider>,
    );
    expect(screen.getByText('selfie: loading')).toBeInTheDocument();
    finish(engine);
    expect(await screen.findByText('selfie: ready')).toBeInTheDocument();
    expect(screen.getByText('passport: ready')).toBeInTheDocument();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('reports a failed load with its reason', async () => {
    render(
      <AnalysisEngineProvider load={() => Promise.reject(new Error('face models failed to load: faceres'))}>
        <EngineState name="selfie" />
      </AnalysisEngineProvider>,
    );
    expect(await screen.findByText('selfie: failed (face models failed to load: faceres)')).toBeInTheDocument();
  });
});
