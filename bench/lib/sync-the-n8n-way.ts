/**
 * Baseline (a) of scenario 6: a feed sync built the way an n8n user builds it today, from n8n's
 * own nodes. The feed gets the fields our node takes as parameters (Edit Fields), the existing
 * indicators of the source come from one HTTP Request with pagination (`after` cursor, 2,000 a
 * page), split into items and cut to the same fields plus `id`; Compare Datasets matches them on
 * type and value; then one HTTP Request per item creates what is only in the feed, updates what
 * differs and deletes what the feed no longer lists, each at 6,000 requests a minute (Batching).
 */
import type { IDataObject } from 'n8n-workflow';

import { AFTER_CURSOR_PAGINATION } from './n8n-pagination';
import { CREATE_FIELDS, PAGE_SIZE, PATHS, SYNC_SOURCE } from './scenarios';

/** The nodes whose executionTime adds up to the job (Manual Trigger and the Items Code node are set-up). */
export const SYNC_JOB_NODES = ['Feed fields', 'List existing', 'Split Out', 'Existing fields', 'Compare Datasets', 'Create', 'Update', 'Delete'] as const;
/** The nodes whose output items each stand for one change: failed items are counted there. */
export const SYNC_WRITE_NODES = ['Create', 'Update', 'Delete'] as const;
/** Where the workflow starts the feed branch (after the Items Code node). */
export const SYNC_FEED_ENTRY = 'Feed fields';
/** Where it starts the listing branch (after the Manual Trigger). */
export const SYNC_LIST_ENTRY = 'List existing';

/** n8n's HTTP Request node with the built-in "CrowdStrike OAuth2 API" credential. */
const AUTH = { authentication: 'predefinedCredentialType', nodeCredentialType: 'crowdStrikeOAuth2Api' };
/** 100 requests a second: 6,000 a minute, the most without 429s. */
const BATCHING = { batch: { batchSize: 100, batchInterval: 1000 } };
const MANAGED = ['action', 'severity', 'platforms', 'applied_globally'] as const;

/** Edit Fields (Set) in JSON mode: one expression per item builds the whole item (cheaper than one per field). */
function setNode(name: string, objectExpression: string): IDataObject {
	return {
		name,
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		parameters: { mode: 'raw', jsonOutput: `={{ ${objectExpression} }}`, options: {} },
	};
}

function httpNode(name: string, parameters: IDataObject, credentialId: string, credentialName: string): IDataObject {
	return {
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.5,
		parameters: { ...AUTH, ...parameters },
		credentials: { crowdStrikeOAuth2Api: { id: credentialId, name: credentialName } },
		onError: 'continueRegularOutput',
	};
}

const jsonBody = (indicator: string) => `={{ JSON.stringify({ indicators: [${indicator}] }) }}`;
const fromItem = (fields: readonly string[]) => fields.map((field) => `${field}: $json.${field}`).join(', ');

/** The nodes after the Items Code node, and how they connect (the caller adds positions and ids). */
export function syncTheN8nWay(apiUrl: string, credential: { id: string; name: string }): { nodes: IDataObject[]; connections: IDataObject } {
	const url = `${apiUrl}${PATHS.create}`;
	const nodes: IDataObject[] = [
		setNode(
			'Feed fields',
			`{ type: $json.type, value: $json.value, action: '${CREATE_FIELDS.action}', severity: '${CREATE_FIELDS.severity}', platforms: ${JSON.stringify(CREATE_FIELDS.platforms).replace(/"/g, "'")}, applied_globally: ${CREATE_FIELDS.applied_globally} }`,
		),
		httpNode(
			'List existing',
			{
				method: 'GET',
				url: `${apiUrl}${PATHS.combined}`,
				sendQuery: true,
				queryParameters: {
					parameters: [
						{ name: 'filter', value: `source:'${SYNC_SOURCE}'` },
						{ name: 'limit', value: String(PAGE_SIZE) },
					],
				},
				options: AFTER_CURSOR_PAGINATION,
			},
			credential.id,
			credential.name,
		),
		{ name: 'Split Out', type: 'n8n-nodes-base.splitOut', typeVersion: 1, parameters: { fieldToSplitOut: 'resources', options: {} } },
		setNode('Existing fields', `{ id: $json.id, type: $json.type, value: $json.value, ${fromItem(MANAGED)} }`),
		{
			name: 'Compare Datasets',
			type: 'n8n-nodes-base.compareDatasets',
			typeVersion: 2.3,
			parameters: {
				// Value first: it tells indicators apart at once (every type here is sha256), so each scan is as short as it gets.
				mergeByFields: { values: [{ field1: 'value', field2: 'value' }, { field1: 'type', field2: 'type' }] },
				// Differences: the feed's fields, with the existing indicator's id.
				resolve: 'mix',
				preferWhenMix: 'input1',
				exceptWhenMix: 'id',
				options: { skipFields: 'id' },
			},
		},
		httpNode(
			'Create',
			{
				method: 'POST',
				url,
				sendBody: true,
				specifyBody: 'json',
				jsonBody: jsonBody(`{ type: $json.type, value: $json.value, ${fromItem(MANAGED)}, source: '${SYNC_SOURCE}' }`),
				options: { batching: BATCHING },
			},
			credential.id,
			credential.name,
		),
		httpNode(
			'Update',
			{
				method: 'PATCH',
				url,
				sendBody: true,
				specifyBody: 'json',
				jsonBody: jsonBody(`{ id: $json.id, ${fromItem(MANAGED)} }`),
				options: { batching: BATCHING },
			},
			credential.id,
			credential.name,
		),
		httpNode(
			'Delete',
			{
				method: 'DELETE',
				url,
				sendQuery: true,
				queryParameters: { parameters: [{ name: 'ids', value: '={{ $json.id }}' }] },
				options: { batching: BATCHING },
			},
			credential.id,
			credential.name,
		),
	];
	const to = (node: string, index = 0) => ({ node, type: 'main', index });
	const connections: IDataObject = {
		'Feed fields': { main: [[to('Compare Datasets', 0)]] },
		'List existing': { main: [[to('Split Out')]] },
		'Split Out': { main: [[to('Existing fields')]] },
		'Existing fields': { main: [[to('Compare Datasets', 1)]] },
		// In A only → Create; Same → nothing; Different → Update; In B only → Delete.
		'Compare Datasets': { main: [[to('Create')], [], [to('Update')], [to('Delete')]] },
	};
	return { nodes, connections };
}
