/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }],
	},
	testTimeout: 60000,
	maxWorkers: 2,
	// The harness's global setup, then the folder for the secret scan's summaries (test/reliability/secret-scan/).
	// Every test file also holds each sandbox exchange against the API specs (test/contract/setup.ts).
	globalSetup: '<rootDir>/test/reliability/secret-scan/global-setup.js',
	globalTeardown: '<rootDir>/test/reliability/secret-scan/teardown.js',
	setupFilesAfterEnv: ['<rootDir>/test/reliability/secret-scan/setup.ts', '<rootDir>/test/contract/setup.ts'],
};
