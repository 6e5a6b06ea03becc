/**
 * The main job (`npm start`): runs the example workflows through n8n's workflow engine with this
 * package's nodes, against the embedded sandbox, or against a real Falcon tenant when
 * FALCON_CLIENT_ID and FALCON_CLIENT_SECRET are set (read-only unless FALCON_ALLOW_WRITES=1).
 */
import { CredentialStore, runWorkflow } from '../../test/harness';
import { availableDemos } from './demos';
import { chooseTarget } from './target';
import { readOnly, readWorkflow } from './workflow-file';

async function main(): Promise<number> {
	const target = await chooseTarget(process.env);
	console.log(`EDR SOAR nodes for n8n: running the example workflows on ${target.describe}\n`);
	// One store for every run, as n8n keeps credentials (and their tokens) in its database.
	const credentials = new CredentialStore(target.credentials);
	let failures = 0;
	try {
		for (const demo of availableDemos()) {
			const workflow = readWorkflow(demo.file);
			const missing = credentialTypes(workflow).filter((type) => !(type in target.credentials));
			if (missing.length > 0) {
				console.log(`▶ ${demo.title}\n  skipped: set up ${missing.join(', ')} to run it\n`);
				continue;
			}
			const started = new Date();
			const outcome = demo.start
				? await demo.start(target, credentials, workflow)
				: { run: await runWorkflow({ ...(target.writes ? workflow : readOnly(workflow)), credentials, name: workflow.name }) };
			if ('skipped' in outcome) {
				console.log(`▶ ${demo.title}\n  skipped: ${outcome.skipped}\n`);
				continue;
			}
			const { run } = outcome;
			const seconds = ((Date.now() - started.getTime()) / 1000).toFixed(2);
			console.log(`▶ ${demo.title}\n  examples/${demo.file}: ${run.status} in ${seconds} s\n`);
			console.log(indent(demo.summarize(run, started, target.writes)));
			if (run.status !== 'success') {
				failures++;
				console.log(`\n  The workflow failed: ${run.error?.message ?? 'unknown error'}`);
			}
			console.log('');
		}
		if (target.sandbox) {
			const apiCalls = target.sandbox.requests.filter((request) => !request.path.startsWith('/_sandbox'));
			const tokenCalls = apiCalls.filter((request) => request.path.endsWith('/token')).length;
			console.log(`The sandbox answered ${apiCalls.length} API requests, ${tokenCalls} of them token requests.`);
			console.log('Run `npm run sandbox` to keep it running and build your own workflows against it.');
		}
	} finally {
		await target.close();
	}
	return failures === 0 ? 0 : 1;
}

function credentialTypes(workflow: ReturnType<typeof readWorkflow>): string[] {
	return [...new Set(workflow.nodes.flatMap((node) => Object.keys(node.credentials ?? {})))];
}

function indent(text: string): string {
	return text
		.split('\n')
		.map((line) => `  ${line}`)
		.join('\n');
}

main().then(
	(code) => process.exit(code),
	(error: Error) => {
		console.error(`The main job failed: ${error.message}`);
		process.exit(1);
	},
);
