/** The IOC nodes as an AI agent's tools, in n8n's engine: arguments as a model sends them. */
import { EICAR_SHA256 } from '../../sandbox';
import { agentTool as iocTable } from '../../nodes/CrowdStrike/Ioc/actions/agent-tool';
import { falconStore, useSandbox } from '../falcon/fixture';
import { runAgentTools, type AgentTool } from '../harness/run-tool';
import { READ_ONLY, fromAI, received, refusedWith } from './helpers';

const sandbox = useSandbox();

const lookUp: AgentTool = {
	name: 'Look up indicator',
	type: 'crowdStrikeFalconIoc',
	parameters: { resource: 'indicator', operation: 'getMany', filter: fromAI('filter', 'FQL filter') },
};
const countHosts: AgentTool = {
	name: 'Count hosts',
	type: 'crowdStrikeFalconIoc',
	parameters: { resource: 'device', operation: 'count', type: fromAI('type'), value: fromAI('value') },
};
const create = (allow: boolean): AgentTool => ({
	name: 'Create indicator',
	type: 'crowdStrikeFalconIoc',
	parameters: { resource: 'indicator', operation: 'create', type: fromAI('type'), value: fromAI('value'), action: 'detect', appliedGlobally: true, allowAgentChanges: allow },
});

describe.each(['wrapper', 'engine'] as const)('CrowdStrike Falcon IOC as a tool (%s)', (path) => {
	it('looks up an indicator and counts the hosts that saw it; the model reads the descriptions of the table', async () => {
		const { results } = await runAgentTools({
			path,
			credentials: falconStore(sandbox()),
			tools: [lookUp, countHosts],
			calls: [
				{ node: lookUp.name, args: { filter: `value:'${EICAR_SHA256}'` } },
				{ node: countHosts.name, args: { type: 'sha256', value: EICAR_SHA256 } },
			],
		});
		expect(results.map((r) => r.thrown)).toEqual([null, null]);
		expect(results[0].result).toEqual([expect.objectContaining({ type: 'sha256', value: EICAR_SHA256, action: 'prevent' })]);
		expect(results[1].result).toEqual([expect.objectContaining({ value: EICAR_SHA256, device_count: 6 })]);
		if (path === 'wrapper') {
			const table = iocTable.operations as Record<string, { description: string }>;
			expect(results.map((r) => r.description)).toEqual([table['indicator:getMany'].description, table['device:count'].description]);
		}
		// The engine runs the two calls in its own order.
		expect(received(sandbox()).filter((r) => !r.includes('oauth2')).sort()).toEqual(['GET /iocs/aggregates/indicators/device-count/v1', 'GET /iocs/combined/indicator/v1']);
	});

	it('refuses to create an indicator while changes are not allowed: the refusal is the tool result, the sandbox gets nothing', async () => {
		const { results, run } = await runAgentTools({
			path,
			credentials: falconStore(sandbox()),
			tools: [create(false)],
			calls: [{ node: 'Create indicator', args: { type: 'domain', value: 'fresh-c2.example' } }],
		});
		expect(run.status).toBe('success');
		expect(results[0].thrown).toBeNull();
		expect(results[0].result).toEqual(refusedWith(`"Create indicator" creates, changes or deletes data in the CrowdStrike Falcon tenant, and ${READ_ONLY}`));
		expect(JSON.stringify(results[0].result)).toContain('Allow Changes From an AI Agent');
		expect(received(sandbox())).toEqual([]);
	});

	it('creates it once Allow Changes From an AI Agent is on', async () => {
		const { results } = await runAgentTools({
			path,
			credentials: falconStore(sandbox()),
			tools: [create(true)],
			calls: [{ node: 'Create indicator', args: { type: 'domain', value: 'fresh-c2.example' } }],
		});
		expect(results[0].result).toEqual([expect.objectContaining({ type: 'domain', value: 'fresh-c2.example', action: 'detect', id: expect.any(String) })]);
		expect(received(sandbox())).toContain('POST /iocs/entities/indicators/v1');
	});

	it('cannot be allowed by the model: the switch filled by $fromAI stays off', async () => {
		const tool = create(false);
		const { results } = await runAgentTools({
			path,
			credentials: falconStore(sandbox()),
			tools: [{ ...tool, parameters: { ...tool.parameters, allowAgentChanges: fromAI('allow', 'allow changes', 'boolean') } }],
			calls: [{ node: 'Create indicator', args: { type: 'domain', value: 'fresh-c2.example', allow: true } }],
		});
		expect(results[0].result).toEqual(refusedWith(READ_ONLY));
		expect(received(sandbox())).toEqual([]);
	});

	it('answers bad arguments with a clear error naming the field, and sends nothing', async () => {
		const { results } = await runAgentTools({
			path,
			credentials: falconStore(sandbox()),
			tools: [countHosts, create(true)],
			calls: [
				{ node: countHosts.name, args: { type: 'sha999', value: EICAR_SHA256 } },
				{ node: 'Create indicator', args: { type: 'sha256', value: 'not-a-hash' } },
			],
		});
		expect(results.map((r) => r.thrown)).toEqual([null, null]);
		expect(results[0].result).toEqual(refusedWith('"Type"'));
		expect(results[1].result).toEqual(refusedWith('"Value"'));
		expect(JSON.stringify(results)).toContain('Nothing was sent to the API');
		expect(received(sandbox())).toEqual([]);
	});
});

it('caps what a tool returns to the agent and says so', async () => {
	const { results } = await runAgentTools({
		credentials: falconStore(sandbox()),
		tools: [{ ...lookUp, parameters: { ...lookUp.parameters, returnAll: true, agentMaxResults: 3 } }],
		calls: [{ node: lookUp.name, args: { filter: "action:'detect'" } }],
	});
	const answer = results[0].result as Array<Record<string, unknown>>;
	const total = sandbox().state.iocs.all().filter((ioc) => ioc.action === 'detect' && !ioc.deleted).length;
	expect(total).toBeGreaterThan(3);
	expect(answer).toHaveLength(4);
	expect(answer[3]).toEqual({ truncated: true, shown: 3, total, note: `Only the first 3 of ${total} results are shown. Narrow the filter or ask for fewer results to see the others.` });
});

describe('CrowdStrike Falcon IOCs (Legacy) as a tool', () => {
	const legacyCreate = (allow: boolean): AgentTool => ({
		name: 'Create IOC',
		type: 'crowdStrikeFalconIocs',
		parameters: { resource: 'ioc', operation: 'create', type: 'domain', value: fromAI('value'), policy: 'detect', allowAgentChanges: allow },
	});

	it('refuses a create while changes are not allowed, runs it when they are; reads always', async () => {
		const refused = await runAgentTools({ credentials: falconStore(sandbox()), tools: [legacyCreate(false)], calls: [{ node: 'Create IOC', args: { value: 'legacy-c2.example' } }] });
		expect(refused.results[0].result).toEqual(refusedWith(READ_ONLY));
		expect(received(sandbox())).toEqual([]);

		const allowed = await runAgentTools({ credentials: falconStore(sandbox()), tools: [legacyCreate(true)], calls: [{ node: 'Create IOC', args: { value: 'legacy-c2.example' } }] });
		expect(allowed.results[0].result).toEqual([expect.objectContaining({ value: 'legacy-c2.example' })]);

		const count = await runAgentTools({
			credentials: falconStore(sandbox()),
			tools: [{ name: 'Count', type: 'crowdStrikeFalconIocs', parameters: { resource: 'device', operation: 'count', type: 'sha256', value: fromAI('value') } }],
			calls: [{ node: 'Count', args: { value: EICAR_SHA256 } }],
		});
		expect(count.results[0].result).toEqual([expect.objectContaining({ device_count: 6 })]);
	});
});
