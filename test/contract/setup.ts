/**
 * Jest `setupFilesAfterEnv`: every request any test of this file sends to a sandbox, and every
 * answer a sandbox gives, is held against the published specs (spec/falcon, spec/orion). A
 * violation fails the test during which it happened (afterEach); one that comes after the last
 * test fails the file (afterAll). docs/contract-tests.md says what is checked and how a test that
 * sends invalid requests on purpose says so.
 *
 * With EDR_SOAR_CONTRACT_REPORT_DIR set, each file also writes a summary there (what was checked,
 * what was exempt and why, every finding).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { onExchange } from '../../sandbox/core/exchange';
import { contractState, endTestScopes, formatFindings, recordExchange } from './recorder';

const stop = onExchange((x) => {
	recordExchange(x);
});

function failPending(when: string): void {
	const state = contractState();
	if (state.pending.length === 0) return;
	const found = state.pending.splice(0);
	throw new Error(
		`The API contract was broken ${when} (spec/falcon/falcon-spec.json, spec/orion/orion-spec.json; see docs/contract-tests.md):\n${formatFindings(found)}`,
	);
}

afterEach(() => {
	endTestScopes();
	failPending('during this test');
});

afterAll(() => {
	stop();
	const state = contractState();
	const dir = process.env.EDR_SOAR_CONTRACT_REPORT_DIR;
	if (dir) {
		const file = expect.getState().testPath ?? 'unknown';
		try {
			fs.mkdirSync(dir, { recursive: true });
			fs.writeFileSync(
				path.join(dir, `${path.basename(file).replace(/\W+/g, '_')}-${process.pid}-${Date.now()}.json`),
				JSON.stringify(
					{
						file: path.relative(process.cwd(), file),
						exchanges: state.exchanges,
						requestsChecked: state.requestsChecked,
						requestsExempt: state.requestsExempt,
						responsesChecked: state.responsesChecked,
						exemptions: Object.fromEntries(state.exemptions),
						findings: state.all,
					},
					null,
					1,
				),
			);
		} catch {
			// The report is a convenience; the checks above are what count.
		}
	}
	failPending('after the last test of this file');
});
