/**
 * Values the API stores normalised (IPv6 compressed lower case, domains lower case without the
 * trailing dot, hashes lower case): created and reported created, found again by the form a user
 * types, through the IOC node, the legacy IOCs node and Orion's import.
 */
import { json, runFalcon, useSandbox } from '../falcon/fixture';
import { runNode } from '../harness';
import { orionStore } from '../orion/helpers';

const sandbox = useSandbox();
const IOC = 'crowdStrikeFalconIoc';
const HASH = 'AbCdEf'.padEnd(64, 'A');

const create = (onExisting?: string) => ({
	resource: 'indicator',
	operation: 'create',
	type: '={{ $json.type }}',
	value: '={{ $json.value }}',
	action: 'detect',
	severity: 'low',
	platforms: ['windows'],
	appliedGlobally: true,
	...(onExisting ? { options: { onExisting } } : {}),
});

const inputs = [
	{ type: 'ipv6', value: '2001:DB8::ABCD', stored: '2001:db8::abcd' },
	{ type: 'ipv6', value: '2001:0db8:0000:0000:0000:0000:0000:00ef', stored: '2001:db8::ef' },
	{ type: 'domain', value: 'Trailing-Dot.Example.', stored: 'trailing-dot.example' },
	{ type: 'sha256', value: HASH, stored: HASH.toLowerCase() },
];

describe('IOC → Create with values the API normalises', () => {
	it('creates them and reports each created, with the value as stored', async () => {
		const result = await runFalcon(sandbox(), IOC, create(), { input: inputs.map(({ type, value }) => ({ json: { type, value } })), continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(json(result).map((item) => [item.type, item.value, item.error])).toEqual(inputs.map(({ type, stored }) => [type, stored, undefined]));
		for (const { type, stored } of inputs) expect(sandbox().state.iocs.findByValue(type, stored)).toMatchObject({ value: stored });
	});

	it('"Return the Existing Indicator" finds each by another case, zero padding or a trailing dot, and creates none', async () => {
		const first = await runFalcon(sandbox(), IOC, create(), { input: inputs.map(({ type, stored }) => ({ json: { type, value: stored } })) });
		expect(first.error).toBeUndefined();
		const ids = json(first).map((item) => item.id);
		const size = sandbox().state.iocs.size;
		const again = await runFalcon(sandbox(), IOC, create('skip'), { input: inputs.map(({ type, value }) => ({ json: { type, value } })) });
		expect(again.error).toBeUndefined();
		expect(json(again).map((item) => item.id)).toEqual(ids);
		expect(sandbox().state.iocs.size).toBe(size);
	});

	it('the API\'s stored form is what the sandbox keeps, also for values sent as typed', async () => {
		const answer = sandbox().state.iocs.create(
			[{ type: 'domain', value: 'Sent-As-Typed.Example.', action: 'detect', severity: 'low', platforms: ['windows'], applied_globally: true }],
			'api',
			Date.now(),
		);
		expect(answer.errors).toEqual([]);
		expect(answer.resources).toEqual([expect.objectContaining({ value: 'sent-as-typed.example' })]);
	});
});

describe('IOCs (Legacy) → Get by type and value the user typed', () => {
	it('finds the indicator stored normalised', async () => {
		await runFalcon(sandbox(), IOC, create(), { input: [{ json: { type: 'domain', value: 'trailing-dot.example' } }] });
		const result = await runFalcon(sandbox(), 'crowdStrikeFalconIocs', { resource: 'ioc', operation: 'get', type: 'domain', value: 'TRAILING-DOT.Example.' });
		expect(result.error).toBeUndefined();
		expect(json(result)).toEqual([expect.objectContaining({ type: 'domain', value: 'trailing-dot.example' })]);
	});
});

describe('Orion → Import of values Orion stores in lower case', () => {
	it('an upper-case hash is sent and reported in lower case', async () => {
		const md5 = 'ABCDEF0123456789ABCDEF0123456789';
		const result = await runNode({
			type: 'cytomicOrion',
			parameters: { resource: 'ioc', operation: 'import', iocType: 'FileHashIoc', values: md5, daysToExpiration: 5 },
			credentials: orionStore(sandbox()),
		});
		expect(result.error).toBeUndefined();
		expect(json(result)).toEqual([expect.objectContaining({ value: md5.toLowerCase(), success: true })]);
		expect(sandbox().state.orion.ioc('FileHashIoc', md5.toLowerCase())).toBeDefined();
	});
});
