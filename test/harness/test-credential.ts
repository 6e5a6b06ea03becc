import './env';

import { Container } from '@n8n/di';
import { ErrorReporter, ExecuteContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestRequest,
	IExecuteData,
	INode,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
} from 'n8n-workflow';
import { Workflow, createRunExecutionData } from 'n8n-workflow';

import { createAdditionalData, nextExecutionId } from './additional-data';
import { CredentialStore } from './credential-store';
import { HarnessCredentialsHelper } from './credentials-helper';
import { NO_OP_NODE_TYPE } from './harness-nodes';
import { captureLogs } from './logging';
import { createRegistry, type RegistryExtras } from './registry';
import { ensureRuntime } from './runtime';

export interface TestCredentialOptions extends RegistryExtras {
	/** With a store: which credential to test (default: the store's first of `type`). */
	id?: string;
	name?: string;
}

/** lodash `get` for the dotted keys of `responseSuccessBody` rules. */
function getPath(value: unknown, path: string): unknown {
	return path
		.split('.')
		.reduce<unknown>((current, key) => (current as Record<string, unknown> | undefined)?.[key], value);
}

interface ErrorWithCause {
	message: string;
	cause?: { code?: string; response?: { status: number; statusText?: string } };
}

/**
 * The editor's "Test credential" button, mirroring n8n's CredentialsTester for credential types
 * with a `test` request: the data gets the type's defaults, then n8n-core's RoutingNode sends the
 * test request on a temporary `Temp-Node` (n8n-nodes-base.noOp, parameters.temp === '') through
 * `httpRequestWithAuthentication`, so `preAuthentication` runs as a credential test (forced),
 * `authenticate` applies, and a 401 refreshes once. Results are n8n's:
 * - success (and no `responseSuccessBody` rule matching): `{ status: 'OK', message: 'Connection successful!' }`;
 * - the API answered an error status: the `responseCode` rule's message, else the HTTP status text
 *   (`Unauthorized`), else `Received HTTP status code: <code>`;
 * - a network error: its code (`ECONNREFUSED`); anything else (preAuthentication threw…): the message.
 *
 * `data` is the credential's data (tested on a throw-away store), or a store holding it (then a
 * token preAuthentication fetches is persisted there, as n8n persists it to the saved credential).
 */
export async function testCredential(
	type: string,
	data: ICredentialDataDecryptedObject | CredentialStore,
	options: TestCredentialOptions = {},
): Promise<INodeCredentialTestResult> {
	await ensureRuntime();
	const registry = createRegistry(options);
	const credentialType = registry.credentialTypes.getByName(type);
	const testRequest: ICredentialTestRequest | undefined = credentialType.test;
	if (!testRequest) {
		return { status: 'Error', message: 'No testing function found for this credential.' };
	}

	let store: CredentialStore;
	let ref: { id: string; name: string };
	if (data instanceof CredentialStore) {
		store = data;
		const stored = options.id ? store.read({ id: options.id, name: '' }, type) : store.findByType(type);
		if (!stored) return { status: 'Error', message: `No credential of type "${type}" in the store` };
		ref = { id: stored.id, name: stored.name };
	} else {
		store = new CredentialStore();
		ref = store.add(type, data, { id: options.id, name: options.name });
	}
	const credentialsHelper = new HarnessCredentialsHelper(store, registry.credentialTypes);
	const credentialsDecrypted: ICredentialsDecrypted = { ...ref, type, data: store.getData(ref.id) };

	const noOp = registry.nodeTypes.getByNameAndVersion(NO_OP_NODE_TYPE);
	const node: INode = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: NO_OP_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		credentials: { [type]: ref },
	};
	const nodeTypeCopy: INodeType = {
		description: {
			...noOp.description,
			credentials: [{ name: type, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: testRequest.request },
					default: '',
				},
			],
		},
	};
	registry.nodeTypes.register(NO_OP_NODE_TYPE, nodeTypeCopy);
	// As in n8n, the Workflow fills the node's parameter defaults: parameters.temp becomes ''.
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: registry.nodeTypes });

	const additionalData = createAdditionalData({
		credentialsHelper,
		executionId: nextExecutionId(),
		mode: 'internal',
		workflowData: {
			id: 'credential-test',
			name: 'Credential test',
			active: false,
			activeVersionId: null,
			isArchived: false,
			createdAt: new Date(),
			updatedAt: new Date(),
			nodes: [node],
			connections: {},
		},
	});

	try {
		credentialsDecrypted.data = credentialsHelper.applyDefaultsAndOverwrites(
			additionalData,
			credentialsDecrypted.data ?? {},
			type,
			'internal',
		);
	} catch (error) {
		return { status: 'Error', message: String((error as Error).message) };
	}

	const executeData: IExecuteData = { node, data: {}, source: null };
	const executeFunctions = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		executeData,
		[],
	);
	const routingNode = new RoutingNode(executeFunctions, nodeTypeCopy, credentialsDecrypted);

	let response: INodeExecutionData[][] | null | undefined;
	try {
		({ result: response } = await captureLogs(async () => await routingNode.runNode()));
	} catch (caught) {
		Container.get(ErrorReporter).error(caught);
		const error = caught as ErrorWithCause;
		if (error.cause?.response) {
			const statusCode = error.cause.response.status;
			const statusMessage = error.cause.response.statusText;
			for (const rule of testRequest.rules ?? []) {
				if (rule.type === 'responseCode' && statusCode === rule.properties.value) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (statusCode < 199 || statusCode > 299) {
				return { status: 'Error', message: statusMessage || `Received HTTP status code: ${statusCode}` };
			}
		} else if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code };
		}
		return { status: 'Error', message: String(error.message) };
	}

	for (const rule of testRequest.rules ?? []) {
		if (rule.type === 'responseSuccessBody') {
			const responseData = response?.[0]?.[0]?.json;
			if (getPath(responseData, rule.properties.key) === rule.properties.value) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}
