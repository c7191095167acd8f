/**
 * A whole station core whose training server cannot start (say, its models are missing), run in
 * its own process by training-start-fails.test.ts: if the queue spins on the failure, this process
 * stops answering and the parent sees it time out instead of hanging the test run.
 * Usage: node --import tsx training-start-fails.ts <dataDir>
 */
import { silentLogger } from '../../../main/core/logger';
import { createStationCore } from '../../../main/core/station-core';
import { passphraseWrapper } from '../../../main/core/store/keyring';
import { openStore } from '../../../main/core/store/open-store';
import { signedInSession } from '../../support/sign-in';

const dataDir = process.argv[2]!;
const core = signedInSession(
  createStationCore({
    dataDir,
    log: silentLogger,
    store: openStore(dataDir, passphraseWrapper('correct horse battery', { N: 2 ** 14, r: 8, p: 1 })),
    progeny: { startTraining: () => Promise.reject(new Error('the analysis models could not be loaded')) },
  }),
);
const submitted = await core.dispatch('verification:submit', { service: 'background_check', files: {}, fields: { fullname: 'Waiting Person', birth_date: '1990-01-01' } });
// Drain now, as a resolve or a reconnect does; a station that is still alive answers after a pause.
await new Promise((resolve) => setTimeout(resolve, 100));
core.queue!.wake();
await new Promise((resolve) => setTimeout(resolve, 500));
const queue = await core.dispatch('queue:list', undefined);
process.stdout.write(`${JSON.stringify({ submitted, queue })}\n`);
await core.close();
