/**
 * `npm run test:faults`: the long fault runs (test/**\/*.fault.ts), one at a time, with the same
 * set-up as `npm test` (harness environment, suite-wide secret scan).
 */
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
	...base,
	testMatch: ['**/*.fault.ts'],
	testTimeout: 600_000,
	maxWorkers: 1,
};
