/**
 * What each n8n contender runs: our IOC node's parameters, and n8n's HTTP Request node configured
 * as a user would for the same job, plus the workflows for the real n8n.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { WorkflowJson } from '../../scripts/real-n8n/instance';
import { AFTER_CURSOR_PAGINATION } from './n8n-pagination';
import { CREATE_FIELDS, PAGE_SIZE, PATHS, SYNC_SOURCE, itemsCode, type Scenario } from './scenarios';
import { SYNC_FEED_ENTRY, SYNC_JOB_NODES, SYNC_LIST_ENTRY, SYNC_WRITE_NODES, syncTheN8nWay } from './sync-the-n8n-way';

export const OURS_NODE = 'Ours';
export const HTTP_NODE = 'HTTP Request';
export const ITEMS_NODE = 'Items';
/** n8n's Edit Fields (Set) node evaluating the same two expressions per item as our node: the engine's own cost. */
export const FLOOR_NODE = 'Expressions only';

export const CREDENTIAL_IDS = { ours: 'benchFalconCred01', http: 'benchCsOauthCred1' } as const;
export const OURS_CREDENTIAL_NAME = 'Falcon sandbox';
export const HTTP_CREDENTIAL_NAME = 'Falcon sandbox (CrowdStrike OAuth2 API)';

/**
 * Batching for the HTTP Request node: 100 items a second is exactly 6,000 a minute, the most a
 * user can ask for without 429s (n8n's own 429 message points to this option). Without it the node
 * sends every item's request at once.
 */
export const HTTP_BATCHING = { batch: { batchSize: 100, batchInterval: 1000 } };

/** Our CrowdStrike Falcon IOC node, every setting at its default except what the job needs. */
export function oursParameters(scenario: Scenario): INodeParameters {
	switch (scenario.id) {
		case 's1':
		case 's4':
		case 's5':
		case 's5m10':
		case 's5m50':
			return {
				resource: 'indicator',
				operation: 'create',
				type: '={{ $json.type }}',
				value: '={{ $json.value }}',
				action: CREATE_FIELDS.action,
				platforms: [...CREATE_FIELDS.platforms],
				severity: CREATE_FIELDS.severity,
				appliedGlobally: CREATE_FIELDS.applied_globally,
			};
		case 's2':
			return { resource: 'indicator', operation: 'getMany', returnAll: true };
		case 's3':
			return { resource: 'device', operation: 'count', type: '={{ $json.type }}', value: '={{ $json.value }}' };
		case 's6':
			return {
				resource: 'indicator',
				operation: 'sync',
				source: SYNC_SOURCE,
				type: '={{ $json.type }}',
				value: '={{ $json.value }}',
				action: CREATE_FIELDS.action,
				platforms: [...CREATE_FIELDS.platforms],
				severity: CREATE_FIELDS.severity,
				appliedGlobally: CREATE_FIELDS.applied_globally,
				missingFromFeed: 'delete',
			};
	}
}

/** n8n's HTTP Request node with the built-in "CrowdStrike OAuth2 API" credential. */
export function httpParameters(scenario: Scenario, apiUrl: string): INodeParameters {
	const auth = { authentication: 'predefinedCredentialType', nodeCredentialType: 'crowdStrikeOAuth2Api' };
	switch (scenario.id) {
		case 's6':
			throw new Error('scenario 6 is a workflow of several nodes in the n8n way (sync-the-n8n-way.ts)');
		case 's1':
		case 's4':
		case 's5':
		case 's5m10':
		case 's5m50': {
			const indicator = `{ type: $json.type, value: $json.value, action: '${CREATE_FIELDS.action}', severity: '${CREATE_FIELDS.severity}', platforms: ${JSON.stringify(CREATE_FIELDS.platforms).replace(/"/g, "'")}, applied_globally: true }`;
			return {
				method: 'POST',
				url: `${apiUrl}${PATHS.create}`,
				...auth,
				sendBody: true,
				specifyBody: 'json',
				jsonBody: `={{ JSON.stringify({ indicators: [${indicator}] }) }}`,
				options: { batching: HTTP_BATCHING },
			};
		}
		case 's2':
			// The Falcon docs' way past 10,000 results: the `after` cursor of the previous page.
			return {
				method: 'GET',
				url: `${apiUrl}${PATHS.combined}`,
				...auth,
				sendQuery: true,
				queryParameters: { parameters: [{ name: 'limit', value: String(PAGE_SIZE) }] },
				options: AFTER_CURSOR_PAGINATION,
			};
		case 's3':
			return {
				method: 'GET',
				url: `${apiUrl}${PATHS.deviceCount}`,
				...auth,
				sendQuery: true,
				queryParameters: {
					parameters: [
						{ name: 'type', value: '={{ $json.type }}' },
						{ name: 'value', value: '={{ $json.value }}' },
					],
				},
				// A 404 "No results found" is the API's answer for a hash no host saw (count 0): not an error.
				options: { batching: HTTP_BATCHING, response: { response: { neverError: true } } },
			};
	}
}

/** Whether an output item stands for a failed input item, whatever the contender. */
export function isFailedItem(json: IDataObject): boolean {
	if (json.error !== undefined) return true;
	// HTTP Request with "Never Error": the envelope itself; anything but a 404 "no results" is a failure.
	const errors = json.errors as Array<{ code?: number }> | null | undefined;
	return Array.isArray(errors) && errors.some((entry) => entry.code !== 404);
}

let uuid = 0;
const nodeId = () => `0b7f0a52-0000-4000-8000-${String(++uuid).padStart(12, '0')}`;

export type N8nContender = 'ours-n8n' | 'http' | 'floor-n8n';

const WORKFLOW_TAG: Record<N8nContender, string> = { 'ours-n8n': 'Ours', http: 'Http', 'floor-n8n': 'Floor' };

export function workflowId(contender: N8nContender, scenario: Scenario): string {
	return `bench${WORKFLOW_TAG[contender]}${scenario.id.toUpperCase()}wf01`;
}

export function nodeUnderTest(contender: N8nContender): string {
	return contender === 'http' ? HTTP_NODE : contender === 'floor-n8n' ? FLOOR_NODE : OURS_NODE;
}

/** (a) of scenario 6 is a workflow of several n8n nodes, not one HTTP Request (sync-the-n8n-way.ts). */
function isSyncTheN8nWay(contender: N8nContender, scenario: Scenario): boolean {
	return contender === 'http' && scenario.id === 's6';
}

/** The nodes whose executionTime adds up to the job, and those whose items are counted as failed or not. */
export function measuredNodes(contender: N8nContender, scenario: Scenario): { job: readonly string[]; results: readonly string[] } {
	if (isSyncTheN8nWay(contender, scenario)) return { job: SYNC_JOB_NODES, results: SYNC_WRITE_NODES };
	const node = nodeUnderTest(contender);
	return { job: [node], results: [node] };
}

function targetNode(contender: N8nContender, scenario: Scenario, apiUrl: string): IDataObject & { name: string } {
	switch (contender) {
		case 'http':
			return {
				name: HTTP_NODE,
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.5,
				parameters: httpParameters(scenario, apiUrl),
				credentials: { crowdStrikeOAuth2Api: { id: CREDENTIAL_IDS.http, name: HTTP_CREDENTIAL_NAME } },
			};
		case 'floor-n8n':
			return {
				name: FLOOR_NODE,
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				parameters: {
					assignments: {
						assignments: [
							{ id: 'f1', name: 'type', value: '={{ $json.type }}', type: 'string' },
							{ id: 'f2', name: 'value', value: '={{ $json.value }}', type: 'string' },
						],
					},
					options: {},
				},
			};
		case 'ours-n8n':
			return {
				name: OURS_NODE,
				type: 'n8n-nodes-edr-soar.crowdStrikeFalconIoc',
				typeVersion: 1,
				parameters: oursParameters(scenario),
				credentials: { crowdStrikeFalconApi: { id: CREDENTIAL_IDS.ours, name: OURS_CREDENTIAL_NAME } },
			};
	}
}

/** Manual Trigger → Items (a Code node making the input items) → the node under test (or, for (a) of scenario 6, its nodes). */
export function workflowFor(contender: N8nContender, scenario: Scenario, apiUrl: string): WorkflowJson {
	const nodes: IDataObject[] = [
		{ id: nodeId(), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
	];
	const connections: IDataObject = {};
	let previous = 'Start';
	if (scenario.items > 1) {
		nodes.push({
			id: nodeId(),
			name: ITEMS_NODE,
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [200, 0],
			parameters: { jsCode: itemsCode(scenario) },
		});
		connections[previous] = { main: [[{ node: ITEMS_NODE, type: 'main', index: 0 }]] };
		previous = ITEMS_NODE;
	}
	if (isSyncTheN8nWay(contender, scenario)) {
		const sync = syncTheN8nWay(apiUrl, { id: CREDENTIAL_IDS.http, name: HTTP_CREDENTIAL_NAME });
		sync.nodes.forEach((node, index) => nodes.push({ id: nodeId(), position: [400 + 200 * index, 0], ...node }));
		Object.assign(connections, sync.connections);
		connections[ITEMS_NODE] = { main: [[{ node: SYNC_FEED_ENTRY, type: 'main', index: 0 }]] };
		// The listing runs once, from the trigger's single item.
		connections.Start = { main: [[{ node: ITEMS_NODE, type: 'main', index: 0 }, { node: SYNC_LIST_ENTRY, type: 'main', index: 0 }]] };
	} else {
		const target = targetNode(contender, scenario, apiUrl);
		nodes.push({ id: nodeId(), position: [400, 0], onError: 'continueRegularOutput', ...target });
		connections[previous] = { main: [[{ node: target.name, type: 'main', index: 0 }]] };
	}
	return {
		id: workflowId(contender, scenario),
		name: `bench: ${contender} ${scenario.id}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes,
		connections: connections as WorkflowJson['connections'],
	};
}
