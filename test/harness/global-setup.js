'use strict';
/**
 * Jest global setup: runs once in the parent process before the workers start, so every worker
 * inherits the same N8N_USER_FOLDER (a temp dir, removed when jest exits), encryption key and
 * in-memory binary data mode. See env-defaults.js.
 */
const { applyHarnessEnv } = require('./env-defaults.js');

module.exports = async function globalSetup() {
	applyHarnessEnv();
};
