import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { results, runPerItem } from '../../../../common/items';
import { readWanted } from '../../../../common/return-all';
import { invalidField, validateField } from '../../../../common/validation';
import { LIST_FORMATS, isIpv4, isIpv6, listOf, separatedBy, text as textSchema } from '../../../../common/values';
import { requestFor } from '../../../api';
import { DEVICE_QUERY_PAGE, getAllDeviceDetails, hosts } from '../../../api/hosts';
import { filterProperty, returnAllOrLimit, simplifyProperty } from '../../../shared/descriptions';
import { andFql, fqlTime } from '../../../shared/fql';
import { readFilter, readSort } from '../../../shared/query-input';
import { fqlQuote, hostGroupIdSchema, instantSchema } from '../../../shared/schemas';
import { collectByOffset, collectByScroll, falconClient } from '../../../transport';
import { CONTAINMENT_STATUS_OPTIONS, HOST_FQL_FIELDS, inOrder, simplifyHost } from '../hostRecords';

const show = { resource: ['host'], operation: ['getMany'] };

export const description: INodeProperties[] = [
	...returnAllOrLimit({ show }),
	{ ...filterProperty({ show }, HOST_FQL_FIELDS), placeholder: "platform_name:'Windows'+last_seen:>='now-1d'" },
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Conditions added to the Filter (all must hold)',
		displayOptions: { show },
		options: [
			{ displayName: 'Containment Status', name: 'status', type: 'options', default: 'contained', options: CONTAINMENT_STATUS_OPTIONS },
			{ displayName: 'External IP', name: 'externalIp', type: 'string', default: '', placeholder: '198.51.100.7' },
			{ displayName: 'Host Group ID', name: 'hostGroupId', type: 'string', default: '', placeholder: '0123456789abcdef0123456789abcdef', description: 'Only members of this host group' },
			{ displayName: 'Hostname', name: 'hostname', type: 'string', default: '', placeholder: 'WS-NYC-*', description: 'A hostname; * matches any characters (WS-NYC-*)' },
			{ displayName: 'Last Seen After', name: 'lastSeenAfter', type: 'dateTime', default: '' },
			{ displayName: 'Last Seen Before', name: 'lastSeenBefore', type: 'dateTime', default: '' },
			{ displayName: 'Local IP', name: 'localIp', type: 'string', default: '', placeholder: '10.1.2.3' },
			{
				displayName: 'Platform',
				name: 'platform',
				type: 'options',
				default: 'Windows',
				options: [
					{ name: 'Linux', value: 'Linux' },
					{ name: 'Mac', value: 'Mac' },
					{ name: 'Windows', value: 'Windows' },
				],
			},
			{ displayName: 'Tags', name: 'tags', type: 'string', typeOptions: { rows: 2 }, default: '', placeholder: 'FalconGroupingTags/VIP', description: `Hosts with any of these tags, ${separatedBy(LIST_FORMATS.phrases)}` },
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Hidden Hosts Only',
				name: 'hidden',
				type: 'boolean',
				default: false,
				description: 'Whether to search the hidden hosts (QueryHiddenDevices) instead of the visible ones. Paged by offset: at most 10,000.',
			},
			{
				displayName: 'Sort',
				name: 'sort',
				type: 'string',
				default: '',
				placeholder: 'last_seen.desc',
				description: 'A field and a direction (hostname.asc, last_seen.desc, status.asc, …); by default device_id.asc',
			},
		],
	},
	simplifyProperty({ show }),
];

function dateCondition(node: INode, index: number, field: string, value: unknown, op: '>=' | '<'): string {
	if (value === undefined || value === '' || value === null) return '';
	return `last_seen:${op}${fqlTime(validateField(node, instantSchema, value, index, field))}`;
}

const PLATFORMS = ['Windows', 'Mac', 'Linux'];
const STATUSES = CONTAINMENT_STATUS_OPTIONS.map((option) => option.value);

/** The FQL conditions of the Filters collection, each value checked before any request. */
export function filtersFql(node: INode, index: number, filters: IDataObject): string[] {
	const LABELS: Record<string, string> = { hostname: 'Hostname', localIp: 'Local IP', externalIp: 'External IP', platform: 'Platform', status: 'Containment Status', hostGroupId: 'Host Group ID', tags: 'Tags' };
	const text = (name: string) => validateField(node, textSchema(255), filters[name] ?? '', index, LABELS[name]).trim();
	const oneOf = (name: string, allowed: string[]) => {
		const value = text(name);
		if (value !== '' && !allowed.includes(value)) invalidField(node, index, LABELS[name], `must be one of ${allowed.join(', ')}`);
		return value;
	};
	const ip = (name: string, field: string) => {
		const value = text(name);
		if (value === '') return '';
		if (!isIpv4(value) && !isIpv6(value)) invalidField(node, index, LABELS[name], `"${value}" is not an IPv4 or IPv6 address`);
		return `${field}:${fqlQuote(value)}`;
	};
	const hostname = text('hostname');
	const groupId = text('hostGroupId');
	if (groupId && !hostGroupIdSchema.safeParse(groupId).success) invalidField(node, index, 'Host Group ID', 'a host group ID is 32 hexadecimal characters');
	const tags = listOf(text('tags'), LIST_FORMATS.phrases);
	const platform = oneOf('platform', PLATFORMS);
	const status = oneOf('status', STATUSES);
	return [
		hostname ? `hostname:${hostname.includes('*') ? '*' : ''}${fqlQuote(hostname)}` : '',
		ip('localIp', 'local_ip'),
		ip('externalIp', 'external_ip'),
		platform ? `platform_name:${fqlQuote(platform)}` : '',
		status ? `status:${fqlQuote(status)}` : '',
		dateCondition(node, index, 'Last Seen After', filters.lastSeenAfter, '>='),
		dateCondition(node, index, 'Last Seen Before', filters.lastSeenBefore, '<'),
		tags.length > 0 ? `tags:[${tags.map(fqlQuote).join(',')}]` : '',
		groupId ? `groups:${fqlQuote(groupId.toLowerCase())}` : '',
	];
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = falconClient(this);
	const node = this.getNode();
	return await runPerItem(this, items, {
		concurrency: client.policy.concurrency,
		parse: (index) => {
			const options = this.getNodeParameter('options', index, {}) as IDataObject;
			const filters = this.getNodeParameter('filters', index, {}) as IDataObject;
			return {
				wanted: readWanted(this, index),
				filter: andFql(readFilter(this, index), ...filtersFql(node, index, filters)),
				sort: readSort(this, index, options),
				hidden: options.hidden === true,
				simplify: this.getNodeParameter('simplify', index, true) as boolean,
			};
		},
		run: async ({ wanted, filter, sort, hidden, simplify }) => {
			// Visible hosts by scroll (no 10,000 window); hidden hosts have only the offset query.
			const { resources: ids } = hidden
				? await collectByOffset<string>(client, requestFor(hosts.queryHiddenDevices, { query: { filter, sort } }), wanted, DEVICE_QUERY_PAGE)
				: await collectByScroll<string>(client, requestFor(hosts.queryDevicesScroll, { query: { filter, sort } }), wanted, DEVICE_QUERY_PAGE);
			const records = new Map((await getAllDeviceDetails(client, ids.map(String))).map((record) => [String(record.device_id).toLowerCase(), record]));
			const found = inOrder(ids.map(String), records);
			return results(simplify ? found.map(simplifyHost) : found);
		},
	});
}
