/**
 * Server answers that are not what the API promises, through the real queue, client and drainer:
 * error pages, overload with Retry-After, bodies that are not JSON, task states nobody documented.
 * Each case ends with every verification accounted for.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openFaultStation, type FaultStation } from './fault-station';
import { accept, brokenJson, finished, json, page, running, startLoopbackProgeny, type LoopbackProgeny, type Step } from './loopback-progeny';

let server: LoopbackProgeny;
let station: FaultStation;
/** A station whose poller gives up after `pollDeadlineMs`; the server reads the time from its clock. */
function reopen(pollDeadlineMs: number) {
  station?.close();
  station = openFaultStation({ baseUrl: server.baseUrl, pollDeadlineMs });
}
beforeEach(async () => {
  server = await startLoopbackProgeny(() => station.now());
  reopen(20_000);
});
afterEach(async () => {
  station.close();
  await server.close();
});

const counts = () => ({ seen: (item: string) => server.seen.get(item) ?? 0, tasks: (item: string) => server.tasks.get(item) ?? 0 });
const POST = '/services/background_check/';
const batch = (label: string, n: number) => Array.from({ length: n }, (_, i) => station.enqueueCheck(`${label} Person${i}`));
const HOUR = 60 * 60_000;

describe('a POST answered with an error page', () => {
  it('HTML 500: the verification may exist on Progeny, so it waits for a person and is never sent again', async () => {
    server.script(POST, page(500, 'Internal Server Error'), accept);
    const ids = batch('Html', 3);
    await station.settle();
    const places = station.places(ids);
    expect(places['attention:uncertain']).toHaveLength(1);
    expect(places.done).toHaveLength(2);
    const uncertain = station.queue.get(places['attention:uncertain']![0]!)!;
    expect(uncertain).toMatchObject({ errorKind: 'server-error' });
    expect(uncertain.errorMessage).toMatch(/500 .*Internal Server Error/);
    station.advance(HOUR);
    await station.settle();
    station.expectAccountedFor(ids, counts(), ['done', 'attention:uncertain']);
  });

  it('502 with Retry-After on a POST: a gateway error may hide a created task, so no automatic resend', async () => {
    server.script(POST, page(502, 'Bad Gateway', { 'retry-after': '1' }), accept);
    const ids = batch('Gateway', 2);
    await station.settle();
    station.advance(HOUR);
    await station.settle();
    expect(Object.fromEntries(Object.entries(station.places(ids)).map(([place, list]) => [place, list.length]))).toEqual({ done: 1, 'attention:uncertain': 1 });
    station.expectAccountedFor(ids, counts(), ['done', 'attention:uncertain']);
  });
});

describe('a POST refused outright', () => {
  it('400 with field errors: waits for a person as "rejected", with the fields, never resent', async () => {
    server.script(POST, json(400, { birth_date: ['Date has wrong format. Use one of these formats instead: YYYY-MM-DD.'] }));
    const ids = batch('Refused', 1);
    await station.settle();
    expect(station.places(ids)).toEqual({ 'attention:rejected': ids });
    station.expectAccountedFor(ids, counts(), ['attention:rejected']);
  });

  // A refusal that certainly created no task must not send the operator looking for one.
  it.each<[string, Step, string]>([
    ['404 JSON (wrong path)', json(404, { detail: 'Not found.' }), 'attention:failed'],
    ['413 HTML from the proxy (too large)', page(413, 'Request Entity Too Large'), 'attention:failed'],
    ['403 JSON (no permission)', json(403, { detail: 'You do not have permission to perform this action.' }), 'attention:credentials'],
  ])('%s: a specific reason, not "uncertain"', async (_label, refusal, place) => {
    server.script(POST, refusal);
    const ids = batch('Certain', 1);
    await station.settle();
    station.advance(HOUR);
    await station.settle();
    station.expectAccountedFor(ids, counts(), [place]);
  });
});

describe('overload answers that promise the request was not processed', () => {
  it.each<[string, Step, number]>([
    ['HTML 503 with Retry-After: 7', page(503, 'Service Unavailable', { 'retry-after': '7' }), 7_000],
    ['JSON 503 with Retry-After: 8', json(503, { detail: 'Service temporarily unavailable, try again later.' }, { 'retry-after': '8' }), 8_000],
    ['429 with Retry-After: 9', json(429, { detail: 'Request was throttled. Expected available in 9 seconds.' }, { 'retry-after': '9' }), 9_000],
  ])('%s: retried automatically, never before the wait', async (_label, refusal, waitMs) => {
    server.script(POST, refusal, refusal, refusal, accept);
    const ids = batch('Busy', 3);
    await station.drainer.drainDue();
    expect(station.places(ids)).toEqual({ retry: ids });
    for (const id of ids) {
      const row = station.queue.get(id)!;
      const firstPost = server.seenAt.get(`Busy Person${ids.indexOf(id)}`)![0]!;
      expect(row.nextAttemptAt! - firstPost).toBeGreaterThanOrEqual(waitMs);
      expect(row.nextAttemptAt! - firstPost).toBeLessThan(waitMs + 2_000);
    }
    // Just short of the wait: nothing goes out.
    station.advance(waitMs - 1_500);
    expect(await station.drainer.drainDue()).toBe(0);
    expect([...server.seen.values()]).toEqual([1, 1, 1]);

    await station.settle();
    expect(station.places(ids)).toEqual({ done: ids });
    for (const times of server.seenAt.values()) expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(waitMs);
    station.expectAccountedFor(ids, counts(), ['done']);
  });
});

describe('a body that is not JSON', () => {
  it('on a 200 to a POST: accepted without a readable task id, so uncertain; the rest go through', async () => {
    server.script(POST, brokenJson(200), accept);
    const ids = batch('Broken', 3);
    await station.settle();
    const uncertain = station.places(ids)['attention:uncertain'] ?? [];
    expect(uncertain).toHaveLength(1);
    expect(station.queue.get(uncertain[0]!)).toMatchObject({ errorKind: 'invalid-response', errorMessage: expect.stringMatching(/not JSON/) });
    station.advance(HOUR);
    await station.settle();
    station.expectAccountedFor(ids, counts(), ['done', 'attention:uncertain']);
  });

  it('while polling (HTML 500, then broken JSON): polling goes on and the result arrives', async () => {
    server.script(POST, accept);
    server.script('/services/task/', page(500, 'Internal Server Error'), brokenJson(200), finished);
    const ids = batch('Polled', 1);
    await station.settle();
    expect(station.places(ids)).toEqual({ done: ids });
    expect(server.taskGets).toHaveLength(3);
    station.expectAccountedFor(ids, counts(), ['done']);
  });
});

describe('task polling', () => {
  it('502 with Retry-After while polling: the poller waits as asked, then collects the result', async () => {
    server.script(POST, accept);
    server.script('/services/task/', page(502, 'Bad Gateway', { 'retry-after': '1' }), finished);
    const ids = batch('Patient', 1);
    await station.settle();
    expect(station.places(ids)).toEqual({ done: ids });
    expect(server.taskGets[1]! - server.taskGets[0]!).toBeGreaterThanOrEqual(1_000);
    station.expectAccountedFor(ids, counts(), ['done']);
  });

  it('states nobody documented: polls on through them, and collects SUCCESS', async () => {
    server.script(POST, accept);
    server.script('/services/task/', running('PENDING'), running('RECEIVED'), running('QUEUED_AT_PARTNER'), finished);
    const ids = batch('Odd', 1);
    await station.settle();
    expect(station.places(ids)).toEqual({ done: ids });
    expect(server.taskGets).toHaveLength(4);
    station.expectAccountedFor(ids, counts(), ['done']);
  });

  it('a state that never ends: keeps polling until the deadline, then hands it to a person (never resent)', async () => {
    reopen(10_000);
    server.script(POST, accept);
    server.script('/services/task/', running('QUEUED_AT_PARTNER'));
    const ids = batch('Stuck', 2);
    await station.settle();
    expect(station.places(ids)).toEqual({ 'attention:deadline': ids });
    expect(server.taskGets.length).toBeGreaterThanOrEqual(2 * 3);
    expect(station.queue.get(ids[0]!)!.errorMessage).toMatch(/not finished this verification in time/);
    station.advance(HOUR);
    await station.settle();
    station.expectAccountedFor(ids, counts(), ['attention:deadline']);
    expect([...server.tasks.values()]).toEqual([1, 1]);
  });
});
