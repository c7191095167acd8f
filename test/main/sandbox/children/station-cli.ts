/** `station …` from the sources, for tests that need the real command in its own process. */
import { runCli } from '../../../../main/hosts/cli';

process.exitCode = await runCli(process.argv);
