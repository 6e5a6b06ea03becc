/**
 * Cytomic Orion's IOC API (the vendor's page, seed 002, is its spec) and the alerts the trigger
 * reads. Paths are relative to the credential's API base URL (`…/api/v1/applications`), each as the
 * page's request section writes it (spec/orion/orion-spec.json). How the page's ambiguities were
 * decided: docs/orion-spec-decisions.md.
 */
import type { IDataObject } from 'n8n-workflow';

import { operations, requestFor, type ApiOperation, type CallArgs, type CallOptions } from '../../common/api-operation';
import type { OrionClient } from '../transport';

const TYPE = { iocType: 'path' } as const;

export const orion = operations('orion', {
	importIocs: { operationId: 'importIocs', method: 'POST', path: '/iocs/{iocType}', params: { ...TYPE, retrospective: 'query', body: 'body' } },
	deleteIocs: { operationId: 'deleteIocs', method: 'POST', path: '/iocs/{iocType}/eraser/', params: { ...TYPE, body: 'body' } },
	// A look-up: safe to send again.
	getIocsByAttributes: { operationId: 'listIocsByAttributes', method: 'POST', path: '/iocs/{iocType}/getter/', params: { ...TYPE, body: 'body' }, idempotent: true },
	// The page lists From, to and includeDeleted as body parameters of a GET: sent in the query.
	getIocsByDate: {
		operationId: 'listIocsByDate',
		method: 'GET',
		path: '/iocs/{iocType}',
		params: { ...TYPE, from: 'query', to: 'query', includeDeleted: 'query' },
	},
	retrospectiveSearch: {
		operationId: 'retrospectiveSearch',
		method: 'POST',
		path: '/iocs/{iocType}/retrospectivesearcher',
		params: { ...TYPE, body: 'body' },
	},
	getAlerts: {
		operationId: 'alerts',
		method: 'GET',
		path: '/alerts/{from}/{to}',
		params: { from: 'path', to: 'path', statuses: 'query', machineName: 'query', huntingrule: 'query', showExcluded: 'query' },
	},
});

/** Every Orion operation a node calls, for the contract tests against the vendor's page. */
export const ALL_OPERATIONS: ApiOperation[] = Object.values(orion);

/** Calls an operation and reads Orion's JSON answer. */
export async function callOrion<O extends ApiOperation, T = unknown>(client: OrionClient, operation: O, args?: CallArgs<O>, options?: CallOptions): Promise<T> {
	return await client.request<T>(requestFor(operation, args, options) as Parameters<OrionClient['request']>[0]);
}

/** Calls a write that must not be sent again blindly: a lost answer comes back as `unconfirmed`. */
export async function callOrionWrite<O extends ApiOperation>(client: OrionClient, operation: O, args?: CallArgs<O>) {
	return await client.write<IDataObject>(requestFor(operation, args) as Parameters<OrionClient['write']>[0]);
}
