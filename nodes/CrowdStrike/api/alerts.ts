/**
 * Alerts, v2 (FalconPy `Alerts`, gofalcon `alerts`). The swagger gofalcon is generated from names
 * three of these operations differently from FalconPy: GetV2 is FalconPy's PostEntitiesAlertsV2,
 * UpdateV3 its PatchEntitiesAlertsV3 and GetAggregateV2 its PostAggregatesAlertsV2 (same method,
 * path and body). The table carries the swagger's names, as the contract tests read them.
 */
import type { IDataObject } from 'n8n-workflow';

import type { FalconClient, FalconEnvelope } from '../transport';
import { call, callWrite } from './call';
import { operations } from './operation';

export const alerts = operations('alerts', {
	/**
	 * detectsapi.PostCombinedAlertsV1ResponseSwagger (whole detects.Alert records) for
	 * detectsapi.PostCombinedAlertsV1RequestSwagger `{filter, sort, limit, after}` in the body: the
	 * `after` cursor (meta.pagination.after) goes past 10,000 alerts. A search: safe to resend.
	 */
	combined: { operationId: 'PostCombinedAlertsV1', method: 'POST', path: '/alerts/combined/alerts/v1', params: { body: 'body' }, idempotent: true },
	/** detectsapi.PostEntitiesAlertsV2Response for detectsapi.PostEntitiesAlertsV2Request `{composite_ids}`. */
	get: { operationId: 'GetV2', method: 'POST', path: '/alerts/entities/alerts/v2', params: { include_hidden: 'query', body: 'body' }, idempotent: true },
	/**
	 * detectsapi.ResponseFields for detectsapi.PatchEntitiesAlertsV3Request `{composite_ids,
	 * action_parameters: [{name, value}]}`. Safe to resend unless it appends a comment (see `updateAlerts`).
	 */
	update: { operationId: 'UpdateV3', method: 'PATCH', path: '/alerts/entities/alerts/v3', params: { include_hidden: 'query', body: 'body' } },
	/** detectsapi.AggregatesResponse for a list of detectsapi.AggregateAlertQueryRequest. */
	aggregate: {
		operationId: 'GetAggregateV2',
		method: 'POST',
		path: '/alerts/aggregates/alerts/v2',
		params: { include_hidden: 'query', body: 'body' },
		idempotent: true,
	},
});

/** Composite IDs per GetV2 and UpdateV3 request (PSFalcon: 1000 `composite_ids`). */
export const ALERT_IDS_PER_REQUEST = 1000;
/** The combined endpoint's largest page ("default: 100; max: 1000"). */
export const ALERT_PAGE = 1000;

/** The `action_parameters` names of UpdateV3 a node sends (FalconPy's update_alerts_payload keys). */
export type AlertActionName = 'update_status' | 'assign_to_name' | 'assign_to_user_id' | 'assign_to_uuid' | 'unassign' | 'append_comment' | 'add_tag' | 'remove_tag' | 'remove_tags_by_prefix';

export interface AlertActionParameter {
	name: AlertActionName;
	value: string;
}

/** Alerts by composite ID, at most ALERT_IDS_PER_REQUEST; unknown IDs come back in `errors`. */
export async function getAlerts(client: FalconClient, compositeIds: string[], includeHidden = true): Promise<FalconEnvelope> {
	return await call(client, alerts.get, { query: { include_hidden: includeHidden }, body: { composite_ids: compositeIds } }, { acceptStatus: [400, 404] });
}

/**
 * Applies the same action parameters to at most ALERT_IDS_PER_REQUEST alerts. Setting a status,
 * an assignee or tags twice leaves the alerts as once, so such an update is resent after a lost
 * answer; one that appends a comment is not (the comment would be there twice): its lost answer
 * comes back as `unconfirmed`.
 */
export async function updateAlerts(client: FalconClient, compositeIds: string[], actionParameters: AlertActionParameter[], includeHidden = true) {
	const args = { query: { include_hidden: includeHidden }, body: { composite_ids: compositeIds, action_parameters: actionParameters } };
	const appends = actionParameters.some((parameter) => parameter.name === 'append_comment');
	if (appends) return await callWrite(client, alerts.update, args, { acceptStatus: [400, 404] });
	return { envelope: await call(client, alerts.update, args, { acceptStatus: [400, 404], idempotent: true }) };
}

/** Runs aggregate queries (the body is a list: every query in one request). */
export async function aggregateAlerts(client: FalconClient, queries: IDataObject[], includeHidden = true) {
	return await call(client, alerts.aggregate, { query: { include_hidden: includeHidden }, body: queries });
}
