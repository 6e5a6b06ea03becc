import './env';

import { Container } from '@n8n/di';
import { ExecutionLifecycleHooks, ExternalSecretsProxy } from 'n8n-core';
import type {
	IDataObject,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import type { HarnessCredentialsHelper } from './credentials-helper';

/** Where n8n would listen; nothing listens there in tests. */
export const INSTANCE_BASE_URL = 'http://localhost:5678/';

let executionCounter = 0;

/** `harness-1`, `harness-2`, … unique per module registry. */
export function nextExecutionId(): string {
	executionCounter += 1;
	return `harness-${executionCounter}`;
}

export interface AdditionalDataOptions {
	credentialsHelper: HarnessCredentialsHelper;
	executionId: string;
	mode: WorkflowExecuteMode;
	workflowData: IWorkflowBase;
	/** `$vars` */
	variables?: IDataObject;
	/** Absolute deadline (ms since epoch) after which WorkflowExecute cancels the run. */
	executionTimeoutTimestamp?: number;
}

/**
 * What n8n's `WorkflowExecuteAdditionalData.getBase()` provides, for a local run: the credentials
 * helper, real execution lifecycle hooks (n8n-core's `ExecutionLifecycleHooks`; the caller adds
 * handlers), URLs, `$vars`, and the sub-workflow / task-runner entry points, which the harness
 * does not support and which therefore throw.
 */
export function createAdditionalData(options: AdditionalDataOptions): IWorkflowExecuteAdditionalData {
	const hooks = new ExecutionLifecycleHooks(options.mode, options.executionId, options.workflowData);
	return {
		credentialsHelper: options.credentialsHelper,
		hooks,
		externalSecretsProxy: Container.get(ExternalSecretsProxy),
		executionId: options.executionId,
		executeWorkflow: async () => {
			throw new UserError('executeWorkflow (sub-workflows) is not supported by the test harness');
		},
		getRunExecutionData: async () => undefined,
		startRunnerTask: async () => {
			throw new UserError('Task runners (Code node) are not supported by the test harness');
		},
		logAiEvent: () => {},
		currentNodeExecutionIndex: 0,
		currentNodeParameters: undefined,
		restApiUrl: `${INSTANCE_BASE_URL}rest`,
		instanceBaseUrl: INSTANCE_BASE_URL,
		formWaitingBaseUrl: `${INSTANCE_BASE_URL}form-waiting`,
		webhookBaseUrl: `${INSTANCE_BASE_URL}webhook`,
		webhookWaitingBaseUrl: `${INSTANCE_BASE_URL}webhook-waiting`,
		webhookTestBaseUrl: `${INSTANCE_BASE_URL}webhook-test`,
		variables: options.variables ?? {},
		userId: 'harness-user',
		executionTimeoutTimestamp: options.executionTimeoutTimestamp,
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
	};
}
