import { LoadOptionsContext } from 'n8n-core';
import { UserError, type INodeListSearchResult, type INodeParameters } from 'n8n-workflow';

import { createAdditionalData, nextExecutionId } from './additional-data';
import type { CredentialsInput } from './credential-store';
import { createRegistry, fullNodeTypeName } from './registry';
import { prepareWorkflow } from './run-workflow';
import { ensureRuntime } from './runtime';

export interface RunListSearchOptions {
	/** The node type (`crowdStrikeFalconIoc` or its full name). */
	type: string;
	/** The name of the node's `methods.listSearch` function. */
	method: string;
	/** The node's parameters while the user edits it. */
	parameters?: INodeParameters;
	/** The path of the resource locator being edited, as n8n's editor passes it. */
	path?: string;
	filter?: string;
	paginationToken?: string;
	credentials?: CredentialsInput;
}

/** Calls a node's list search method as n8n's editor does: a LoadOptionsContext over the node. */
export async function runListSearch(options: RunListSearchOptions): Promise<INodeListSearchResult> {
	await ensureRuntime();
	const registry = createRegistry({});
	const type = fullNodeTypeName(options.type);
	const { workflow, credentialsHelper } = prepareWorkflow({
		nodes: [{ name: 'Node', type, parameters: options.parameters ?? {} }],
		connections: {},
		credentials: options.credentials,
		registry,
	});
	const node = workflow.getNode('Node');
	if (!node) throw new UserError('The node was not created');
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
	const nodeType = registry.nodeTypes.getByNameAndVersion(type, 1);
	const search = nodeType.methods?.listSearch?.[options.method];
	if (!search) throw new UserError(`The node has no list search method ${options.method}`);
	const context = new LoadOptionsContext(workflow, node, additionalData, options.path ?? 'parameters.hostGroup');
	return await search.call(context, options.filter, options.paginationToken);
}
