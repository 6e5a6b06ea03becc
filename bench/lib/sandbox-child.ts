/**
 * The sandbox the benchmark talks to, in its own process so its CPU and memory never mix with a
 * contender's. Prints one JSON line `{url, clientId, clientSecret}` once it listens; the parent
 * drives it through the admin API (/_sandbox/reset, /config, /seed/indicators, /requests).
 *
 * The start config is the benchmark's base: `reset {config: true}` comes back to it.
 */
import { startSandbox } from '../../sandbox';

import { BASE_SANDBOX_CONFIG } from './config';

async function main(): Promise<void> {
	const sandbox = await startSandbox({ port: 0, host: '127.0.0.1', ...BASE_SANDBOX_CONFIG });
	process.stdout.write(`${JSON.stringify({ url: sandbox.url, ...sandbox.falcon })}\n`);
	const stop = () => {
		void sandbox.close().then(() => process.exit(0));
	};
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
	// The parent going away (crash, Ctrl+C) closes our stdin: leave with it.
	process.stdin.on('end', stop);
	process.stdin.on('error', stop);
	process.stdin.resume();
}

main().catch((error: unknown) => {
	process.stderr.write(`sandbox child failed: ${(error as Error).stack ?? String(error)}\n`);
	process.exit(1);
});
