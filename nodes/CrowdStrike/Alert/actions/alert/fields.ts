import type { IDataObject, IDisplayOptions, INode, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { invalidField, validateField } from '../../../../common/validation';
import { text as textSchema } from '../../../../common/values';
import { ALERT_SEVERITIES, ALERT_STATUSES, alertSeverityOptions, alertStatusOptions, minimumSeverityFql, type AlertSeverity } from '../../../shared/alerts';
import { fqlTime } from '../../../shared/fql';
import { fqlQuote, instantSchema } from '../../../shared/schemas';

/** A composite alert ID: `<cid>:<kind>:<agent or scope>:<detection>` (ind for endpoint alerts). */
export const compositeIdSchema = z
	.string()
	.trim()
	.regex(/^[a-f0-9]{32}:[a-z0-9_-]+:[\w:.-]{1,400}$/i, 'a composite alert ID looks like <32 hex CID>:ind:<32 hex device ID>:<detection ID>');

export function includeHiddenOption(): INodeProperties {
	return {
		displayName: 'Include Hidden',
		name: 'includeHidden',
		type: 'boolean',
		default: true,
		description: 'Whether alerts hidden from the console (show_in_ui false) count too (the API\'s include_hidden)',
	};
}

/** Conditions added to a Get Many filter, as an analyst picks them. */
export function alertFiltersProperty(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Conditions added to the Filter (all must hold)',
		displayOptions,
		options: [
			{ displayName: 'Created After', name: 'createdAfter', type: 'dateTime', default: '' },
			{ displayName: 'Hostname', name: 'hostname', type: 'string', default: '', placeholder: 'WS-NYC-0042', description: 'The host the alert is about (device.hostname)' },
			{ displayName: 'Minimum Severity', name: 'minSeverity', type: 'options', default: 'High', options: alertSeverityOptions },
			{ displayName: 'SHA256', name: 'sha256', type: 'string', default: '', description: 'The file hash the alert is about' },
			{ displayName: 'Status', name: 'status', type: 'options', default: 'new', options: alertStatusOptions },
		],
	};
}

const LABELS: Record<string, string> = { minSeverity: 'Minimum Severity', status: 'Status', hostname: 'Hostname', sha256: 'SHA256' };

/** The FQL conditions of the Filters collection, each value checked before any request. */
export function alertFiltersFql(node: INode, index: number, filters: IDataObject): string[] {
	const text = (name: string) => validateField(node, textSchema(255), filters[name] ?? '', index, LABELS[name]).trim();
	const conditions: string[] = [];
	if (text('minSeverity')) {
		if (!(ALERT_SEVERITIES as readonly string[]).includes(text('minSeverity'))) invalidField(node, index, 'Minimum Severity', `must be one of ${ALERT_SEVERITIES.join(', ')}`);
		conditions.push(minimumSeverityFql(text('minSeverity') as AlertSeverity));
	}
	if (text('status')) {
		if (!(ALERT_STATUSES as readonly string[]).includes(text('status'))) invalidField(node, index, 'Status', `must be one of ${ALERT_STATUSES.join(', ')}`);
		conditions.push(`status:${fqlQuote(text('status'))}`);
	}
	if (text('hostname')) conditions.push(`device.hostname:${fqlQuote(text('hostname'))}`);
	if (text('sha256')) {
		if (!/^[a-f0-9]{64}$/i.test(text('sha256'))) invalidField(node, index, 'SHA256', 'a SHA256 hash is 64 hexadecimal characters');
		conditions.push(`sha256:${fqlQuote(text('sha256').toLowerCase())}`);
	}
	if (filters.createdAfter !== undefined && filters.createdAfter !== '' && filters.createdAfter !== null) {
		conditions.push(`created_timestamp:>=${fqlTime(validateField(node, instantSchema, filters.createdAfter, index, 'Created After'))}`);
	}
	return conditions;
}

const at = (record: IDataObject, path: string[]): unknown => path.reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as IDataObject)[key] : undefined), record);

/** What an analyst reads of an alert (detects.Alert): severity, tactic and technique, host, file, hash, status, assignee. */
const SIMPLE: Array<[string, string[]]> = [
	['composite_id', ['composite_id']],
	['created_timestamp', ['created_timestamp']],
	['updated_timestamp', ['updated_timestamp']],
	['severity_name', ['severity_name']],
	['severity', ['severity']],
	['status', ['status']],
	['display_name', ['display_name']],
	['description', ['description']],
	['tactic', ['tactic']],
	['tactic_id', ['tactic_id']],
	['technique', ['technique']],
	['technique_id', ['technique_id']],
	['hostname', ['device', 'hostname']],
	['device_id', ['device', 'device_id']],
	['platform', ['platform']],
	['local_ip', ['device', 'local_ip']],
	['user_name', ['user_name']],
	['filename', ['filename']],
	['filepath', ['filepath']],
	['sha256', ['sha256']],
	['md5', ['md5']],
	['cmdline', ['cmdline']],
	['assigned_to_name', ['assigned_to_name']],
	['assigned_to_uid', ['assigned_to_uid']],
	['tags', ['tags']],
	['falcon_host_link', ['falcon_host_link']],
];

export function simplifyAlert(record: IDataObject): IDataObject {
	return Object.fromEntries(SIMPLE.map(([name, path]) => [name, at(record, path)]).filter(([, value]) => value !== undefined));
}
