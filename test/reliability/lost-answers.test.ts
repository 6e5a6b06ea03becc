/**
 * Writes whose answers are lost after the API committed them (test/harness/answer-cutter.ts cuts
 * every create's answer): what the look-up confirms is kept, what it shows refused keeps its
 * error, and when the look-up itself fails every item says its outcome is unknown, naming its
 * indicator and asking to check before running it again, never a plain "Failed after N retries".
 */
import { EICAR_SHA256 } from '../../sandbox';
import { runNode } from '../harness';
import { startAnswerCutter, type AnswerCutter } from '../harness/answer-cutter';
import { apiCalls, falconStore, useSandbox } from '../falcon/fixture';
import { ORION_API, orionStore } from '../orion/helpers';

const sandbox = useSandbox();
const CREATE = '/iocs/entities/indicators/v1';
const LOOK_UP = '/iocs/combined/indicator/v1';
const REQUEST_OPTIONS = { maxRetries: 2, retryBaseMs: 10 };
const sha = (n: number) => `10570${n.toString(16).padStart(59, '0')}`;

let cutter: AnswerCutter | undefined;
afterEach(async () => {
	await cutter?.close();
	cutter = undefined;
	Object.assign(sandbox().config.faults, { rate5xx: 0, paths: undefined });
});

async function createThroughCutter(values: string[]) {
	cutter = await startAnswerCutter(sandbox().url, ({ method, path }) => method === 'POST' && path === CREATE);
	return await runNode({
		type: 'crowdStrikeFalconIoc',
		parameters: {
			resource: 'indicator',
			operation: 'create',
			type: 'sha256',
			value: '={{ $json.value }}',
			action: 'detect',
			severity: 'low',
			platforms: ['windows'],
			appliedGlobally: true,
			options: { batchSize: 100 },
			requestOptions: REQUEST_OPTIONS,
		},
		input: values.map((value) => ({ json: { value } })),
		credentials: falconStore(sandbox(), { customBaseUrl: cutter.url }),
		continueOnFail: true,
	});
}

describe('IOC → Create, every answer lost after the commit', () => {
	it('99 new and 1 the API refuses (it existed): 99 created as the look-up confirmed them, the refused one with its error, one POST', async () => {
		const values = [...Array.from({ length: 99 }, (_, i) => sha(i)), EICAR_SHA256];
		const result = await createThroughCutter(values);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(100);
		result.items.slice(0, 99).forEach((item, index) => {
			expect(item.json).toMatchObject({ type: 'sha256', value: values[index], id: expect.any(String) });
			expect(item.json.error).toBeUndefined();
		});
		expect(result.items[99].json.error).toBe(`Duplicate type: 'sha256' and value: '${EICAR_SHA256}' combination.`);
		expect(apiCalls(sandbox(), CREATE)).toHaveLength(1);
		expect(cutter?.cut).toBe(1);
	});

	it('the look-up fails (500): every item says its outcome is unknown, names its indicator and asks to check first', async () => {
		Object.assign(sandbox().config.faults, { rate5xx: 1, paths: [LOOK_UP] });
		const values = Array.from({ length: 150 }, (_, i) => sha(1000 + i));
		const result = await createThroughCutter(values);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(150);
		result.items.forEach((item, index) => {
			expect(item.json.error).toMatch(new RegExp(`^Unknown outcome for the sha256 indicator ${values[index]}: the write was not confirmed and may or may not have been applied`));
			expect(String(item.json.error)).not.toMatch(/Failed after \d+ retries/);
			expect(String(item.json.error)).toContain('the look-up of what landed failed too');
			expect(String(item.json.description)).toContain(`Check the sha256 indicator ${values[index]} in the console before running this item again`);
		});
		// They were created: the unknown outcome was the truth.
		for (const value of values) expect(sandbox().state.iocs.findByValue('sha256', value)).toBeDefined();
	});
});

describe('Orion → Import, every answer lost after the commit', () => {
	async function importThroughCutter(values: string[]) {
		cutter = await startAnswerCutter(sandbox().url, ({ method, path }) => method === 'POST' && path === `${ORION_API}/iocs/IPIoc`);
		return await runNode({
			type: 'cytomicOrion',
			parameters: { resource: 'ioc', operation: 'import', iocType: 'IPIoc', values: '={{ $json.ip }}', daysToExpiration: 5, requestOptions: REQUEST_OPTIONS },
			input: values.map((ip) => ({ json: { ip } })),
			credentials: orionStore(sandbox(), { baseUrl: `${cutter.url}${ORION_API}`, authUrl: `${cutter.url}/orion/oauth/token` }),
			continueOnFail: true,
		});
	}

	it('the look-up confirms them: each imported, none sent twice', async () => {
		const values = Array.from({ length: 60 }, (_, i) => `198.51.100.${i + 1}`);
		const result = await importThroughCutter(values);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(60);
		result.items.forEach((item, index) => expect(item.json).toMatchObject({ value: values[index], success: true, confirmedByLookup: true }));
		const sent = apiCalls(sandbox(), `${ORION_API}/iocs/IPIoc`).flatMap((call) => (call.body as Array<{ ip: string }>).map((entry) => entry.ip));
		expect(sent.sort()).toEqual([...values].sort());
	});

	it('the look-up fails (500): every item says its outcome is unknown, naming its IOC', async () => {
		Object.assign(sandbox().config.faults, { rate5xx: 1, paths: [`${ORION_API}/iocs/IPIoc/getter/`] });
		const values = Array.from({ length: 60 }, (_, i) => `198.51.100.${i + 101}`);
		const result = await importThroughCutter(values);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(60);
		result.items.forEach((item, index) => {
			expect(item.json.error).toMatch(new RegExp(`^Unknown outcome for the IPIoc ${values[index].replace(/\./g, '\\.')}: the write was not confirmed and may or may not have been applied`));
			expect(String(item.json.error)).not.toMatch(/Failed after \d+ retries/);
		});
	});
});
