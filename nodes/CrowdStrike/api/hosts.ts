/** Hosts (FalconPy `Hosts`, gofalcon `hosts`): the fleet's devices, their online state, and the device actions. */
import type { IDataObject } from 'n8n-workflow';

import { chunk } from '../../common/concurrency';
import type { FalconClient, FalconEnvelope } from '../transport';
import { call, callWrite } from './call';
import { operations, type ApiOperation } from './operation';

const QUERY = { filter: 'query', limit: 'query', offset: 'query', sort: 'query' } as const;

export const hosts = operations('hosts', {
	/** deviceapi.DeviceResponse: device IDs; `offset` is a scroll cursor (a string, valid 2 minutes), no 10,000 window. */
	queryDevicesScroll: { operationId: 'QueryDevicesByFilterScroll', method: 'GET', path: '/devices/queries/devices-scroll/v1', params: QUERY },
	/** msa.QueryResponse: device IDs, paged by a numeric offset. */
	queryDevices: { operationId: 'QueryDevicesByFilter', method: 'GET', path: '/devices/queries/devices/v1', params: QUERY },
	/** msa.QueryResponse: the IDs of hidden devices (hidden hosts are in no other query). */
	queryHiddenDevices: { operationId: 'QueryHiddenDevices', method: 'GET', path: '/devices/queries/devices-hidden/v1', params: QUERY },
	/**
	 * deviceapi.DeviceDetailsResponseSwagger by msa.IdsRequest. Chosen over GetDeviceDetailsV2 (the
	 * same answer for IDs in the query, at most 100 of them): the body takes up to 5000 IDs, so a
	 * fleet is read in 50 times fewer requests, and no URL grows with the IDs. A look-up: safe to resend.
	 */
	deviceDetails: { operationId: 'PostDeviceDetailsV2', method: 'POST', path: '/devices/entities/devices/v2', params: { body: 'body' }, idempotent: true },
	/** state.OnlineStateRespV1: `{id, state: online|offline|unknown, last_seen}` per device. */
	onlineState: { operationId: 'GetOnlineState.V1', method: 'GET', path: '/devices/entities/online-state/v1', params: { ids: 'query' } },
	/**
	 * msa.ReplyAffectedEntities: `action_name` in the query, msa.EntityActionRequestV2 `{ids}` in the
	 * body. Not resent blindly: a lost answer is reconciled by reading the hosts' state.
	 */
	performAction: {
		operationId: 'PerformActionV2',
		method: 'POST',
		path: '/devices/entities/devices-actions/v2',
		params: { action_name: 'query', body: 'body' },
	},
});

/** The device actions a node takes (FalconPy `perform_action` allows these and the detection (un)suppress ones). */
export type DeviceAction = 'contain' | 'lift_containment' | 'hide_host' | 'unhide_host';

/** IDs per PostDeviceDetailsV2 request ("Supports up to a maximum 5000 IDs"). */
export const DEVICE_DETAILS_IDS_PER_REQUEST = 5000;
/** IDs per GetOnlineState.V1 request (PSFalcon batches at 100; the IDs travel in the URL). */
export const ONLINE_STATE_IDS_PER_REQUEST = 100;
/** IDs per PerformActionV2 request: 500 for containment, 100 to hide or unhide (PSFalcon's Invoke-FalconHostAction). */
export const DEVICE_ACTION_IDS_PER_REQUEST: Record<DeviceAction, number> = {
	contain: 500,
	lift_containment: 500,
	hide_host: 100,
	unhide_host: 100,
};
/** The largest page of QueryDevicesByFilter, QueryHiddenDevices and the scroll (FalconPy: [1-5000] for the first two). */
export const DEVICE_QUERY_PAGE = 5000;

/** A device query by filter: QueryDevicesByFilter, QueryHiddenDevices or the scroll. */
export type DeviceQueryOperation = ApiOperation & { params: typeof QUERY };

export interface DeviceQuery {
	filter?: string;
	sort?: string;
	limit?: number;
	offset?: number | string;
}

/** Device IDs matching a filter, one page (QueryDevicesByFilter, or QueryHiddenDevices for hidden hosts). */
export async function queryDeviceIds(client: FalconClient, query: DeviceQuery, hidden = false): Promise<FalconEnvelope<string>> {
	const operation: DeviceQueryOperation = hidden ? hosts.queryHiddenDevices : hosts.queryDevices;
	return await call<DeviceQueryOperation, string>(client, operation, { query: { ...query } });
}

/** Device records by ID, one request (at most DEVICE_DETAILS_IDS_PER_REQUEST). */
export async function getDeviceDetails(client: FalconClient, ids: string[]): Promise<FalconEnvelope> {
	return await call(client, hosts.deviceDetails, { body: { ids } }, { acceptStatus: [404] });
}

/** Device records of any number of IDs, 5000 per request; IDs the API does not know are left out. */
export async function getAllDeviceDetails(client: FalconClient, ids: string[]): Promise<IDataObject[]> {
	const records: IDataObject[] = [];
	for (const part of chunk(ids, DEVICE_DETAILS_IDS_PER_REQUEST)) records.push(...((await getDeviceDetails(client, part)).resources ?? []));
	return records;
}

/** Online state of at most ONLINE_STATE_IDS_PER_REQUEST devices. */
export async function getOnlineStates(client: FalconClient, ids: string[]): Promise<FalconEnvelope> {
	return await call(client, hosts.onlineState, { query: { ids } }, { acceptStatus: [400, 404] });
}

/**
 * One device action on at most DEVICE_ACTION_IDS_PER_REQUEST[action] hosts. The answer
 * (msa.ReplyAffectedEntities) names the accepted hosts in `resources` and the refused ones in
 * `errors`; a 400, 403 or 409 is read as such an answer, not thrown.
 */
export async function performDeviceAction(client: FalconClient, action: DeviceAction, ids: string[]) {
	return await callWrite(client, hosts.performAction, { query: { action_name: action }, body: { ids } }, { acceptStatus: [400, 403, 404, 409] });
}
