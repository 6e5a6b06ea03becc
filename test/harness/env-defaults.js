'use strict';
/**
 * The environment n8n-core needs, set before it is loaded. Shared by jest's global setup
 * (global-setup.js) and by `env.ts`, which the harness imports first when it runs outside jest.
 * Plain CommonJS so both can require it without a transform.
 */
const { mkdirSync, mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

/** Fixed key for the throw-away user folder: n8n-core encrypts credentials with it. */
const HARNESS_ENCRYPTION_KEY = 'edr-soar-test-harness-encryption-key';

/**
 * Sets what is not set yet:
 * - N8N_USER_FOLDER: a fresh temp dir (n8n-core writes `.n8n/config` there on first use),
 *   removed when the process that created it exits;
 * - N8N_ENCRYPTION_KEY: a fixed key, only with a folder we created (an existing folder has its own);
 *   n8n's settings file (`.n8n/config`) is written up front with it, so parallel jest workers only
 *   read it and never race to create it;
 * - N8N_DEFAULT_BINARY_DATA_MODE=default: binary data stays in memory (base64 in the item).
 * Returns the user folder.
 */
function applyHarnessEnv(env = process.env) {
	if (!env.N8N_USER_FOLDER) {
		const folder = mkdtempSync(join(tmpdir(), 'n8n-harness-'));
		env.N8N_USER_FOLDER = folder;
		if (!env.N8N_ENCRYPTION_KEY) env.N8N_ENCRYPTION_KEY = HARNESS_ENCRYPTION_KEY;
		mkdirSync(join(folder, '.n8n'), { recursive: true });
		writeFileSync(join(folder, '.n8n', 'config'), JSON.stringify({ encryptionKey: env.N8N_ENCRYPTION_KEY }), {
			mode: 0o600,
		});
		process.once('exit', () => {
			try {
				rmSync(folder, { recursive: true, force: true });
			} catch {
				// best effort
			}
		});
	}
	if (!env.N8N_DEFAULT_BINARY_DATA_MODE) env.N8N_DEFAULT_BINARY_DATA_MODE = 'default';
	return env.N8N_USER_FOLDER;
}

module.exports = { applyHarnessEnv, HARNESS_ENCRYPTION_KEY };
