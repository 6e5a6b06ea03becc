'use strict';
/**
 * Jest global teardown: the whole run's secret scan, from the summary each test file wrote
 * (setup.ts). Prints one line; a secret found anywhere fails the run here too (the test that
 * produced it has already failed).
 */
const { readdirSync, readFileSync, rmSync } = require('node:fs');
const { join } = require('node:path');

module.exports = async function globalTeardown() {
	const dir = process.env.EDR_SOAR_SECRET_SCAN_DIR;
	if (!dir) return;
	const summaries = [];
	try {
		for (const name of readdirSync(dir)) summaries.push(JSON.parse(readFileSync(join(dir, name), 'utf8')));
	} finally {
		rmSync(dir, { recursive: true, force: true });
		delete process.env.EDR_SOAR_SECRET_SCAN_DIR;
	}
	const total = (key) => summaries.reduce((sum, s) => sum + (s[key] || 0), 0);
	const findings = summaries.flatMap((s) => s.findings.map((f) => ({ ...f, file: s.file })));
	const mb = (total('bytesScanned') / 1e6).toFixed(1);
	console.log(
		`\nSecret scan: ${summaries.length} test files, ${total('runsScanned')} harness runs and console writes (${mb} MB) checked against ` +
			`client secrets, passwords and ${total('tokensIssued')} sandbox-issued tokens: ${findings.length === 0 ? 'no secret found' : `${findings.length} FOUND`}`,
	);
	if (findings.length > 0) {
		throw new Error(
			`Secrets showed in test output or logs:\n${findings.map((f) => `- ${f.file}: ${f.kind} ${f.masked} in ${f.where}: …${f.context}…`).join('\n')}`,
		);
	}
};
