import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { LIST_FORMATS, separatedBy } from '../../common/values';

export { returnAllOrLimit, showWith } from '../../common/return-all';

export function simplifyProperty(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
		displayOptions,
	};
}

export function filterProperty(displayOptions: IDisplayOptions, fields: string, required = false): INodeProperties {
	return {
		displayName: 'Filter',
		name: 'filter',
		type: 'string',
		default: '',
		required,
		placeholder: "type:'sha256'+action:'detect'",
		description: `A filter in Falcon Query Language (FQL). Fields include ${fields}.`,
		displayOptions,
	};
}

export function idsProperty(displayOptions: IDisplayOptions, what: string, name = 'ids'): INodeProperties {
	return {
		displayName: `${what} IDs`,
		name,
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		required: true,
		placeholder: 'id1, id2',
		description: `One or more ${what.toLowerCase()} IDs, ${separatedBy(LIST_FORMATS.tokens)}, or an expression that returns an array`,
		displayOptions,
	};
}

export const iocTypeOptions = [
	{ name: 'Domain', value: 'domain' },
	{ name: 'IPv4', value: 'ipv4' },
	{ name: 'IPv6', value: 'ipv6' },
	{ name: 'MD5', value: 'md5' },
	{ name: 'SHA256', value: 'sha256' },
];

export const severityOptions = [
	{ name: 'Critical', value: 'critical' },
	{ name: 'High', value: 'high' },
	{ name: 'Informational', value: 'informational' },
	{ name: 'Low', value: 'low' },
	{ name: 'Medium', value: 'medium' },
];

export const platformOptions = [
	{ name: 'Android', value: 'android' },
	{ name: 'iOS', value: 'ios' },
	{ name: 'Linux', value: 'linux' },
	{ name: 'Mac', value: 'mac' },
	{ name: 'Windows', value: 'windows' },
];

export const actionOptions = [
	{ name: 'Allow', value: 'allow', description: 'Allow the indicator and do not detect it' },
	{ name: 'Block', value: 'prevent', description: 'Block and show a notification (hashes only)' },
	{ name: 'Block, Hide Detection', value: 'prevent_no_ui', description: 'Block without a notification (hashes only)' },
	{ name: 'Detect Only', value: 'detect', description: 'Show a detection but do not block' },
	{ name: 'No Action', value: 'no_action', description: 'Keep the indicator for intelligence, with no action' },
];

export const mobileActionOptions = [
	{ name: 'Allow', value: 'allow' },
	{ name: 'Detect', value: 'detect' },
	{ name: 'No Action', value: 'no_action' },
	{ name: 'Prevent', value: 'prevent' },
];
