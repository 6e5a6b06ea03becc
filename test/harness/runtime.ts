import './env';

import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { BinaryDataService, InstanceSettings } from 'n8n-core';
// Not re-exported by n8n-core's index; the Container creates them when a node context needs them.
import { ScheduledTaskManager } from 'n8n-core/dist/execution-engine/scheduled-task-manager';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';
import { LoggerProxy } from 'n8n-workflow';

import { CapturingLogger } from './logging';

let ready: Promise<void> | undefined;

/**
 * One-time (per module registry: per jest test file, per process elsewhere) set-up of the n8n-core
 * services that `WorkflowExecute` and the node contexts fetch from the `@n8n/di` Container:
 * - `Logger` (what `this.logger`, `ErrorReporter` and n8n-core's internals log through) and
 *   `LoggerProxy` (n8n-workflow's): the capturing logger;
 * - `InstanceSettings`: real, in the temp N8N_USER_FOLDER, with the harness encryption key;
 * - `BinaryDataService`: real, initialised in the mode N8N_DEFAULT_BINARY_DATA_MODE gives
 *   ('default' from env-defaults.js: binary data kept in memory, base64 in the item).
 * - `SSHClientsManager` and `ScheduledTaskManager`: real, but their housekeeping intervals
 *   (n8n-core starts a 60 s one for SSH clients on the first node run) are unref'd, or neither
 *   jest nor a script could exit.
 * Everything else (ErrorReporter, ExecutionContextService, TriggersAndPollers, configs) is built
 * by the Container on demand from the environment, as in n8n.
 */
export async function ensureRuntime(): Promise<void> {
	ready ??= (async () => {
		const logger = new CapturingLogger();
		Container.set(Logger, logger as unknown as Logger);
		LoggerProxy.init(logger);
		Container.get(InstanceSettings);
		await Container.get(BinaryDataService).init();
		for (const service of [Container.get(SSHClientsManager), Container.get(ScheduledTaskManager)]) {
			const timers = service as unknown as Record<'cleanupTimer' | 'logInterval', NodeJS.Timeout | undefined>;
			timers.cleanupTimer?.unref();
			timers.logInterval?.unref();
		}
	})();
	return await ready;
}
