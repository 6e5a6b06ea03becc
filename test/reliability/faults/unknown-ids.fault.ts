/**
 * Get by IDs with 100,000 IDs the API does not know: every per-ID match (found records, error
 * entries naming IDs) is a map look-up, so the run ends and each unknown ID is named once.
 * In `npm run test:faults` (about 40 s on 2 shared cores).
 */
import { apiCalls, json, runFalcon, useSandbox } from '../../falcon/fixture';

const sandbox = useSandbox();
const UNKNOWN = 100_000;
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
const CID = 'c1d0'.padEnd(32, '0');

describe('Get by IDs: 100,000 unknown IDs', () => {
	it('Alert → Get: one item, 100,000 unknown composite IDs, one error naming how many and the API\'s words', async () => {
		const ids = Array.from({ length: UNKNOWN }, (_, i) => `${CID}:ind:${hex(i, 32)}:${hex(i, 8)}`);
		const result = await runFalcon(sandbox(), 'crowdStrikeFalconAlert', { resource: 'alert', operation: 'get', compositeIds: ids.join(',') }, { continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(apiCalls(sandbox(), '/alerts/entities/alerts/v2')).toHaveLength(UNKNOWN / 1000);
		const [item] = json(result);
		expect(json(result)).toHaveLength(1);
		expect(String(item.error)).toMatch(new RegExp(`^Alert not found: ${ids[0]}, ${ids[1]}, `));
		expect(String(item.error)).toContain(`100000 IDs`);
		expect(String(item.error)).toContain(`Alert with composite id '${ids[0]}' not found`);
	});

	it('Quarantine → Get: 200 items of 500 unknown IDs each, each item its own error naming its own IDs', async () => {
		const ids = Array.from({ length: UNKNOWN }, (_, i) => `${hex(i, 32)}_${hex(i, 64)}`);
		const input = Array.from({ length: UNKNOWN / 500 }, (_, item) => ({ json: { ids: ids.slice(item * 500, item * 500 + 500) } }));
		const result = await runFalcon(sandbox(), 'crowdStrikeFalconQuarantine', { resource: 'quarantinedFile', operation: 'get', ids: '={{ $json.ids }}' }, { input, continueOnFail: true });
		expect(result.error).toBeUndefined();
		const items = json(result);
		expect(items).toHaveLength(UNKNOWN / 500);
		items.forEach((item, index) => {
			expect(String(item.error)).toMatch(new RegExp(`^Quarantined file not found: ${ids[index * 500]}, `));
			expect(String(item.error)).toContain(`Quarantined file with id '${ids[index * 500]}' not found`);
			expect(String(item.error)).not.toContain(ids[((index + 1) % items.length) * 500]);
		});
	});
});
