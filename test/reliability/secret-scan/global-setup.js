'use strict';
/**
 * Jest global setup: the harness's (test/harness/global-setup.js), then a fresh folder where each
 * test file's secret-scan summary lands (setup.ts), read by teardown.js.
 */
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const harnessSetup = require('../../harness/global-setup.js');

module.exports = async function globalSetup(globalConfig, projectConfig) {
	await harnessSetup(globalConfig, projectConfig);
	process.env.EDR_SOAR_SECRET_SCAN_DIR = mkdtempSync(join(tmpdir(), 'edr-soar-secret-scan-'));
};
