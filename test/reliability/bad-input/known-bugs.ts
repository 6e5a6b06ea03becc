/**
 * Bad inputs that still get through, in code other engineers own (nodes/common, nodes/CrowdStrike/Ioc,
 * nodes/CrowdStrike/shared): reported, not fixed here. Their cases run in `it.failing` tests, which
 * start failing once the bug is fixed; then delete the entry.
 *
 * Keys: `<node> <resource → operation[ (variant)]> <parameter>[ <extra parameters as JSON>]`.
 */
import type { SuiteOptions } from './run';

type KnownBugs = NonNullable<SuiteOptions['knownBugs']>;

const IOC = 'crowdStrikeFalconIoc';
const IOCS = 'crowdStrikeFalconIocs';

const LIMIT = 'B1 nodes/common/return-all.ts readWanted: Limit is not checked; 0, negatives, fractions, text and ±Infinity are sent and the API answers 400 (a NodeApiError after the request)';
const DOMAIN_IP = 'B2 nodes/CrowdStrike/shared/schemas.ts: type domain takes an IPv4 address (203.0.113.7) and sends it; the API refuses it';
const SPLIT = 'B3 nodes/CrowdStrike/shared/schemas.ts listOf: a vertical tab or form feed inside an ID or tag splits it in two, and both halves are sent';
const ROLLOVER = 'B4 nodes/CrowdStrike/shared/schemas.ts expirationSchema: impossible dates (2024-02-30, 2023-02-29, 2024-04-31) roll over to the next month and are sent';
const AGG_TYPE = 'B5 nodes/CrowdStrike/shared/aggregate.ts aggregateBody: Aggregation Type is not checked; any value is sent and the API answers 400';
const AGG_FIELD = 'B5 nodes/CrowdStrike/shared/aggregate.ts aggregateBody: a Field that is not text fails with a TypeError ("(params.field ?? "").trim is not a function"), not naming the field';
const REPORT_FORMAT = 'B6 nodes/CrowdStrike/Ioc exportReport: Report Format is not checked; xml, CSV, empty… are sent and the API answers 400';
const EMPTY_REQUIRED = 'B7 nodes/CrowdStrike/Ioc fields.ts indicatorFields: an empty Action or Platforms (an expression that gave "") is dropped and the create is sent; the API answers "action/platforms is required"';
const BATCH = 'B8 nodes/CrowdStrike/Ioc create and update: Batch Size (from an expression) is not checked; text, NaN, fractions and values above its max of 500 are taken silently (NaN puts every item in one request); 0 or less looped forever with the committed chunk(), so it is not generated';

const hasSplitter = (value: unknown) => typeof value === 'string' && /[\u000b\u000c]/.test(value);
const splitterIn = (value: unknown) => hasSplitter(value) || (Array.isArray(value) && value.some(hasSplitter));
const isIpv4 = (value: unknown) => value === '203.0.113.7';
const rolledOver = (value: unknown) => value === '2024-02-30' || value === '2023-02-29' || value === '2024-04-31';
const notText = (value: unknown) => typeof value !== 'string';
const limit = { bug: LIMIT };
const domain = { bug: DOMAIN_IP, values: isIpv4 };

export const KNOWN_BUGS: KnownBugs = {
	// B1: Limit, every Falcon Get Many.
	[`${IOC} action → getMany limit {"returnAll":false}`]: limit,
	[`${IOC} device → getMany limit {"returnAll":false}`]: limit,
	[`${IOC} indicator → getMany limit {"returnAll":false}`]: limit,
	[`${IOC} process → getMany limit {"returnAll":false}`]: limit,
	[`${IOCS} device → getMany limit {"returnAll":false}`]: limit,
	[`${IOCS} ioc → getMany limit {"returnAll":false}`]: limit,
	[`${IOCS} process → getMany limit {"returnAll":false}`]: limit,
	'crowdStrikeFalconQuickScan scan → getMany limit {"returnAll":false}': limit,
	'crowdStrikeFalconQuarantine quarantinedFile → getMany limit {"returnAll":false}': limit,
	// B2: a domain that is an IPv4 address.
	...Object.fromEntries(
		[
			`${IOC} device → count`,
			`${IOC} device → getMany`,
			`${IOC} indicator → create`,
			`${IOC} process → getMany`,
			`${IOCS} device → count`,
			`${IOCS} device → getMany`,
			`${IOCS} ioc → create`,
			`${IOCS} ioc → delete`,
			`${IOCS} ioc → get`,
			`${IOCS} ioc → update`,
			`${IOCS} process → getMany`,
		].map((op) => [`${op} value {"type":"domain"}`, domain]),
	),
	// B3: lists split on vertical tab and form feed.
	[`${IOC} action → get ids`]: { bug: SPLIT, values: splitterIn },
	[`${IOC} process → get ids`]: { bug: SPLIT, values: splitterIn },
	[`${IOCS} process → get ids`]: { bug: SPLIT, values: splitterIn },
	[`${IOC} indicator → create additionalFields.tags`]: { bug: SPLIT, values: splitterIn },
	[`${IOC} indicator → update (by ID) updateFields.tags`]: { bug: SPLIT, values: splitterIn },
	[`${IOCS} ioc → getMany filters.values`]: { bug: SPLIT, values: splitterIn },
	[`${IOCS} ioc → getMany filters.sources`]: { bug: SPLIT, values: splitterIn },
	// B4: impossible dates.
	[`${IOC} indicator → create additionalFields.expiration`]: { bug: ROLLOVER, values: rolledOver },
	[`${IOC} indicator → update (by ID) updateFields.expiration`]: { bug: ROLLOVER, values: rolledOver },
	[`${IOCS} ioc → getMany filters.from\\.expiration_timestamp`]: { bug: ROLLOVER, values: rolledOver },
	[`${IOCS} ioc → getMany filters.to\\.expiration_timestamp`]: { bug: ROLLOVER, values: rolledOver },
	// B5: aggregate queries built from the fields.
	...Object.fromEntries(
		[`${IOC} indicator → getAggregates`, 'crowdStrikeFalconQuickScan scan → getAggregates', 'crowdStrikeFalconQuarantine quarantinedFile → getAggregates'].flatMap((op) => [
			[`${op} aggregationType {"aggregateMode":"fields"}`, { bug: AGG_TYPE }],
			[`${op} field {"aggregateMode":"fields"}`, { bug: AGG_FIELD, values: notText }],
		]),
	),
	// B6, B7, B8: the IOC node.
	[`${IOC} indicator → exportReport reportFormat`]: { bug: REPORT_FORMAT },
	[`${IOC} indicator → create action`]: { bug: EMPTY_REQUIRED, values: (value) => value === '' },
	[`${IOC} indicator → create platforms`]: { bug: EMPTY_REQUIRED, values: (value) => value === '' },
	[`${IOC} indicator → create options.batchSize`]: { bug: BATCH },
	[`${IOC} indicator → update (by ID) options.batchSize`]: { bug: BATCH },
};
