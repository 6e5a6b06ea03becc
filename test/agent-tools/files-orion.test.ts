/**
 * Quick Scan, Quick Scan Pro, Quarantine and Orion as an AI agent's tools: the operations that move
 * files are refused even with changes allowed, deletions and quarantine actions only when allowed
 * (an agent's Max Files to Affect is lower), reads run.
 */
import { falconStore, useSandbox } from '../falcon/fixture';
import { runAgentTools, type AgentTool } from '../harness/run-tool';
import { orionStore } from '../orion/helpers';
import { NOT_OFFERED, READ_ONLY, fromAI, received, refusedWith } from './helpers';

const sandbox = useSandbox();

describe('operations that move files are not tools', () => {
	it.each([
		['crowdStrikeFalconQuickScan', 'file', 'scan', 'uploads files to CrowdStrike'],
		['crowdStrikeFalconQuickScan', 'sample', 'upload', 'uploads files to CrowdStrike'],
		['crowdStrikeFalconQuickScan', 'sample', 'download', 'downloads files from CrowdStrike'],
		['crowdStrikeFalconQuickScanPro', 'file', 'upload', 'uploads files to CrowdStrike'],
		['crowdStrikeFalconQuickScanPro', 'file', 'scan', 'uploads files to CrowdStrike'],
	])('%s %s:%s is refused even with changes allowed, sending nothing', async (type, resource, operation, why) => {
		const { results } = await runAgentTools({
			credentials: falconStore(sandbox()),
			tools: [{ name: 'File tool', type, parameters: { resource, operation, sha256: fromAI('sha256'), allowAgentChanges: true } }],
			calls: [{ node: 'File tool', args: { sha256: 'a'.repeat(64) } }],
		});
		expect(results[0].result).toEqual(refusedWith(`"File tool" ${why}, ${NOT_OFFERED}`));
		expect(received(sandbox())).toEqual([]);
	});
});

describe('deletions', () => {
	it.each([
		['crowdStrikeFalconQuickScan', { resource: 'sample', operation: 'delete', samples: fromAI('sha256') }],
		['crowdStrikeFalconQuickScanPro', { resource: 'file', operation: 'delete', sha256s: fromAI('sha256') }],
		['crowdStrikeFalconQuickScanPro', { resource: 'scan', operation: 'delete', ids: fromAI('sha256') }],
	])('%s %j is refused while changes are not allowed', async (type, parameters) => {
		const { results } = await runAgentTools({ credentials: falconStore(sandbox()), tools: [{ name: 'Delete', type, parameters }], calls: [{ node: 'Delete', args: { sha256: 'a'.repeat(64) } }] });
		expect(results[0].result).toEqual(refusedWith(READ_ONLY));
		expect(received(sandbox())).toEqual([]);
	});
});

it('Quick Scan Pro: searches scans', async () => {
	const { results } = await runAgentTools({
		credentials: falconStore(sandbox()),
		tools: [{ name: 'Search scans', type: 'crowdStrikeFalconQuickScanPro', parameters: { resource: 'scan', operation: 'getMany', filter: fromAI('filter'), limit: 5, options: {} } }],
		calls: [{ node: 'Search scans', args: { filter: "status:'done'" } }],
	});
	expect(results[0].thrown).toBeNull();
	expect(Array.isArray(results[0].result)).toBe(true);
	expect(received(sandbox()).filter((r) => !r.includes('oauth2'))[0]).toMatch(/^GET \/quickscanpro\/queries\/scans\/v1/);
});

describe('CrowdStrike Falcon Quarantine as a tool', () => {
	const byQuery = (allow: boolean): AgentTool => ({
		name: 'Delete quarantined files',
		type: 'crowdStrikeFalconQuarantine',
		parameters: { resource: 'quarantinedFile', operation: 'applyActionByQuery', action: 'delete', filter: fromAI('filter'), allowAgentChanges: allow },
	});
	const quarantined = () => sandbox().state.quarantine.all().filter((entry) => entry.doc.state === 'quarantined');

	it('searches quarantined files', async () => {
		const { results } = await runAgentTools({
			credentials: falconStore(sandbox()),
			tools: [{ name: 'Search quarantine', type: 'crowdStrikeFalconQuarantine', parameters: { resource: 'quarantinedFile', operation: 'getMany', filter: fromAI('filter'), limit: 5 } }],
			calls: [{ node: 'Search quarantine', args: { filter: "state:'quarantined'" } }],
		});
		expect(results[0].result).toHaveLength(5);
	});

	it('refuses a deletion while changes are not allowed; allowed, more files than an agent\'s Max Files to Affect (10) are refused after the count', async () => {
		const before = quarantined().length;
		expect(before).toBeGreaterThan(10);
		const refused = await runAgentTools({ credentials: falconStore(sandbox()), tools: [byQuery(false)], calls: [{ node: 'Delete quarantined files', args: { filter: "state:'quarantined'" } }] });
		expect(refused.results[0].result).toEqual(refusedWith(READ_ONLY));
		expect(received(sandbox())).toEqual([]);

		const tooMany = await runAgentTools({ credentials: falconStore(sandbox()), tools: [byQuery(true)], calls: [{ node: 'Delete quarantined files', args: { filter: "state:'quarantined'" } }] });
		expect(tooMany.results[0].result).toEqual(refusedWith(`more than Max Files to Affect (10)`));
		expect(received(sandbox()).filter((r) => r.startsWith('PATCH'))).toEqual([]);
		expect(quarantined()).toHaveLength(before);
	});
});

describe('Cytomic Orion as a tool', () => {
	const importIocs = (allow: boolean): AgentTool => ({
		name: 'Import IOCs',
		type: 'cytomicOrion',
		parameters: { resource: 'ioc', operation: 'import', iocType: 'DomainIoc', values: fromAI('values'), daysToExpiration: 7, allowAgentChanges: allow },
	});

	it('refuses an import while changes are not allowed, imports when allowed, then finds it', async () => {
		const refused = await runAgentTools({ credentials: orionStore(sandbox()), tools: [importIocs(false)], calls: [{ node: 'Import IOCs', args: { values: 'agent-c2.example' } }] });
		expect(refused.results[0].result).toEqual(refusedWith('creates, changes or deletes data in the Cytomic Orion tenant'));
		expect(received(sandbox())).toEqual([]);

		const allowed = await runAgentTools({ credentials: orionStore(sandbox()), tools: [importIocs(true)], calls: [{ node: 'Import IOCs', args: { values: 'agent-c2.example' } }] });
		expect(allowed.results[0].result).toEqual([expect.objectContaining({ value: 'agent-c2.example' })]);

		const found = await runAgentTools({
			credentials: orionStore(sandbox()),
			tools: [{ name: 'Find IOC', type: 'cytomicOrion', parameters: { resource: 'ioc', operation: 'getManyByAttributes', iocType: 'DomainIoc', values: fromAI('values') } }],
			calls: [{ node: 'Find IOC', args: { values: 'agent-c2.example' } }],
		});
		expect(found.results[0].result).toEqual([expect.objectContaining({ value: 'agent-c2.example', found: true })]);
	});

	it('answers a value that is not a domain with an error, sending nothing', async () => {
		const { results } = await runAgentTools({ credentials: orionStore(sandbox()), tools: [importIocs(true)], calls: [{ node: 'Import IOCs', args: { values: 'http://not a domain/' } }] });
		expect(results[0].thrown).toBeNull();
		expect(results[0].result).toEqual(refusedWith('in item 0'));
		expect(received(sandbox())).toEqual([]);
	});
});
