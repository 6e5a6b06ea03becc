/**
 * Imported first by the harness's index.ts: outside jest (the demo script) nothing ran
 * global-setup.js, so the environment n8n-core reads is set here, before n8n-core is loaded.
 * Inside jest the variables are already set and this changes nothing.
 */
const { applyHarnessEnv } = require('./env-defaults.js') as { applyHarnessEnv: () => string };

export const harnessUserFolder: string = applyHarnessEnv();
