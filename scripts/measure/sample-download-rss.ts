/**
 * How much memory Sample Download costs: the Quick Scan node inside n8n's WorkflowExecute
 * downloads one sample of SAMPLE_MB (default 300) MB from the sandbox, with Max Size raised above
 * it; the process's RSS is sampled every 20 ms. Prints the RSS before, the peak, and the peak's
 * growth as a multiple of the file. Not a test: figures depend on the machine.
 *
 *   npx ts-node --transpile-only scripts/measure/sample-download-rss.ts
 */
import { startSandbox } from '../../sandbox';
import { CredentialStore, runNode } from '../../test/harness';

const SAMPLE_MB = Number(process.env.SAMPLE_MB ?? 300);
const MB = 1024 * 1024;

async function main() {
	const sandbox = await startSandbox({ badTokenRateLimitPerMinute: 0 });
	sandbox.config.maxSampleBytes = (SAMPLE_MB + 1) * MB;
	const sample = sandbox.state.samples.put(Buffer.alloc(SAMPLE_MB * MB, 0x5a), { file_name: 'big.bin', is_confidential: true, uploaded_by: 'measure' }, Date.now());
	const credentials = new CredentialStore({
		crowdStrikeFalconApi: { cloud: 'custom', customBaseUrl: sandbox.url, clientId: sandbox.falcon.clientId, clientSecret: sandbox.falcon.clientSecret },
	});
	// Warm up (n8n's runtime, the token), so the baseline holds them.
	await runNode({ type: 'crowdStrikeFalconQuickScan', parameters: { resource: 'sample', operation: 'download', sha256: 'a'.repeat(64) }, credentials, continueOnFail: true });
	global.gc?.();
	const before = process.memoryUsage().rss;
	let peak = before;
	const sampler = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage().rss);
	}, 20);
	const startedAt = Date.now();
	const result = await runNode({
		type: 'crowdStrikeFalconQuickScan',
		parameters: { resource: 'sample', operation: 'download', sha256: sample.sha256, passwordProtected: false, options: { maxSizeMb: SAMPLE_MB + 10 } },
		credentials,
	});
	clearInterval(sampler);
	peak = Math.max(peak, process.memoryUsage().rss);
	if (result.error) throw result.error;
	const size = Number(result.items[0].json.size);
	const grown = peak - before;
	process.stdout.write(
		`sample ${(size / MB).toFixed(0)} MB in ${((Date.now() - startedAt) / 1000).toFixed(1)} s: RSS before ${(before / MB).toFixed(0)} MB, peak ${(peak / MB).toFixed(0)} MB, ` +
			`growth ${(grown / MB).toFixed(0)} MB = ${(grown / size).toFixed(2)}× the file (the sandbox in the same process holds the file once)\n`,
	);
	await sandbox.close();
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
