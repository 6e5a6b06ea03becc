/**
 * Test harness: runs this package's nodes inside n8n-core's real WorkflowExecute, with a
 * credentials helper that mirrors n8n's over an in-memory credential store.
 * `./env` comes first: it sets the environment n8n-core reads before n8n-core is loaded.
 */
export { harnessUserFolder } from './env';

export { runNode, type RunNodeOptions, type RunNodeResult } from './run-node';
export {
	runWorkflow,
	assignCredentials,
	type RunWorkflowOptions,
	type WorkflowRunResult,
	type NodeRunResult,
	type WorkflowNodeInput,
} from './run-workflow';
export { runPoll, type RunPollOptions, type RunPollResult } from './run-poll';
export { runListSearch, type RunListSearchOptions } from './run-list-search';
export { testCredential, type TestCredentialOptions } from './test-credential';
export {
	CredentialStore,
	type StoredCredential,
	type CredentialUpdate,
	type CredentialsInput,
} from './credential-store';
export { HarnessCredentialsHelper } from './credentials-helper';
export { toBinary, binaryToBuffer, binaryToString, toExecutionData, type BinaryInput, type InputItem } from './binary';
export {
	createRegistry,
	fullNodeTypeName,
	listPackageNodeTypes,
	listPackageCredentialTypes,
	PACKAGE_NAME,
	HarnessNodeTypes,
	HarnessCredentialTypes,
	type Registry,
	type RegistryExtras,
	type NodeTypeInput,
	type CredentialTypeInput,
} from './registry';
export {
	HARNESS_INPUT_NODE_TYPE,
	MANUAL_TRIGGER_NODE_TYPE,
	NO_OP_NODE_TYPE,
	IF_NODE_TYPE,
} from './harness-nodes';
export { formatLogEntry, type LogEntry, type LogLevel } from './logging';
export { ensureRuntime } from './runtime';
