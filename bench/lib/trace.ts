/**
 * One run of a scenario by an in-process contender, with the sandbox's request log laid out in time:
 * when each request arrived after the node started, how long the sandbox took, and the gap since the
 * answer before it (the client's own time between an answer and its next request).
 * `npx ts-node --transpile-only bench/lib/trace.ts s6 [ours-harness|plain] [--cpu-prof-dir=DIR]`
 */
import { runContenderChild } from './child';
import { startBenchSandbox } from './sandbox';
import { SCENARIOS, type ScenarioId } from './scenarios';

async function main(): Promise<void> {
	const [id = 's6', script = 'ours-harness'] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
	const cpuProfileDir = process.argv.find((arg) => arg.startsWith('--cpu-prof-dir='))?.split('=')[1];
	const scenario = SCENARIOS.find((entry) => entry.id === id);
	if (!scenario) throw new Error(`no scenario ${id}: ${SCENARIOS.map((entry) => entry.id).join(', ')}`);
	const sandbox = await startBenchSandbox();
	try {
		await sandbox.prepare(scenario);
		const result = await runContenderChild(script, { scenario: id as ScenarioId, sandbox }, { timeoutMs: 600_000, cpuProfileDir });
		const requests = await sandbox.requestLog();
		const start = result.startedAtMs ?? Date.parse(requests[0]?.at ?? '0');
		let previousEnd = 0;
		for (const request of requests) {
			const at = Date.parse(request.at) - start;
			const cells = [request.method.padEnd(6), request.path.padEnd(32), request.status, `at ${at.toFixed(0).padStart(6)} ms`, `took ${request.durationMs.toFixed(0).padStart(4)} ms`, `gap ${(at - previousEnd).toFixed(0).padStart(5)} ms`];
			process.stdout.write(`${cells.join('  ')}\n`);
			previousEnd = at + request.durationMs;
		}
		process.stdout.write(`${JSON.stringify({ wallMs: result.wallMs, outputItems: result.outputItems, failedItems: result.failedItems, error: result.error })}\n`);
	} finally {
		await sandbox.stop();
	}
}

main().catch((error: unknown) => {
	process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
	process.exit(1);
});
