/**
 * Finding 6 of issue 12, as the attacker tries it: ten thousand malformed or random frames over a
 * real WebSocket, to a real web station over a real core with an encrypted store holding queued
 * work. Ten thousand nested arrays used to overflow the validator's stack outside the dispatcher's
 * `try`, and the bridge's unhandled rejection stopped the station. Afterwards the station must
 * still answer, every frame must have had exactly one answer, and nothing queued may be lost.
 *
 * The frames come from a seeded generator: FUZZ_SEED=<n> replays a run.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { OPERATION_NAMES } from '../../common/contract-names';
import { silentLogger } from '../../main/core/logger';
import { startWebStation, type WebStation } from '../../main/hosts/web/web-station';
import { openBadInputStation, type BadInputStation } from '../bad-input/bad-input-station';
import { exchangeLaunchLink, invoke, mustOpenBridge, type BrowserSession } from './bridge-client';

const FRAMES = 10_000;
const SEED = Number(process.env.FUZZ_SEED ?? 20_251_201);
/** Frames sent before waiting for their answers: enough to overlap, few enough to keep memory flat. */
const BATCH = 250;

/** mulberry32: small, seedable, good enough to pick frames. */
function seeded(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (below: number) => Math.floor(next() * below);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick };
}

interface Frame {
  kind: string;
  data: string | Buffer;
  binary: boolean;
  /** Invalid UTF-8 in a text frame: the WebSocket layer itself must close the connection (1007). */
  closesConnection: boolean;
}

const WEIRD_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '', 'id', 'kind', 'payload'];
const HUGE_NUMBERS = ['1e308', '-1e308', '1e999', '-1e999', '9007199254740993', '123456789012345678901234567890', '-0', '0.5', '-1', '1e-400'];

function frameGenerator(seed: number) {
  const random = seeded(seed);
  let id = 1;
  const nextId = () => id++;
  const nested = (depth: number, open: string, close: string) => `${open.repeat(depth)}${close.repeat(depth)}`;
  const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  const randomText = (length: number) => Array.from({ length }, () => String.fromCharCode(random.int(0x3000))).join('');

  const randomJson = (depth: number): unknown => {
    switch (depth > 4 ? random.int(5) : random.int(8)) {
      case 0:
        return null;
      case 1:
        return random.next() < 0.5;
      case 2:
        return random.pick([0, -1, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, random.next() * 1e6]);
      case 3:
        return randomText(random.int(40));
      case 4:
        return random.pick(OPERATION_NAMES);
      case 5:
        return Array.from({ length: random.int(6) }, () => randomJson(depth + 1));
      default: {
        const object: Record<string, unknown> = {};
        for (let i = random.int(6); i > 0; i -= 1)
          Object.defineProperty(object, random.pick([...WEIRD_KEYS, randomText(8)]), { value: randomJson(depth + 1), enumerable: true, writable: true, configurable: true });
        return object;
      }
    }
  };

  const manyValues = Array.from({ length: 120_000 }, () => '0').join(',');
  const text = (kind: string, data: string): Frame => ({ kind, data, binary: false, closesConnection: false });
  const invokeText = (kind: string, operation: string, payloadJson: string | undefined, frameId = String(nextId())) =>
    text(kind, `{"kind":"invoke","id":${frameId},"operation":${JSON.stringify(operation)}${payloadJson === undefined ? '' : `,"payload":${payloadJson}`}}`);

  const makers: Array<() => Frame> = [
    // The reported crash: deep nesting where the schema recurses (the pre-check reports are z.json()).
    () => invokeText('deep prechecks', 'verification:submit', `{"service":"face_liveness","files":{},"fields":{},"prechecks":${nested(1_000 + random.int(9_001), '[', ']')}}`),
    () => invokeText('deep payload', random.pick(OPERATION_NAMES), random.next() < 0.5 ? nested(10_000, '[', ']') : deepObject(5_000 + random.int(5_001))),
    () => text('deep frame', random.next() < 0.5 ? nested(10_000, '[', ']') : `{"kind":"invoke","id":${nextId()},"operation":"status:get","payload":{"x":${deepObject(10_000)}}}`),
    () => text('many values', `{"kind":"invoke","id":${nextId()},"operation":"history:search","payload":{"services":[${manyValues}]}}`),
    () =>
      random.next() < 0.5
        ? invokeText('huge id', 'status:get', undefined, random.pick(HUGE_NUMBERS))
        : invokeText('huge numbers', 'history:search', `{"from":${random.pick(HUGE_NUMBERS)},"to":${random.pick(HUGE_NUMBERS)}}`),
    () =>
      text(
        'wrong types',
        JSON.stringify({
          kind: random.pick(['invoke', 1, null, ['invoke'], { kind: 'invoke' }, 'subscribe']),
          id: random.pick([nextId(), '7', null, [1], { id: 1 }, true, -5, 1.5]),
          operation: random.pick([...OPERATION_NAMES, 42, null, ['status:get'], { name: 'status:get' }, true, 'x'.repeat(65)]),
          payload: random.pick([null, 0, 'string', [], true, { id: 1 }, ['a', 'b']]),
        }),
      ),
    // A real operation with a payload of the wrong shape: no schema may throw on it.
    () => invokeText('wrong payload', random.pick(OPERATION_NAMES), JSON.stringify(randomJson(0)) ?? 'null'),
    () => ({ kind: 'binary', data: Buffer.from(Array.from({ length: random.int(257) }, () => random.int(256))), binary: true, closesConnection: false }),
    () =>
      text(
        'prototype keys',
        `{"__proto__":{"polluted":1,"kind":"invoke"},"constructor":{"prototype":{"polluted":1}},"kind":"invoke","id":${nextId()},"operation":${JSON.stringify(
          random.pick(['settings:update', 'history:search', 'account:sign-in', 'audit:list', 'verification:submit']),
        )},"payload":{"__proto__":{"polluted":1,"language":"ar"},"constructor":{"prototype":{"polluted":1}},"prototype":{"polluted":1}}}`,
      ),
    () => text('random text', randomText(random.int(300))),
    () => {
      const valid = `{"kind":"invoke","id":${nextId()},"operation":"queue:list"}`;
      return text('truncated json', valid.slice(0, random.int(valid.length - 1)));
    },
    () => text('random json', JSON.stringify(randomJson(0)) ?? 'null'),
    // Ordinary traffic in between: it must keep being answered.
    () => invokeText('ordinary', random.pick(['status:get', 'queue:list', 'settings:get', 'app:info']), undefined),
  ];

  return (index: number): Frame => {
    // About one frame in a hundred is invalid UTF-8 in a text frame.
    if (index % 97 === 13) return { kind: 'invalid utf-8', data: Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0xff, 0xfe, 0x22, 0x7d]), binary: false, closesConnection: true };
    return random.pick(makers)();
  };
}

let station: BadInputStation;
let web: WebStation;
let origin: string;
let session: BrowserSession;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  const renderer = mkdtempSync(join(tmpdir(), 'station-fuzz-renderer-'));
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><head><script type="module" src="./assets/app.js"></script></head><div id="root"></div>');
  station = await openBadInputStation();
  await station.submitValid('queued-1.jpg');
  await station.submitValid('queued-2.jpg');
  web = await startWebStation({ core: station.core, rendererDir: renderer, port: 0, log: silentLogger });
  origin = `http://127.0.0.1:${web.port}`;
  session = await exchangeLaunchLink(web.url);
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await web?.close();
  await station?.close();
});

/** A bridge connection that counts the answers (results and protocol errors; events are not answers). */
async function answeringConnection() {
  const ws = await mustOpenBridge(origin, { headers: { origin, cookie: session.cookie }, pageSecret: session.pageSecret });
  const counter = { answers: 0, closedWith: null as number | null };
  ws.on('message', (data: Buffer) => {
    if ((JSON.parse(data.toString()) as { kind: string }).kind !== 'event') counter.answers += 1;
  });
  ws.on('close', (code) => (counter.closedWith = code));
  return { ws, counter };
}

const closed = (ws: WebSocket) => new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));

describe('the web station under ten thousand hostile frames (issue 12, finding 6)', () => {
  it(`answers every frame exactly once, keeps answering, and loses nothing queued (seed ${SEED})`, { timeout: 60_000 }, async () => {
    const queuedBefore = station.core
      .queue!.queue.list()
      .map((row) => row.id)
      .sort();
    expect(queuedBefore).toHaveLength(2);
    const next = frameGenerator(SEED);
    const main = await answeringConnection();
    const kinds = new Map<string, number>();
    let sent = 0;
    for (let index = 0; index < FRAMES; index += 1) {
      const frame = next(index);
      kinds.set(frame.kind, (kinds.get(frame.kind) ?? 0) + 1);
      if (frame.closesConnection) {
        // Sent on a connection of its own: the WebSocket layer drops it, as the protocol says.
        const victim = await answeringConnection();
        const code = closed(victim.ws);
        victim.ws.send(frame.data, { binary: false });
        expect(await code, 'invalid UTF-8 closes with 1007').toBe(1007);
        continue;
      }
      main.ws.send(frame.data, { binary: frame.binary });
      sent += 1;
      if (sent % BATCH === 0 || index === FRAMES - 1) {
        await expect.poll(() => main.counter.answers, { timeout: 15_000, message: `answers after ${sent} frames (last batch up to frame ${index}, ${frame.kind})` }).toBe(sent);
      }
      expect(main.counter.closedWith, `the bridge closed after frame ${index} (${frame.kind})`).toBeNull();
    }

    // Every kind of frame was really tried.
    expect([...kinds.keys()].sort()).toEqual(
      [
        'binary',
        'deep frame',
        'deep payload',
        'deep prechecks',
        'huge id',
        'huge numbers',
        'invalid utf-8',
        'many values',
        'ordinary',
        'prototype keys',
        'random json',
        'random text',
        'truncated json',
        'wrong payload',
        'wrong types',
      ].sort(),
    );
    // The same connection and a fresh one still get real answers.
    expect(await invoke(main.ws, 1_000_001, 'status:get')).toMatchObject({ result: { ok: true, value: { store: 'unlocked' } } });
    const fresh = await answeringConnection();
    expect(await invoke(fresh.ws, 1_000_002, 'status:get')).toMatchObject({ result: { ok: true } });
    // Nothing queued was lost or changed, and no prototype was polluted.
    expect(
      station.core
        .queue!.queue.list()
        .map((row) => row.id)
        .sort(),
    ).toEqual(queuedBefore);
    await station.expectQueuedIntact();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(unhandled).toEqual([]);
    main.ws.close();
    fresh.ws.close();
  });
});
