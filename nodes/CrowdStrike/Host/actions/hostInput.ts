/**
 * How an operation names its hosts: by device ID, or by hostname or IP address, looked up through
 * the query API. A look-up must find exactly one host: none fails the item, several are refused
 * with the candidates listed (a hostname reused, or a NAT address many hosts share).
 */
import type { IDataObject, IDisplayOptions, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import { mapWithConcurrency } from '../../../common/concurrency';
import type { ItemOutcome, ParsedItem } from '../../../common/items';
import { showWith } from '../../../common/return-all';
import { invalidField, validateList } from '../../../common/validation';
import { LIST_FORMATS, isIpv4, isIpv6, separatedBy, text } from '../../../common/values';
import { getAllDeviceDetails, queryDeviceIds } from '../../api/hosts';
import { notFoundError } from '../../shared/entity-errors';
import { deviceIdSchema, fqlQuote } from '../../shared/schemas';
import type { FalconClient } from '../../transport';

export type HostInputMode = 'id' | 'hostname' | 'ip';

export interface HostTargets {
	by: HostInputMode;
	/** Device IDs (lower case), hostnames, or IP addresses, each once. */
	values: string[];
}

/** How many matches of a look-up are read to list the candidates of an ambiguous one. */
const CANDIDATES = 10;

export function hostInputProperties(displayOptions: IDisplayOptions, verb: string): INodeProperties[] {
	return [
		{
			displayName: 'Identify Hosts By',
			name: 'hostInput',
			type: 'options',
			options: [
				{ name: 'Device ID', value: 'id', description: 'The host\'s agent ID (AID), 32 hexadecimal characters' },
				{ name: 'Hostname', value: 'hostname', description: 'Looked up first; a name more than one host has is refused, with the candidates listed' },
				{ name: 'IP Address', value: 'ip', description: 'Local or external IPv4/IPv6 address, looked up first; an address several hosts share is refused, with the candidates listed' },
			],
			default: 'id',
			description: `How the hosts to ${verb} are given`,
			displayOptions,
		},
		{
			displayName: 'Device IDs',
			name: 'deviceIds',
			type: 'string',
			typeOptions: { rows: 2 },
			default: '',
			required: true,
			placeholder: '0123456789abcdef0123456789abcdef, …',
			description: `One or more device IDs (AIDs), ${separatedBy(LIST_FORMATS.tokens)}, or an expression that returns an array`,
			displayOptions: showWith(displayOptions, { hostInput: ['id'] }),
		},
		{
			displayName: 'Hostnames',
			name: 'hostnames',
			type: 'string',
			typeOptions: { rows: 2 },
			default: '',
			required: true,
			placeholder: 'WS-NYC-0042, …',
			description: `One or more hostnames, ${separatedBy(LIST_FORMATS.tokens)}, or an expression that returns an array. Each must name exactly one host.`,
			displayOptions: showWith(displayOptions, { hostInput: ['hostname'] }),
		},
		{
			displayName: 'IP Addresses',
			name: 'ipAddresses',
			type: 'string',
			typeOptions: { rows: 2 },
			default: '',
			required: true,
			placeholder: '10.1.2.3, …',
			description: `One or more local or external IP addresses, ${separatedBy(LIST_FORMATS.tokens)}, or an expression that returns an array. Each must name exactly one host.`,
			displayOptions: showWith(displayOptions, { hostInput: ['ip'] }),
		},
	];
}

const hostnameSchema = text(255)
	.transform((value) => value.trim())
	.refine((value) => /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u.test(value), 'a hostname holds letters, digits, dots, hyphens and underscores');

const ipSchema = z.string().trim().refine((value) => isIpv4(value) || isIpv6(value), 'not an IPv4 or IPv6 address');

const FIELDS: Record<HostInputMode, { parameter: string; label: string; schema: z.ZodType<string, z.ZodTypeDef, unknown> }> = {
	id: { parameter: 'deviceIds', label: 'Device IDs', schema: deviceIdSchema.transform((id) => id.toLowerCase()) },
	hostname: { parameter: 'hostnames', label: 'Hostnames', schema: hostnameSchema },
	ip: { parameter: 'ipAddresses', label: 'IP Addresses', schema: ipSchema },
};

/** An item's hosts as given, each checked, duplicates dropped; none fails the item before any request. */
export function readHostTargets(ctx: IExecuteFunctions, index: number): HostTargets {
	const node = ctx.getNode();
	const by = ctx.getNodeParameter('hostInput', index, 'id') as HostInputMode;
	const field = FIELDS[by];
	if (!field) invalidField(node, index, 'Identify Hosts By', 'must be Device ID, Hostname or IP Address');
	const values = validateList(node, field.schema, ctx.getNodeParameter(field.parameter, index, ''), index, field.label, LIST_FORMATS.tokens);
	if (values.length === 0) invalidField(node, index, field.label, 'give at least one host');
	return { by, values: [...new Set(values)] };
}

export interface ResolvedHosts {
	/** Device records by device ID (lower case): every host an item names, and the candidates of ambiguous look-ups. */
	records: Map<string, IDataObject>;
	/** Each item's device IDs, or why its hosts could not be resolved. */
	targets: Map<number, string[] | Error>;
}

function lookUpFilter(by: HostInputMode, value: string): string {
	return by === 'hostname' ? `hostname:${fqlQuote(value)}` : `local_ip:${fqlQuote(value)},external_ip:${fqlQuote(value)}`;
}

/** A host as a person reads it: hostname and device ID. */
export function hostLabel(deviceId: string, record: IDataObject | undefined): string {
	return record?.hostname ? `${String(record.hostname)} (${deviceId})` : deviceId;
}

function candidateList(ids: string[], records: Map<string, IDataObject>): string {
	return ids
		.map((id) => {
			const record = records.get(id);
			const details = [record?.platform_name, record?.local_ip, record?.last_seen ? `last seen ${String(record.last_seen)}` : undefined].filter(Boolean).join(', ');
			return `${hostLabel(id, record)}${details ? ` [${details}]` : ''}`;
		})
		.join('; ');
}

/**
 * The device IDs of every item of a batch, and the records of all of them in as few requests as
 * the API allows (PostDeviceDetailsV2, 5000 per request). Look-ups of the same hostname or address
 * are made once. `hidden` looks hostnames and addresses up among hidden hosts (to unhide them).
 * A failing look-up or details request is thrown: the caller cannot tell which hosts it would touch.
 */
export async function resolveHosts(
	client: FalconClient,
	node: INode,
	batch: Array<ParsedItem<HostTargets>>,
	options: { hidden?: boolean } = {},
): Promise<ResolvedHosts> {
	const lookUps = [...new Set(batch.filter(({ input }) => input.by !== 'id').flatMap(({ input }) => input.values.map((value) => `${input.by}\u0000${value}`)))];
	const found = new Map<string, { ids: string[]; total: number }>();
	await mapWithConcurrency(lookUps, client.policy.concurrency, async (key) => {
		const [by, value] = key.split('\u0000') as [HostInputMode, string];
		const page = await queryDeviceIds(client, { filter: lookUpFilter(by, value), limit: CANDIDATES }, options.hidden === true);
		const ids = (page.resources ?? []).map((id) => String(id).toLowerCase());
		const total = Number(page.meta.pagination?.total);
		found.set(key, { ids, total: Number.isFinite(total) && total >= ids.length ? total : ids.length });
	});
	const wanted = new Set<string>();
	for (const { input } of batch) {
		if (input.by === 'id') input.values.forEach((id) => wanted.add(id));
		else input.values.forEach((value) => found.get(`${input.by}\u0000${value}`)?.ids.forEach((id) => wanted.add(id)));
	}
	const records = new Map((await getAllDeviceDetails(client, [...wanted])).map((record) => [String(record.device_id).toLowerCase(), record]));
	const targets = new Map<number, string[] | Error>();
	for (const { index, input } of batch) targets.set(index, targetsOf(node, index, input, found, records));
	return { records, targets };
}

function targetsOf(node: INode, index: number, input: HostTargets, found: Map<string, { ids: string[]; total: number }>, records: Map<string, IDataObject>): string[] | Error {
	if (input.by === 'id') {
		const missing = input.values.filter((id) => !records.has(id));
		return missing.length > 0 ? notFoundError(node, 'Host', missing, undefined, undefined) : input.values;
	}
	const what = input.by === 'hostname' ? 'hostname' : 'IP address';
	const ids: string[] = [];
	for (const value of input.values) {
		const match = found.get(`${input.by}\u0000${value}`) ?? { ids: [], total: 0 };
		const known = match.ids.filter((id) => records.has(id));
		if (known.length === 0) {
			return new NodeOperationError(node, `No host has the ${what} "${value}"`, {
				itemIndex: index,
				description: `The query API found no ${input.by === 'ip' ? 'host with this local or external address' : 'host with this name'}. Nothing was sent for this item.`,
			});
		}
		if (match.total > 1) {
			const more = match.total > known.length ? ` and ${match.total - known.length} more` : '';
			return new NodeOperationError(node, `The ${what} "${value}" matches ${match.total} hosts, so it was not used: ${candidateList(known, records)}${more}`, {
				itemIndex: index,
				description: 'Give the device ID of the host you mean (Identify Hosts By: Device ID). Nothing was sent for this item.',
			});
		}
		ids.push(known[0]);
	}
	return [...new Set(ids)];
}

/** Each item's outcome from its resolved hosts: `build` for the IDs, the resolution error otherwise. */
export function outcomesFrom(
	batch: Array<ParsedItem<HostTargets>>,
	resolved: ResolvedHosts,
	build: (ids: string[], index: number) => ItemOutcome,
): Map<number, ItemOutcome> {
	const outcomes = new Map<number, ItemOutcome>();
	for (const { index } of batch) {
		const ids = resolved.targets.get(index) ?? [];
		outcomes.set(index, ids instanceof Error ? ids : build(ids, index));
	}
	return outcomes;
}
