/**
 * Every operation of every node, each field a user (or an expression) fills per item, a valid
 * value for it and the bad values generated for it. The field label is the name the error must
 * give: the field's display name as the editor shows it (without n8n's "Name or ID" suffix).
 */
import type { IDataObject } from 'n8n-workflow';

import { toBinary, type InputItem } from '../../harness';
import {
	BAD_AGGREGATE_JSON,
	BAD_DATES,
	WRONG_TYPES,
	badHex,
	badNumbers,
	fqlInjections,
	insertAt,
	oversized,
	withControl,
	type Prng,
} from './generate';

/** A bad value, and (for binary fields) the item it comes in. */
export interface BadValue {
	value: unknown;
	/** The input item carrying it; default `{ json: { v: value } }`. */
	item?: InputItem;
}

export interface FieldSpec {
	/** Parameter path: `value`, `additionalFields.description`, `options.batchSize`. */
	param: string;
	/** The field as the error must name it. */
	label: string;
	/** A value that passes (items before the bad one carry it). */
	good: unknown;
	bad: (prng: Prng) => Array<unknown | BadValue>;
	/** Read from the first item only (a node-level setting): tested alone, as item 0. */
	nodeLevel?: boolean;
	/** Other parameters this field needs to show (e.g. Applied Globally off for Host Group IDs). */
	params?: IDataObject;
}

export interface OperationSpec {
	node: string;
	resource: string;
	operation: string;
	/** A variant name when one operation is tested in several modes (Delete by IDs / by Filter). */
	variant?: string;
	/** Valid parameters for everything but the field under test. */
	base: IDataObject;
	fields: FieldSpec[];
	/** Items carry a file in the binary field `data` (uploads). */
	binary?: boolean;
}

export const isBadValue = (value: unknown): value is BadValue =>
	typeof value === 'object' && value !== null && !Array.isArray(value) && 'value' in value && Object.keys(value).every((key) => key === 'value' || key === 'item');

// ---------------------------------------------------------------------------
// Valid values

export const GOOD = {
	sha256: 'e2ebef6c9a6b06b5a5e0c0e7d4e7b0a3f9c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5',
	md5: '44d88612fea8a8f36de82e1278abb02f',
	domain: 'evil-updates.example',
	ipv4: '203.0.113.7',
	ipv6: '2001:db8::7',
	indicatorId: '8c4a2fd4b3bd4c0ac2d6b5c69e6d3f1f7a1b4e9a5d7c2b8e1f3a6d9c0b5e7f2a',
	hostGroup: '0123456789abcdef0123456789abcdef',
	deviceId: 'fedcba9876543210fedcba9876543210',
	processId: 'pid:fedcba9876543210fedcba9876543210:123456789',
	scanId: `${'a1b2c3d4'.repeat(4)}_${'0f1e2d3c'.repeat(4)}`,
	quarantineId: `${'fedcba9876543210'.repeat(2)}_${'e2ebef6c9a6b06b5'.repeat(4)}`,
	url: 'https://malware.example.com/payload.exe',
};

// ---------------------------------------------------------------------------
// Families of bad values, per kind of field

/** Bad IOC values for a CrowdStrike IOC type (with the other types' values, which are wrong for it). */
function badFalconIocValues(type: 'sha256' | 'md5' | 'domain' | 'ipv4' | 'ipv6', prng: Prng): unknown[] {
	const good = GOOD[type];
	const others = (['sha256', 'md5', 'domain', 'ipv4', 'ipv6'] as const).filter((other) => other !== type && !(type === 'domain' && other === 'md5') && !(type === 'domain' && other === 'sha256')).map((other) => GOOD[other]);
	const specific: Record<typeof type, unknown[]> = {
		sha256: [...badHex(prng, 64, 8), `${GOOD.sha256} ${GOOD.sha256}`, GOOD.sha256.slice(0, 40)],
		md5: [...badHex(prng, 32, 8), GOOD.sha256, '44d88612fea8a8f36de82e1278abb02f0'],
		domain: ['-evil.example', 'evil-.example', 'ev il.example', 'evil..example', 'evil.example/path', 'https://evil.example', `${'a'.repeat(64)}.example`, `${'abcdefghij.'.repeat(19)}example`, 'evil.example:443', 'user@evil.example', '*.evil.example', 'evil.ex%61mple'],
		ipv4: ['256.1.1.1', '1.2.3', '1.2.3.4.5', '01.2.3.4', '1.2.3.-4', '1.2.3.4/24', ' 1. 2.3.4', '999.999.999.999', '1.2.3.4:80', '0x7f.0.0.1', '1..2.3'],
		ipv6: [':::', '1::2::3', 'g::1', '2001:db8::7::1', '12345::1', '2001:db8:0:0:0:0:0:0:1', 'fe80::1%eth0', '2001:db8::/32', '[2001:db8::7]', '::ffff:999.1.1.1'],
	};
	return [
		...specific[type],
		...others,
		...withControl(prng, good, 4),
		...fqlInjections(prng, good, 8),
		...oversized(prng, 200, 2, 'abcdef0123456789'),
		'',
		'   ',
		...WRONG_TYPES,
	];
}

const BAD_FALCON_TYPES: unknown[] = ['sha1', 'SHA256', 'url', 'hash', 'ip', 'IPV4', 'filename', ' ', '', 'sha256\u0000', "sha256'", 'domain+', ...WRONG_TYPES];

/** Free text with a length limit: control characters, and too long. */
function badText(prng: Prng, max: number, base = 'a comment'): unknown[] {
	return [...withControl(prng, base, 5), ...oversized(prng, max, 3), ...WRONG_TYPES.slice(0, 2)];
}

/** A raw FQL filter (passed through as written): control characters and oversized. */
function badFilter(prng: Prng, required = false): unknown[] {
	return [...withControl(prng, "type:'sha256'+action:'detect'", 5), ...oversized(prng, 8000, 2), ...(required ? ['', '   '] : [])];
}

/** An IDs field: bad IDs alone, and one bad ID among good ones. */
function badIds(prng: Prng, good: string, bad: unknown[]): unknown[] {
	const strings = bad.filter((value): value is string => typeof value === 'string' && value.trim() !== '');
	return [...bad, ...prng.sample(strings, 4).map((value) => `${good}, ${value}`), ...prng.sample(strings, 2).map((value) => [good, value]), '', ' , ', [], null];
}

const numberField = (range: Parameters<typeof badNumbers>[0]) => () => badNumbers(range);
/** For fields that are lists (split on commas and spaces): long text without separators. */
const LIST_SAFE = 'abcdefghijklmnopqrstuvwxyz0123456789';

// ---------------------------------------------------------------------------
// Shared field sets

const iocTypeField = (label = 'Type'): FieldSpec => ({ param: 'type', label, good: 'sha256', bad: () => BAD_FALCON_TYPES });
const iocValueFields = (): FieldSpec[] =>
	(['sha256', 'md5', 'domain', 'ipv4', 'ipv6'] as const).map((type) => ({
		param: 'value',
		label: 'Value',
		good: GOOD[type],
		params: { type },
		bad: (prng: Prng) => badFalconIocValues(type, prng),
	}));
const limitField: FieldSpec = { param: 'limit', label: 'Limit', good: 10, params: { returnAll: false }, bad: numberField({ min: 1, integer: true }) };

const aggregateFields = (fieldName = 'type'): FieldSpec[] => [
	{ param: 'aggregateJson', label: 'Aggregate Query (JSON)', good: `{"type": "terms", "field": "${fieldName}"}`, params: { aggregateMode: 'json' }, bad: () => BAD_AGGREGATE_JSON },
	{
		param: 'field',
		label: 'Field',
		good: fieldName,
		params: { aggregateMode: 'fields' },
		bad: (prng) => ['', '  ', 'type name', "type'", 'type:1', 'type+x', '*', ...withControl(prng, fieldName, 3), ...fqlInjections(prng, fieldName, 4), ...WRONG_TYPES.slice(0, 2)],
	},
	{ param: 'aggregationType', label: 'Aggregation Type', good: 'terms', params: { aggregateMode: 'fields' }, bad: () => ['bogus', 'TERMS', '', 'terms\u0000', 'sum;', ...WRONG_TYPES.slice(0, 2)] },
];

const observedFields = (withDevice: boolean, withLimit: boolean): FieldSpec[] => [
	iocTypeField(),
	...iocValueFields(),
	...(withDevice
		? [{ param: 'deviceId', label: 'Device ID', good: GOOD.deviceId, bad: (prng: Prng) => [...badHex(prng, 32, 10), ...withControl(prng, GOOD.deviceId, 3), ...fqlInjections(prng, GOOD.deviceId, 3), '', ...WRONG_TYPES] }]
		: []),
	...(withLimit ? [limitField] : []),
];

const processIdsField: FieldSpec = {
	param: 'ids',
	label: 'Process IDs',
	good: GOOD.processId,
	bad: (prng) =>
		badIds(prng, GOOD.processId, [
			...withControl(prng, GOOD.processId, 3),
			`pid:${'a'.repeat(300)}`,
			"pid:abc:1'",
			'pid:abc:1+device_id:*',
			'pid/abc/1',
			'pid:abc:1"',
			'<script>',
			...WRONG_TYPES.slice(0, 2),
		]),
};

// ---------------------------------------------------------------------------
// CrowdStrike Falcon IOC

const IOC = 'crowdStrikeFalconIoc';
/** One Host Groups entry, By ID (its value is set by the test). */
const hostGroupsById = () => ({ groups: [{ hostGroup: { __rl: true, mode: 'id', value: '' } }] });
const indicatorDetails = (prefix: 'additionalFields' | 'updateFields'): FieldSpec[] => [
	{ param: `${prefix}.description`, label: 'Description', good: 'seen in a phishing mail', bad: (prng) => badText(prng, 4096) },
	{ param: `${prefix}.source`, label: 'Source', good: 'feed-1', bad: (prng) => badText(prng, 256) },
	{ param: `${prefix}.filename`, label: 'Filename', good: 'invoice.exe', bad: (prng) => badText(prng, 1024, 'invoice.exe') },
	{ param: `${prefix}.tags`, label: 'Tags', good: 'phishing, campaign-42', bad: (prng) => [...withControl(prng, 'phishing', 4), ...oversized(prng, 256, 2, LIST_SAFE), ['ok', 'bad\u0007tag']] },
	{ param: `${prefix}.expiration`, label: 'Expiration', good: '2030-01-01', bad: () => BAD_DATES },
	{ param: `${prefix}.mobileAction`, label: 'Mobile Action', good: 'detect', bad: () => ['block', 'prevent_no_ui', 'DETECT', 'detect\u0000', ...WRONG_TYPES.slice(0, 2)] },
];

const iocCreate: OperationSpec = {
	node: IOC,
	resource: 'indicator',
	operation: 'create',
	base: { type: 'sha256', value: GOOD.sha256, action: 'detect', platforms: ['windows'], severity: 'low', appliedGlobally: true, additionalFields: {}, options: {} },
	fields: [
		iocTypeField('Type'),
		...iocValueFields(),
		{ param: 'action', label: 'Action', good: 'detect', bad: () => ['block', 'DETECT', 'delete', 'detect ', 'prevent\u0000', '', ...WRONG_TYPES.slice(0, 2)] },
		{ param: 'action', label: 'Action', good: 'detect', params: { type: 'domain', value: GOOD.domain }, bad: () => ['prevent', 'prevent_no_ui'] },
		{ param: 'platforms', label: 'Platforms', good: ['windows'], bad: () => [[], ['windows', 'amiga'], ['WINDOWS'], 'windows, beos', ['win\u0000dows'], [{ a: 1 }], '', 'linux;beos'] },
		{ param: 'severity', label: 'Severity', good: 'low', bad: () => ['severe', 'LOW', 'low\u0007', '', 'critical ', ...WRONG_TYPES.slice(0, 2)] },
		{
			// Host Groups: a list of resource locators; By ID takes an ID (or, from an expression, several).
			param: 'hostGroups.groups.0.hostGroup.value',
			label: 'Host Groups',
			good: GOOD.hostGroup,
			params: { appliedGlobally: false, hostGroups: hostGroupsById() },
			bad: (prng) => badIds(prng, GOOD.hostGroup, [...badHex(prng, 32, 8), ...withControl(prng, GOOD.hostGroup, 2), ...fqlInjections(prng, GOOD.hostGroup, 3)]),
		},
		...indicatorDetails('additionalFields'),
		{ param: 'options.comment', label: 'Comment', good: 'added by SOAR', bad: (prng) => badText(prng, 1024) },
		// Batch Size 0 or below is left out: chunk() never ends (see the report); NaN and Infinity are in.
		{ param: 'options.batchSize', label: 'Batch Size', good: 100, nodeLevel: true, bad: () => ['abc', Number.NaN, 500.5, 501, 1e9, { n: 1 }] },
	],
};

const iocSpecs: OperationSpec[] = [
	{ node: IOC, resource: 'action', operation: 'get', base: { ids: 'detect' }, fields: [{ param: 'ids', label: 'Action IDs', good: 'detect', bad: (prng) => badIds(prng, 'detect', ["detect'", 'detect+x', 'a'.repeat(101), "detect;prevent'", '<x>', ...withControl(prng, 'detect', 3), ...fqlInjections(prng, 'detect', 4), ...WRONG_TYPES.slice(0, 2)]) }] },
	{ node: IOC, resource: 'action', operation: 'getMany', base: { returnAll: false, limit: 5 }, fields: [limitField] },
	{ node: IOC, resource: 'device', operation: 'count', base: { type: 'sha256', value: GOOD.sha256 }, fields: observedFields(false, false) },
	{ node: IOC, resource: 'device', operation: 'getMany', base: { type: 'sha256', value: GOOD.sha256, returnAll: false, limit: 10 }, fields: observedFields(false, true) },
	iocCreate,
	{
		node: IOC,
		resource: 'indicator',
		operation: 'delete',
		variant: 'by IDs',
		base: { deleteBy: 'ids', ids: GOOD.indicatorId, options: {} },
		fields: [
			{ param: 'ids', label: 'Indicator IDs', good: GOOD.indicatorId, bad: (prng) => badIds(prng, GOOD.indicatorId, [...badHex(prng, 64, 10), ...fqlInjections(prng, GOOD.indicatorId, 4), ...withControl(prng, GOOD.indicatorId, 2), ...WRONG_TYPES.slice(0, 2)]) },
			{ param: 'options.comment', label: 'Comment', good: 'cleanup', bad: (prng) => badText(prng, 1024) },
		],
	},
	{
		node: IOC,
		resource: 'indicator',
		operation: 'delete',
		variant: 'by filter',
		base: { deleteBy: 'filter', filter: "type:'sha256'", options: {} },
		fields: [
			{ param: 'filter', label: 'Filter', good: "type:'sha256'", bad: (prng) => badFilter(prng, true) },
			{ param: 'options.comment', label: 'Comment', good: 'cleanup', bad: (prng) => badText(prng, 1024) },
		],
	},
	{
		node: IOC,
		resource: 'indicator',
		operation: 'exportReport',
		base: { reportFormat: 'csv', filter: '', options: {} },
		fields: [
			{ param: 'filter', label: 'Filter', good: "type:'md5'", bad: (prng) => badFilter(prng) },
			{ param: 'options.query', label: 'Query', good: 'evil', bad: (prng) => badText(prng, 1000) },
			{ param: 'options.sort', label: 'Sort', good: 'created_on.desc', bad: (prng) => badText(prng, 200, 'created_on.desc') },
			{ param: 'reportFormat', label: 'Report Format', good: 'csv', bad: () => ['xml', 'CSV', 'pdf', '', 'csv\u0000', ...WRONG_TYPES.slice(0, 2)] },
		],
	},
	{ node: IOC, resource: 'indicator', operation: 'get', base: { ids: GOOD.indicatorId }, fields: [{ param: 'ids', label: 'Indicator IDs', good: GOOD.indicatorId, bad: (prng) => badIds(prng, GOOD.indicatorId, [...badHex(prng, 64, 10), ...fqlInjections(prng, GOOD.indicatorId, 4), ...withControl(prng, GOOD.indicatorId, 2), ...WRONG_TYPES.slice(0, 2)]) }] },
	{
		node: IOC,
		resource: 'indicator',
		operation: 'getAggregates',
		base: { aggregateMode: 'fields', aggregationType: 'terms', field: 'type', filter: '', fromParent: false },
		fields: [...aggregateFields('type'), { param: 'filter', label: 'Filter', good: "type:'md5'", bad: (prng) => badFilter(prng) }],
	},
	{
		node: IOC,
		resource: 'indicator',
		operation: 'getMany',
		base: { returnAll: false, limit: 10, filter: '', options: {} },
		fields: [
			limitField,
			{ param: 'filter', label: 'Filter', good: "type:'md5'", bad: (prng) => badFilter(prng) },
			{ param: 'options.sort', label: 'Sort', good: 'created_on.desc', bad: (prng) => badText(prng, 200, 'created_on.desc') },
		],
	},
	{
		node: IOC,
		resource: 'indicator',
		operation: 'update',
		variant: 'by ID',
		base: { updateBy: 'id', indicatorId: GOOD.indicatorId, updateFields: { description: 'updated' }, options: {} },
		fields: [
			{ param: 'indicatorId', label: 'Indicator ID', good: GOOD.indicatorId, bad: (prng) => [...badHex(prng, 64, 10), ...fqlInjections(prng, GOOD.indicatorId, 4), ...withControl(prng, GOOD.indicatorId, 2), '', ...WRONG_TYPES] },
			...indicatorDetails('updateFields'),
			{ param: 'updateFields.action', label: 'Action', good: 'detect', bad: () => ['block', 'DETECT', 'detect\u0000', ...WRONG_TYPES.slice(0, 2)] },
			{ param: 'updateFields.severity', label: 'Severity', good: 'low', bad: () => ['severe', 'LOW', ...WRONG_TYPES.slice(0, 2)] },
			{ param: 'updateFields.platforms', label: 'Platforms', good: ['linux'], bad: () => [['amiga'], 'windows, beos', ['WINDOWS']] },
			{ param: 'updateFields.hostGroups.groups.0.hostGroup.value', label: 'Host Groups', good: GOOD.hostGroup, params: { updateFields: { hostGroups: hostGroupsById() } }, bad: (prng) => [...badHex(prng, 32, 6), `${GOOD.hostGroup}, zz`] },
			{ param: 'options.comment', label: 'Comment', good: 'updated by SOAR', bad: (prng) => badText(prng, 1024) },
			// As on Create, 0 and below are left out (see the report).
			{ param: 'options.batchSize', label: 'Batch Size', good: 100, nodeLevel: true, bad: () => ['abc', Number.NaN, 500.5, 501, 1e9, { n: 1 }] },
		],
	},
	{
		node: IOC,
		resource: 'indicator',
		operation: 'update',
		variant: 'by filter',
		base: { updateBy: 'filter', filter: "type:'sha256'", updateFields: { description: 'updated' }, options: {} },
		fields: [
			{ param: 'filter', label: 'Filter', good: "type:'sha256'", bad: (prng) => badFilter(prng, true) },
			{ param: 'updateFields.description', label: 'Description', good: 'updated', bad: (prng) => badText(prng, 4096) },
		],
	},
	{ node: IOC, resource: 'process', operation: 'get', base: { ids: GOOD.processId }, fields: [processIdsField] },
	{ node: IOC, resource: 'process', operation: 'getMany', base: { type: 'sha256', value: GOOD.sha256, deviceId: GOOD.deviceId, returnAll: false, limit: 10 }, fields: observedFields(true, true) },
	// Reference data takes no input per item: nothing to get wrong.
	{ node: IOC, resource: 'referenceData', operation: 'getIocTypes', base: {}, fields: [] },
	{ node: IOC, resource: 'referenceData', operation: 'getPlatforms', base: {}, fields: [] },
	{ node: IOC, resource: 'referenceData', operation: 'getSeverities', base: {}, fields: [] },
];

// ---------------------------------------------------------------------------
// CrowdStrike Falcon IOCs (Legacy)

const IOCS = 'crowdStrikeFalconIocs';
const legacyDetails = (prefix: 'additionalFields' | 'updateFields'): FieldSpec[] => [
	{ param: `${prefix}.description`, label: 'Description', good: 'legacy', bad: (prng) => badText(prng, 4096) },
	{ param: `${prefix}.source`, label: 'Source', good: 'feed', bad: (prng) => badText(prng, 200) },
	{ param: `${prefix}.share_level`, label: 'Share Level', good: 'red', bad: () => ['green', 'amber', 'RED', 'white', '', ...WRONG_TYPES.slice(0, 2)] },
	{ param: `${prefix}.expiration_days`, label: 'Expiration Days', good: 30, params: { type: 'domain', value: GOOD.domain }, bad: numberField({ min: 1, max: 3650, integer: true, optional: true }) },
];

const iocsSpecs: OperationSpec[] = [
	{ node: IOCS, resource: 'device', operation: 'count', base: { type: 'sha256', value: GOOD.sha256 }, fields: observedFields(false, false) },
	{ node: IOCS, resource: 'device', operation: 'getMany', base: { type: 'sha256', value: GOOD.sha256, returnAll: false, limit: 10 }, fields: observedFields(false, true) },
	{
		node: IOCS,
		resource: 'ioc',
		operation: 'create',
		base: { type: 'sha256', value: GOOD.sha256, policy: 'detect', additionalFields: {}, managementSettings: {} },
		fields: [
			iocTypeField(),
			...iocValueFields(),
			{ param: 'policy', label: 'Policy', good: 'detect', bad: () => ['prevent', 'DETECT', 'allow', 'none ', '', ...WRONG_TYPES.slice(0, 2)] },
			...legacyDetails('additionalFields'),
			{ param: 'managementSettings.platforms', label: 'Platforms', good: ['windows'], bad: () => [[], ['amiga'], 'windows, beos', ['WINDOWS']] },
			{ param: 'managementSettings.severity', label: 'Severity', good: 'low', bad: () => ['severe', 'LOW', '', ...WRONG_TYPES.slice(0, 2)] },
		],
	},
	{ node: IOCS, resource: 'ioc', operation: 'delete', base: { type: 'sha256', value: GOOD.sha256 }, fields: [iocTypeField(), ...iocValueFields()] },
	{ node: IOCS, resource: 'ioc', operation: 'get', base: { type: 'sha256', value: GOOD.sha256 }, fields: [iocTypeField(), ...iocValueFields()] },
	{
		node: IOCS,
		resource: 'ioc',
		operation: 'getMany',
		base: { returnAll: false, limit: 10, filters: {} },
		fields: [
			limitField,
			{ param: 'filters.types', label: 'Types', good: ['md5'], bad: () => [['sha1'], 'md5, url', ['MD5'], [{ a: 1 }]] },
			{ param: 'filters.values', label: 'Values', good: GOOD.md5, bad: (prng) => [...withControl(prng, GOOD.md5, 4), ...oversized(prng, 200, 2, LIST_SAFE)] },
			{ param: 'filters.policies', label: 'Policies', good: ['detect'], bad: () => [['prevent'], 'detect, allow', ['DETECT']] },
			{ param: 'filters.sources', label: 'Sources', good: 'feed', bad: (prng) => [...withControl(prng, 'feed', 3), ...oversized(prng, 200, 2, LIST_SAFE)] },
			{ param: 'filters.created_by', label: 'Created By', good: 'api-client', bad: (prng) => badText(prng, 256, 'api-client') },
			{ param: 'filters.deleted_by', label: 'Deleted By', good: 'api-client', bad: (prng) => badText(prng, 256, 'api-client') },
			{ param: 'filters.from\\.expiration_timestamp', label: 'Expiration From', good: '2024-01-01', bad: () => BAD_DATES },
			{ param: 'filters.to\\.expiration_timestamp', label: 'Expiration To', good: '2030-01-01', bad: () => BAD_DATES },
			{ param: 'filters.share_levels', label: 'Share Levels', good: ['red'], bad: () => [['green'], 'red, amber', ['RED']] },
		],
	},
	{
		node: IOCS,
		resource: 'ioc',
		operation: 'update',
		base: { type: 'sha256', value: GOOD.sha256, updateFields: { description: 'x' } },
		fields: [
			iocTypeField(),
			...iocValueFields(),
			...legacyDetails('updateFields'),
			{ param: 'updateFields.policy', label: 'Policy', good: 'none', bad: () => ['prevent', 'NONE', ...WRONG_TYPES.slice(0, 2)] },
		],
	},
	{ node: IOCS, resource: 'process', operation: 'get', base: { ids: GOOD.processId }, fields: [processIdsField] },
	{ node: IOCS, resource: 'process', operation: 'getMany', base: { type: 'sha256', value: GOOD.sha256, deviceId: GOOD.deviceId, returnAll: false, limit: 10 }, fields: observedFields(true, true) },
];

// ---------------------------------------------------------------------------
// CrowdStrike Falcon Quick Scan

const QUICK_SCAN = 'crowdStrikeFalconQuickScan';
export const FILE = toBinary('sample file content for the upload', { fileName: 'sample.txt' });
const binaryFields = (): FieldSpec[] => [
	{
		param: 'binaryPropertyName',
		label: 'Input Binary Field',
		good: 'data',
		bad: (prng) => [
			// Another name than the item's file has (the item's file is "data").
			'file',
			'Data',
			'attachment_0',
			'data.1',
			'datа',
			// No file at all, or an empty one.
			{ value: 'data', item: { json: { v: 'data' } } },
			{ value: 'data', item: { json: { v: 'data' }, binary: {} } },
			{ value: 'data', item: { json: { v: 'data' }, binary: { data: toBinary(Buffer.alloc(0), { fileName: 'empty.bin' }) } } },
			// No name, or a name no field can have.
			'',
			'   ',
			...withControl(prng, 'data', 2),
			...oversized(prng, 200, 1),
		],
	},
	{ param: 'options.fileName', label: 'File Name', good: 'report.pdf', bad: (prng) => [...withControl(prng, 'report.pdf', 4), ...oversized(prng, 255, 2)] },
	{ param: 'options.comment', label: 'Comment', good: 'from the mail gateway', bad: (prng) => badText(prng, 1024) },
];
/** Poll Interval and Timeout: per item for File → Scan, from the first item for Scan → Submit (with Wait for Verdict). */
const pollingFields = (nodeLevel: boolean): FieldSpec[] => [
	{ param: 'options.pollInterval', label: 'Poll Interval (Seconds)', good: 1, nodeLevel, ...(nodeLevel ? { params: { options: { wait: true } } } : {}), bad: () => badNumbers({ min: 0.1, max: 3600, optional: true }) },
	{ param: 'options.pollTimeout', label: 'Timeout (Seconds)', good: 60, nodeLevel, ...(nodeLevel ? { params: { options: { wait: true } } } : {}), bad: () => badNumbers({ min: 0, max: 86_400, optional: true }) },
];
const sha256sField = (param: string, label: string): FieldSpec => ({
	param,
	label,
	good: GOOD.sha256,
	bad: (prng) => badIds(prng, GOOD.sha256, [...badHex(prng, 64, 10), GOOD.md5, ...fqlInjections(prng, GOOD.sha256, 3), ...withControl(prng, GOOD.sha256, 2), ...WRONG_TYPES.slice(0, 2)]),
});

const quickScanSpecs: OperationSpec[] = [
	{ node: QUICK_SCAN, resource: 'file', operation: 'scan', binary: true, base: { binaryPropertyName: 'data', options: {} }, fields: [...binaryFields(), { param: 'options.maxFilesPerScan', label: 'Max Files per Scan', good: 50, nodeLevel: true, bad: () => badNumbers({ min: 1, max: 100, integer: true, optional: true }) }, ...pollingFields(false)] },
	{ node: QUICK_SCAN, resource: 'sample', operation: 'delete', base: { samples: GOOD.sha256 }, fields: [sha256sField('samples', 'Sample SHA256s')] },
	{
		node: QUICK_SCAN,
		resource: 'sample',
		operation: 'download',
		base: { sha256: GOOD.sha256, binaryPropertyName: 'data', passwordProtected: true, options: {} },
		fields: [
			{ param: 'sha256', label: 'Sample SHA256', good: GOOD.sha256, bad: (prng) => [...badHex(prng, 64, 10), GOOD.md5, ...fqlInjections(prng, GOOD.sha256, 3), ...withControl(prng, GOOD.sha256, 2), '', ...WRONG_TYPES] },
			{ param: 'binaryPropertyName', label: 'Put Output File in Field', good: 'data', bad: (prng) => [...withControl(prng, 'data', 4), ...oversized(prng, 200, 2), ...WRONG_TYPES.slice(0, 2)] },
			{ param: 'options.fileName', label: 'File Name', good: 'sample.zip', bad: (prng) => [...withControl(prng, 'sample.zip', 4), ...oversized(prng, 255, 2)] },
		],
	},
	{ node: QUICK_SCAN, resource: 'sample', operation: 'upload', binary: true, base: { binaryPropertyName: 'data', options: {} }, fields: binaryFields() },
	{
		node: QUICK_SCAN,
		resource: 'scan',
		operation: 'get',
		base: { ids: GOOD.scanId },
		fields: [{ param: 'ids', label: 'Scan IDs', good: GOOD.scanId, bad: (prng) => badIds(prng, GOOD.scanId, [GOOD.sha256, prng.hex(65), `${prng.hex(32)}-${prng.hex(32)}`, `${prng.hex(31)}_${prng.hex(32)}`, `${prng.hex(32)}_${prng.hex(33)}`, `${prng.hex(32)}__${prng.hex(32)}`, ...fqlInjections(prng, GOOD.scanId, 4), ...withControl(prng, GOOD.scanId, 2), ...WRONG_TYPES.slice(0, 2)]) }],
	},
	{ node: QUICK_SCAN, resource: 'scan', operation: 'getAggregates', base: { aggregateMode: 'fields', aggregationType: 'terms', field: 'status' }, fields: aggregateFields('status') },
	{
		node: QUICK_SCAN,
		resource: 'scan',
		operation: 'getMany',
		base: { returnAll: false, limit: 10, filter: '', options: {} },
		fields: [limitField, { param: 'filter', label: 'Filter', good: "status:'done'", bad: (prng) => badFilter(prng) }, { param: 'options.sort', label: 'Sort', good: 'desc', bad: (prng) => badText(prng, 200, 'desc') }],
	},
	{
		node: QUICK_SCAN,
		resource: 'scan',
		operation: 'submit',
		base: { samples: GOOD.sha256, options: {} },
		fields: [
			sha256sField('samples', 'Sample SHA256s'),
			{ param: 'samples', label: 'Sample SHA256s', good: GOOD.sha256, params: { options: { maxSamplesPerScan: 2 } }, bad: (prng) => [3, 5, 40].map((n) => Array.from({ length: n }, () => prng.hex(64))) },
			{ param: 'options.maxSamplesPerScan', label: 'Max Samples per Scan', good: 50, nodeLevel: true, bad: () => badNumbers({ min: 1, max: 100, integer: true, optional: true }) },
			...pollingFields(true),
		],
	},
];

// ---------------------------------------------------------------------------
// CrowdStrike Falcon Quick Scan Pro

const QUICK_SCAN_PRO = 'crowdStrikeFalconQuickScanPro';
const QSP_SCAN_ID = 'c4f8a1e0b2d34f6a9e7c5b3d1f0a2e4c';
/** The file fields of an upload: Quick Scan's, without the comment Quick Scan Pro does not take. */
const qspFileFields = (): FieldSpec[] => binaryFields().filter((field) => field.param !== 'options.comment');
const archivePasswordField = (params?: IDataObject): FieldSpec => ({
	param: 'options.archivePassword',
	label: 'Archive Password',
	good: 'infected',
	...(params ? { params } : {}),
	bad: (prng) => badText(prng, 1024, 'infected'),
});
const qspScanIdsField: FieldSpec = {
	param: 'ids',
	label: 'Scan IDs',
	good: QSP_SCAN_ID,
	bad: (prng) => badIds(prng, QSP_SCAN_ID, [...badHex(prng, 32, 10), GOOD.scanId, GOOD.sha256, GOOD.md5.replace(/f/g, 'g'), ...fqlInjections(prng, QSP_SCAN_ID, 4), ...withControl(prng, QSP_SCAN_ID, 2), ...WRONG_TYPES.slice(0, 2)]),
};

const quickScanProSpecs: OperationSpec[] = [
	{
		node: QUICK_SCAN_PRO,
		resource: 'file',
		operation: 'scan',
		binary: true,
		base: { binaryPropertyName: 'data', options: {} },
		fields: [
			...qspFileFields(),
			archivePasswordField(),
			{ param: 'options.maxFilesPerRequest', label: 'Max Files per Request', good: 50, nodeLevel: true, bad: () => badNumbers({ min: 1, max: 100, integer: true, optional: true }) },
			...pollingFields(false),
		],
	},
	{ node: QUICK_SCAN_PRO, resource: 'file', operation: 'upload', binary: true, base: { binaryPropertyName: 'data', options: {} }, fields: [...qspFileFields(), archivePasswordField({ options: { startScan: true } })] },
	{ node: QUICK_SCAN_PRO, resource: 'file', operation: 'delete', base: { sha256s: GOOD.sha256 }, fields: [sha256sField('sha256s', 'File SHA256s')] },
	{
		node: QUICK_SCAN_PRO,
		resource: 'scan',
		operation: 'launch',
		base: { sha256s: GOOD.sha256, options: {} },
		fields: [
			sha256sField('sha256s', 'File SHA256s'),
			{ param: 'sha256s', label: 'File SHA256s', good: GOOD.sha256, params: { options: { wait: false } }, bad: (prng) => [101, 250].map((n) => Array.from({ length: n }, () => prng.hex(64))) },
			archivePasswordField(),
			...pollingFields(false),
		],
	},
	{ node: QUICK_SCAN_PRO, resource: 'scan', operation: 'get', base: { ids: QSP_SCAN_ID }, fields: [qspScanIdsField] },
	{
		node: QUICK_SCAN_PRO,
		resource: 'scan',
		operation: 'getMany',
		base: { returnAll: false, limit: 10, filter: '', options: {} },
		fields: [limitField, { param: 'filter', label: 'Filter', good: "verdict:'malicious'", bad: (prng) => badFilter(prng) }],
	},
	{ node: QUICK_SCAN_PRO, resource: 'scan', operation: 'delete', base: { ids: QSP_SCAN_ID }, fields: [qspScanIdsField] },
];

// ---------------------------------------------------------------------------
// CrowdStrike Falcon Quarantine

const QUARANTINE = 'crowdStrikeFalconQuarantine';
const quarantineIdsField: FieldSpec = {
	param: 'ids',
	label: 'Quarantine IDs',
	good: GOOD.quarantineId,
	bad: (prng) =>
		badIds(prng, GOOD.quarantineId, [
			GOOD.sha256,
			GOOD.deviceId,
			`${prng.hex(32)}-${prng.hex(64)}`,
			`${prng.hex(31)}_${prng.hex(64)}`,
			`${prng.hex(32)}_${prng.hex(63)}`,
			`${prng.hex(32)}_${prng.hex(64)}_${prng.hex(4)}`,
			`${prng.hex(64)}_${prng.hex(32)}`,
			insertAt(GOOD.quarantineId, 10, 'g'),
			...fqlInjections(prng, GOOD.quarantineId, 4),
			...withControl(prng, GOOD.quarantineId, 2),
			...WRONG_TYPES.slice(0, 2),
		]),
};
const fileActionField: FieldSpec = { param: 'fileAction', label: 'Action', good: 'release', bad: () => ['restore', 'RELEASE', 'quarantine', '', 'delete ', 'release\u0000', ...WRONG_TYPES.slice(0, 2)] };
const quarantineSpecs: OperationSpec[] = [
	{
		node: QUARANTINE,
		resource: 'quarantinedFile',
		operation: 'applyActionByIds',
		base: { ids: GOOD.quarantineId, fileAction: 'release', comment: '', options: {} },
		fields: [
			quarantineIdsField,
			fileActionField,
			{ param: 'comment', label: 'Comment', good: 'released after review', bad: (prng) => badText(prng, 1024) },
			{ param: 'options.batchSize', label: 'Batch Size', good: 100, nodeLevel: true, bad: () => badNumbers({ min: 1, max: 500, integer: true, optional: true }) },
		],
	},
	{
		node: QUARANTINE,
		resource: 'quarantinedFile',
		operation: 'applyActionByQuery',
		base: { fileAction: 'release', filter: "state:'quarantined'", q: '', comment: '', preview: false, limitAffected: true, maxFiles: 100 },
		fields: [
			fileActionField,
			{ param: 'filter', label: 'Filter', good: "state:'quarantined'", bad: (prng) => badFilter(prng) },
			{ param: 'filter', label: 'Filter', good: "state:'quarantined'", params: { q: '' }, bad: () => ['', '   '] },
			{ param: 'q', label: 'Search', good: 'invoice', bad: (prng) => badText(prng, 1000, 'invoice') },
			{ param: 'comment', label: 'Comment', good: 'released', bad: (prng) => badText(prng, 1024) },
			{ param: 'maxFiles', label: 'Max Files to Affect', good: 100, bad: numberField({ min: 0, integer: true }) },
		],
	},
	{ node: QUARANTINE, resource: 'quarantinedFile', operation: 'countAffected', base: { filter: "state:'quarantined'" }, fields: [{ param: 'filter', label: 'Filter', good: "state:'quarantined'", bad: (prng) => badFilter(prng, true) }] },
	{ node: QUARANTINE, resource: 'quarantinedFile', operation: 'get', base: { ids: GOOD.quarantineId }, fields: [quarantineIdsField] },
	{ node: QUARANTINE, resource: 'quarantinedFile', operation: 'getAggregates', base: { aggregateMode: 'fields', aggregationType: 'terms', field: 'state' }, fields: aggregateFields('state') },
	{
		node: QUARANTINE,
		resource: 'quarantinedFile',
		operation: 'getMany',
		base: { returnAll: false, limit: 10, filter: '', q: '', options: {} },
		fields: [
			limitField,
			{ param: 'filter', label: 'Filter', good: "state:'quarantined'", bad: (prng) => badFilter(prng) },
			{ param: 'q', label: 'Search', good: 'invoice', bad: (prng) => badText(prng, 1000, 'invoice') },
			{ param: 'options.sort', label: 'Sort', good: 'date_created|desc', bad: (prng) => badText(prng, 200, 'date_created|desc') },
		],
	},
];

// ---------------------------------------------------------------------------
// Cytomic Orion

const ORION = 'cytomicOrion';
type OrionType = 'FileHashIoc' | 'UrlIoc' | 'IPIoc' | 'DomainIoc';
const ORION_GOOD: Record<OrionType, string> = { FileHashIoc: GOOD.md5, UrlIoc: GOOD.url, IPIoc: GOOD.ipv4, DomainIoc: 'malware.example.com' };
function badOrionValues(type: OrionType, prng: Prng): unknown[] {
	const good = ORION_GOOD[type];
	const specific: Record<OrionType, unknown[]> = {
		FileHashIoc: [...badHex(prng, 32, 8), GOOD.sha256, prng.hex(40), ...fqlInjections(prng, GOOD.md5, 3)],
		UrlIoc: ['malware.example.com/payload', 'www.example.com', '//example.com/x', 'https://', 'http:// example.com', 'https://exa mple.com/', `https://example.com/${'a'.repeat(2100)}`, 'javascript:alert(1)', 'https://[::1/', 'mailto:a@example.com', ...withControl(prng, GOOD.url, 3)],
		IPIoc: ['256.1.1.1', '1.2.3', '01.2.3.4', '1.2.3.4/24', '::g', '1::2::3', 'localhost', 'malware.example.com', '1.2.3.4:80', "1.2.3.4'", ...fqlInjections(prng, GOOD.ipv4, 3)],
		DomainIoc: ['https://malware.example.com', 'malware.example.com/path', '203.0.113.7', '2001:db8::7', 'localhost', 'example', '-bad.example.com', 'bad-.example.com', `${'a'.repeat(64)}.example.com`, 'exa mple.com', 'example.123', "evil.com'", ...fqlInjections(prng, 'malware.example.com', 3)],
	};
	return [...specific[type], ...(type === 'UrlIoc' ? [] : withControl(prng, good, 3)), '', ' ', [], null, { a: 1 }];
}
const BAD_ORION_TYPES: unknown[] = ['FileHashes', 'sha256', 'UrlIOCs', 'ipv7', 'Ioc', '', ' ', 'FileHashIoc\u0000', "IPIoc'", ...WRONG_TYPES.slice(0, 3), null];
const orionIocFields = (): FieldSpec[] => [
	{ param: 'iocType', label: 'IOC Type', good: 'FileHashIoc', bad: () => BAD_ORION_TYPES },
	...(Object.keys(ORION_GOOD) as OrionType[]).map((type) => ({ param: 'values', label: 'IOC Values', good: ORION_GOOD[type], params: { iocType: type }, bad: (prng: Prng) => badOrionValues(type, prng) })),
];
const orionBatchSize: FieldSpec = { param: 'options.batchSize', label: 'Batch Size', good: 50, nodeLevel: true, bad: () => badNumbers({ min: 1, max: 1000, integer: true, optional: true }) };
const orionSpecs: OperationSpec[] = [
	{ node: ORION, resource: 'ioc', operation: 'delete', base: { iocType: 'FileHashIoc', values: GOOD.md5, options: {} }, fields: [...orionIocFields(), orionBatchSize] },
	{ node: ORION, resource: 'ioc', operation: 'getManyByAttributes', base: { iocType: 'FileHashIoc', values: GOOD.md5, options: {} }, fields: [...orionIocFields(), orionBatchSize] },
	{
		node: ORION,
		resource: 'ioc',
		operation: 'getManyByDate',
		base: { iocType: 'FileHashIoc', from: '2024-01-01', to: '', includeDeleted: false, returnAll: false, limit: 50 },
		fields: [
			{ param: 'iocType', label: 'IOC Type', good: 'FileHashIoc', bad: () => BAD_ORION_TYPES },
			{ param: 'from', label: 'From', good: '2024-01-01', bad: () => [...BAD_DATES, '', '2999-01-01'] },
			{ param: 'to', label: 'To', good: '2030-01-01', bad: () => BAD_DATES },
			limitField,
		],
	},
	{
		node: ORION,
		resource: 'ioc',
		operation: 'import',
		base: { iocType: 'FileHashIoc', values: GOOD.md5, daysToExpiration: 30, retrospective: false, additionalFields: {}, options: {} },
		fields: [
			...orionIocFields(),
			{ param: 'daysToExpiration', label: 'Days to Expiration', good: 30, bad: numberField({ min: 1, max: 36500, integer: true }) },
			...(['source', 'policy', 'description', 'additionalData'] as const).map((name) => ({
				param: `additionalFields.${name}`,
				label: { source: 'Source', policy: 'Policy', description: 'Description', additionalData: 'Additional Data' }[name],
				good: 'feed-1',
				bad: (prng: Prng) => badText(prng, 8000, 'feed-1'),
			})),
			orionBatchSize,
		],
	},
	{
		node: ORION,
		resource: 'ioc',
		operation: 'retrospectiveSearch',
		base: { iocType: 'FileHashIoc', values: GOOD.md5, options: {} },
		fields: [...orionIocFields(), orionBatchSize, { param: 'options.timeoutSeconds', label: 'Timeout (Seconds)', good: 120, nodeLevel: true, bad: () => badNumbers({ min: 1, max: 600 }) }],
	},
];

// ---------------------------------------------------------------------------
// CrowdStrike Falcon Host

const HOST = 'crowdStrikeFalconHost';
const badDeviceIds = (prng: Prng) =>
	badIds(prng, GOOD.deviceId, [...badHex(prng, 32, 8), GOOD.sha256, GOOD.hostGroup.slice(0, 31), ...withControl(prng, GOOD.deviceId, 3), ...fqlInjections(prng, GOOD.deviceId, 4), ...WRONG_TYPES.slice(0, 2)]);
const hostInputFields = (): FieldSpec[] => [
	{ param: 'deviceIds', label: 'Device IDs', good: GOOD.deviceId, bad: badDeviceIds },
	{
		param: 'hostnames',
		label: 'Hostnames',
		good: 'WS-NYC-0042',
		params: { hostInput: 'hostname' },
		bad: (prng) => [...withControl(prng, 'WS-NYC-0042', 5), ...oversized(prng, 255, 2, LIST_SAFE), '', ' , ', [], null, ...WRONG_TYPES.slice(0, 2)],
	},
	{
		param: 'ipAddresses',
		label: 'IP Addresses',
		good: GOOD.ipv4,
		params: { hostInput: 'ip' },
		bad: (prng) => badIds(prng, GOOD.ipv4, ['256.1.1.1', '1.2.3', '10.0.0.1/24', 'host.example', GOOD.sha256, ...withControl(prng, GOOD.ipv4, 3), ...fqlInjections(prng, GOOD.ipv4, 3), ...WRONG_TYPES.slice(0, 2)]),
	},
];
const hostGroupField: FieldSpec = {
	param: 'hostGroup',
	label: 'Host Group',
	good: GOOD.hostGroup,
	bad: (prng) => [...badHex(prng, 32, 8), 'Finance', '', `${GOOD.hostGroup}'`, ...fqlInjections(prng, GOOD.hostGroup, 3), ...withControl(prng, GOOD.hostGroup, 2)],
};
const hostActionSpec = (operation: string): OperationSpec => ({
	node: HOST,
	resource: 'host',
	operation,
	base: { hostInput: 'id', deviceIds: GOOD.deviceId, preview: false, limitAffected: true, maxHosts: 10 },
	fields: [...hostInputFields(), { param: 'maxHosts', label: 'Max Hosts to Affect', good: 10, nodeLevel: true, bad: () => badNumbers({ min: 1, integer: true }) }],
});
const hostSpecs: OperationSpec[] = [
	{
		node: HOST,
		resource: 'host',
		operation: 'getMany',
		base: { returnAll: false, limit: 10, filter: '', filters: {}, options: {}, simplify: true },
		fields: [
			{ param: 'filter', label: 'Filter', good: "platform_name:'Windows'", bad: (prng) => badFilter(prng) },
			limitField,
			{ param: 'filters.hostname', label: 'Hostname', good: 'WS-*', bad: (prng) => [...withControl(prng, 'WS-*', 4), ...oversized(prng, 255, 2), ...WRONG_TYPES.slice(0, 2)] },
			{ param: 'filters.localIp', label: 'Local IP', good: GOOD.ipv4, bad: (prng) => ['256.1.1.1', '1.2.3', 'a.b.c.d', ...fqlInjections(prng, GOOD.ipv4, 4), ...withControl(prng, GOOD.ipv4, 2)] },
			{ param: 'filters.externalIp', label: 'External IP', good: GOOD.ipv6, bad: (prng) => ['1::2::3', 'g::1', ...fqlInjections(prng, GOOD.ipv6, 4), ...withControl(prng, GOOD.ipv6, 2)] },
			{ param: 'filters.platform', label: 'Platform', good: 'Windows', bad: () => ['windows', 'Android', 'Win', "Windows'", ...WRONG_TYPES.slice(0, 2)] },
			{ param: 'filters.status', label: 'Containment Status', good: 'contained', bad: () => ['isolated', 'Contained', "contained'", ...WRONG_TYPES.slice(0, 2)] },
			{ param: 'filters.lastSeenAfter', label: 'Last Seen After', good: '2025-01-01T00:00:00Z', bad: () => BAD_DATES.filter((value) => value !== '' && value !== null && value !== undefined) },
			{ param: 'filters.hostGroupId', label: 'Host Group ID', good: GOOD.hostGroup, bad: (prng) => [...badHex(prng, 32, 6), ...fqlInjections(prng, GOOD.hostGroup, 3)] },
			{ param: 'filters.tags', label: 'Tags', good: 'FalconGroupingTags/VIP', bad: (prng) => [...withControl(prng, 'FalconGroupingTags/VIP', 3), ...oversized(prng, 255, 1, LIST_SAFE), ...WRONG_TYPES.slice(0, 2)] },
			{ param: 'options.sort', label: 'Sort', good: 'hostname.asc', bad: (prng) => [...withControl(prng, 'hostname.asc', 3), ...oversized(prng, 200, 1)] },
		],
	},
	{ node: HOST, resource: 'host', operation: 'get', base: { hostInput: 'id', deviceIds: GOOD.deviceId, simplify: true }, fields: hostInputFields() },
	{ node: HOST, resource: 'host', operation: 'getOnlineState', base: { hostInput: 'id', deviceIds: GOOD.deviceId }, fields: hostInputFields() },
	hostActionSpec('contain'),
	hostActionSpec('liftContainment'),
	hostActionSpec('hide'),
	hostActionSpec('unhide'),
	{
		node: HOST,
		resource: 'hostGroup',
		operation: 'addHosts',
		base: { hostGroup: GOOD.hostGroup, hostInput: 'id', deviceIds: GOOD.deviceId },
		fields: [hostGroupField, ...hostInputFields()],
	},
	{
		node: HOST,
		resource: 'hostGroup',
		operation: 'getMembers',
		base: { hostGroup: GOOD.hostGroup, returnAll: false, limit: 10, filter: '', options: {}, simplify: true },
		fields: [hostGroupField, limitField, { param: 'filter', label: 'Filter', good: "platform_name:'Windows'", bad: (prng) => badFilter(prng) }],
	},
];

// ---------------------------------------------------------------------------
// CrowdStrike Falcon Alert

const ALERT = 'crowdStrikeFalconAlert';
const GOOD_COMPOSITE_ID = `${GOOD.hostGroup}:ind:${GOOD.deviceId}:1234567890-10197-42`;
const compositeIdsField: FieldSpec = {
	param: 'compositeIds',
	label: 'Composite Alert IDs',
	good: GOOD_COMPOSITE_ID,
	bad: (prng) =>
		badIds(prng, GOOD_COMPOSITE_ID, [
			GOOD.deviceId,
			`ind:${GOOD.deviceId}:1`,
			`${GOOD.hostGroup}:ind`,
			`${GOOD.hostGroup.slice(1)}:ind:${GOOD.deviceId}:1`,
			`${GOOD.hostGroup}:ind:${GOOD.deviceId}:1'`,
			`${GOOD.hostGroup}:ind:${GOOD.deviceId}:${'a'.repeat(401)}`,
			...withControl(prng, GOOD_COMPOSITE_ID, 3),
			...fqlInjections(prng, GOOD_COMPOSITE_ID, 3),
			...WRONG_TYPES.slice(0, 2),
		]),
};
const alertSpecs: OperationSpec[] = [
	{
		node: ALERT,
		resource: 'alert',
		operation: 'getMany',
		base: { returnAll: false, limit: 10, filter: '', filters: {}, options: {}, simplify: true },
		fields: [
			{ param: 'filter', label: 'Filter', good: "status:'new'", bad: (prng) => badFilter(prng) },
			limitField,
			{ param: 'filters.minSeverity', label: 'Minimum Severity', good: 'High', bad: () => ['high', 'Severe', "High'", 'High\u0000', ...WRONG_TYPES.slice(0, 2)] },
			{ param: 'filters.status', label: 'Status', good: 'new', bad: () => ['open', 'New', "new'", ...WRONG_TYPES.slice(0, 2)] },
			{ param: 'filters.hostname', label: 'Hostname', good: 'WS-NYC-0042', bad: (prng) => [...withControl(prng, 'WS-NYC-0042', 4), ...oversized(prng, 255, 2)] },
			{ param: 'filters.sha256', label: 'SHA256', good: GOOD.sha256, bad: (prng) => [...badHex(prng, 64, 6), ...fqlInjections(prng, GOOD.sha256, 3)] },
			{ param: 'filters.createdAfter', label: 'Created After', good: '2025-01-01T00:00:00Z', bad: () => BAD_DATES.filter((value) => value !== '' && value !== null && value !== undefined) },
			{ param: 'options.sort', label: 'Sort', good: 'created_timestamp|desc', bad: (prng) => [...withControl(prng, 'created_timestamp|desc', 3), ...oversized(prng, 200, 1)] },
		],
	},
	{ node: ALERT, resource: 'alert', operation: 'get', base: { compositeIds: GOOD_COMPOSITE_ID, simplify: true, options: {} }, fields: [compositeIdsField] },
	{
		node: ALERT,
		resource: 'alert',
		operation: 'update',
		base: { compositeIds: GOOD_COMPOSITE_ID, updateFields: { status: 'in_progress' }, options: {} },
		fields: [
			compositeIdsField,
			{ param: 'updateFields.status', label: 'Status', good: 'closed', bad: () => ['done', 'Closed', 'in progress', '', ...WRONG_TYPES.slice(0, 2)] },
			{ param: 'updateFields.comment', label: 'Comment', good: 'contained by n8n', bad: (prng) => badText(prng, 10_000) },
			{ param: 'updateFields.assignToName', label: 'Assign to User Name', good: 'Jane Doe', bad: (prng) => badText(prng, 2000, 'Jane Doe') },
			{ param: 'updateFields.assignToUuid', label: 'Assign to User UUID', good: '00000000-0000-0000-0000-000000000000', bad: (prng) => ['bob', '00000000-0000-0000-0000-00000000000', ...withControl(prng, '00000000-0000-0000-0000-000000000000', 2), ...WRONG_TYPES.slice(0, 2)] },
			{ param: 'updateFields.addTags', label: 'Add Tags', good: 'n8n, contained', bad: (prng) => [...withControl(prng, 'n8n', 3), ...oversized(prng, 255, 1, LIST_SAFE)] },
		],
	},
	{ node: ALERT, resource: 'alert', operation: 'getAggregates', base: { aggregateMode: 'fields', aggregationType: 'terms', field: 'severity_name', aggregateOptions: {}, options: {} }, fields: aggregateFields('severity_name') },
];

export const SPECS: Record<string, OperationSpec[]> = {
	[HOST]: hostSpecs,
	[ALERT]: alertSpecs,
	[IOC]: iocSpecs,
	[IOCS]: iocsSpecs,
	[QUICK_SCAN]: quickScanSpecs,
	[QUICK_SCAN_PRO]: quickScanProSpecs,
	[QUARANTINE]: quarantineSpecs,
	[ORION]: orionSpecs,
};

export function specName(spec: OperationSpec): string {
	return `${spec.resource} → ${spec.operation}${spec.variant ? ` (${spec.variant})` : ''}`;
}
