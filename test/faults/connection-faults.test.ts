/**
 * Connections that break or go silent, through the real queue, client and drainer. What the
 * station may do next depends on one fact: could the server have read the whole request?
 */
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openFaultStation, type FaultStation } from './fault-station';
import { accept, finished, resetAfterBody, resetBeforeBody, signIn, stall, startLoopbackProgeny, type LoopbackProgeny } from './loopback-progeny';

let server: LoopbackProgeny;
let station: FaultStation;
beforeEach(async () => {
  server = await startLoopbackProgeny(() => station.now());
  station = openFaultStation({ baseUrl: server.baseUrl, responseTimeoutMs: 400 });
});
afterEach(async () => {
  station.close();
  await server.close();
});

const counts = () => ({ seen: (item: string) => server.seen.get(item) ?? 0, tasks: (item: string) => server.tasks.get(item) ?? 0 });
const HOUR = 60 * 60_000;

describe('a connection reset', () => {
  it('before the server read the body: certainly not delivered, so sent again automatically, once', async () => {
    // Far more than the loopback socket buffers hold: the upload cannot complete before the reset.
    const image = randomBytes(16 * 1024 * 1024);
    server.script('/services/face_liveness/', resetBeforeBody, accept);
    const ids = [station.enqueueImage('reset-early.jpg', image)];
    await station.drainer.drainDue();
    expect(station.places(ids)).toEqual({ retry: ids });
    expect(station.queue.get(ids[0]!)).toMatchObject({ errorKind: 'offline', errorMessage: expect.stringMatching(/connection to Progeny failed/) });
    await station.settle();
    expect(station.places(ids)).toEqual({ done: ids });
    expect(server.arrivals.get('/services/face_liveness/')).toBe(2);
    expect(server.seen.get('reset-early.jpg')).toBe(1);
    station.expectAccountedFor(ids, counts(), ['done']);
  });

  it('after the server read the body: uncertain, and never sent again automatically', async () => {
    server.script('/services/background_check/', resetAfterBody, accept);
    const ids = [station.enqueueCheck('Reset Late'), station.enqueueCheck('Reset Other')];
    await station.settle();
    station.advance(HOUR);
    await station.settle();
    const places = station.places(ids);
    expect(places['attention:uncertain']).toHaveLength(1);
    expect(places.done).toHaveLength(1);
    expect(station.queue.get(places['attention:uncertain']![0]!)).toMatchObject({ errorKind: 'offline' });
    expect([...server.seen.values()]).toEqual([1, 1]);
    station.expectAccountedFor(ids, counts(), ['done', 'attention:uncertain']);
  });
});

describe('a server that stops answering', () => {
  it('after a POST: the client deadline makes it uncertain, the verification is kept and not resent', async () => {
    server.script('/services/background_check/', stall, accept);
    const ids = [station.enqueueCheck('Stalled Post'), station.enqueueCheck('Stalled Other')];
    await station.settle();
    station.advance(HOUR);
    await station.settle();
    const places = station.places(ids);
    expect(places['attention:uncertain']).toHaveLength(1);
    expect(station.queue.get(places['attention:uncertain']![0]!)).toMatchObject({ errorKind: 'timeout', errorMessage: expect.stringMatching(/did not answer in time/) });
    station.expectAccountedFor(ids, counts(), ['done', 'attention:uncertain']);
  });

  it('while polling: the poll times out, polling goes on, the result is collected', async () => {
    server.script('/services/background_check/', accept);
    server.script('/services/task/', stall, stall, finished);
    const ids = [station.enqueueCheck('Stalled Poll')];
    await station.settle();
    expect(station.places(ids)).toEqual({ done: ids });
    expect(server.arrivals.get('/services/task/')).toBe(3);
    station.expectAccountedFor(ids, counts(), ['done']);
  });

  it('while signing in: nothing was sent, so the verification waits, is retried and goes out once', async () => {
    server.script('/accounts/token/obtain/', stall, signIn);
    server.script('/services/background_check/', accept);
    const ids = [station.enqueueCheck('Stalled Sign-in')];
    await station.drainer.drainDue();
    expect(station.places(ids)).toEqual({ retry: ids });
    expect(station.drainer.paused).toBe('offline');
    expect(server.arrivals.get('/services/background_check/')).toBeUndefined();
    await station.settle();
    expect(station.places(ids)).toEqual({ done: ids });
    station.expectAccountedFor(ids, counts(), ['done']);
  });
});
