/**
 * Calls a node's editor methods (loadOptions, listSearch) as n8n's editor does: a LoadOptionsContext
 * over the node, with the harness's credentials.
 */
import type { INodeListSearchResult, INodeParameters, INodePropertyOptions } from 'n8n-workflow';
import { LoadOptionsContext } from 'n8n-core';

import { createAdditionalData, nextExecutionId } from './additional-data';
import type { CredentialsInput } from './credential-store';
import { createRegistry, fullNodeTypeName } from './registry';
import { prepareWorkflow } from './run-workflow';
import { ensureRuntime } from './runtime';

export interface NodeMethodCall {
	/** The node type (`crowdStrikeFalconIoc` or its full name). */
	type: string;
	/** The name of the node's `methods.loadOptions` or `methods.listSearch` function. */
	method: string;
	/** The node's parameters while the user edits it. */
	parameters?: INodeParameters;
	credentials?: CredentialsInput;
	/** The parameter the method serves, as n8n's editor passes it (e.g. `parameters.action`). */
	path?: string;
}

async function contextFor(call: NodeMethodCall) {
	await ensureRuntime();
	const registry = createRegistry({});
	const type = fullNodeTypeName(call.type);
	const { workflow, credentialsHelper } = prepareWorkflow({
		nodes: [{ name: 'Node', type, parameters: call.parameters ?? {} }],
		connections: {},
		credentials: call.credentials ?? {},
		registry,
	});
	const node = workflow.getNode('Node');
	if (!node) throw new Error('the node was not created');
	const additionalData = createAdditionalData({
		credentialsHelper,
		executionId: nextExecutionId(),
		mode: 'internal',
		workflowData: {
			id: workflow.id,
			name: workflow.name ?? '',
			active: false,
			activeVersionId: null,
			isArchived: false,
			createdAt: new Date(),
			updatedAt: new Date(),
			nodes: [node],
			connections: {},
			settings: workflow.settings,
		},
	});
	const methods = registry.nodeTypes.getByNameAndVersion(type, 1).methods;
	return { methods, context: new LoadOptionsContext(workflow, node, additionalData, call.path ?? 'parameters') };
}

export async function runLoadOptions(call: NodeMethodCall): Promise<INodePropertyOptions[]> {
	const { methods, context } = await contextFor(call);
	const load = methods?.loadOptions?.[call.method];
	if (!load) throw new Error(`no loadOptions method ${call.method}`);
	return await load.call(context);
}

export async function runListSearch(call: NodeMethodCall & { filter?: string; paginationToken?: string }): Promise<INodeListSearchResult> {
	const { methods, context } = await contextFor(call);
	const search = methods?.listSearch?.[call.method];
	if (!search) throw new Error(`no listSearch method ${call.method}`);
	return await search.call(context, call.filter, call.paginationToken);
}
