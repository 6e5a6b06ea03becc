/** examples/orion-ioc-import.json, run as exported, in n8n's WorkflowExecute against the sandbox. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IConnections } from 'n8n-workflow';

import { startSandbox, type Sandbox } from '../../sandbox';
import { CredentialStore, runWorkflow, type WorkflowNodeInput } from '../harness';
import { CREDENTIAL_REF, ORION_API, apiCalls, orionCredential, tokenCalls } from './helpers';

interface ExportedWorkflow {
	name: string;
	nodes: WorkflowNodeInput[];
	connections: IConnections;
	settings: { executionOrder: 'v1' };
}

const workflow = JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', 'orion-ioc-import.json'), 'utf8')) as ExportedWorkflow;

describe('example: orion-ioc-import.json', () => {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await startSandbox();
	});
	afterAll(async () => await sb.close());
	beforeEach(() => sb.reset());

	it('references the credential by the documented id and uses only harness-supported built-ins', () => {
		const types = new Set(workflow.nodes.map((node) => node.type));
		expect([...types].filter((type) => type.startsWith('n8n-nodes-base.')).sort()).toEqual(['n8n-nodes-base.if', 'n8n-nodes-base.manualTrigger', 'n8n-nodes-base.noOp', 'n8n-nodes-base.stickyNote']);
		for (const node of workflow.nodes.filter((candidate) => candidate.type === 'n8n-nodes-edr-soar.cytomicOrion')) {
			expect(node.credentials).toEqual({ cytomicOrionApi: { id: 'orion-sandbox', name: 'Orion sandbox' } });
		}
	});

	it('imports the IOC list, looks each IOC up, and routes the active ones', async () => {
		const store = new CredentialStore();
		store.add('cytomicOrionApi', orionCredential(sb), CREDENTIAL_REF);
		const result = await runWorkflow({ nodes: workflow.nodes, connections: workflow.connections, settings: workflow.settings, credentials: store, name: workflow.name });
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.executionOrder).toEqual(['When clicking ‘Execute workflow’', 'Import C2 IPs', 'Look Up on Orion', 'Active on Orion?', 'Active']);
		expect(result.nodes['Import C2 IPs'].items.map((item) => [item.json.value, item.json.success, item.json.message])).toEqual([
			['203.0.113.7', true, '3 IPIoc added'],
			['203.0.113.8', true, '3 IPIoc added'],
			['198.51.100.23', true, '3 IPIoc added'],
		]);
		expect(result.nodes.Active.items.map((item) => item.json.KeyValueAsString)).toEqual(['203.0.113.7', '203.0.113.8', '198.51.100.23']);
		expect(result.nodes['Missing or Inactive']).toBeUndefined();
		expect(apiCalls(sb).map((call) => [call.method, call.path, call.query])).toEqual([
			['POST', `${ORION_API}/iocs/IPIoc`, { retrospective: ['true'] }],
			['POST', `${ORION_API}/iocs/IPIoc/getter/`, {}],
		]);
		expect((apiCalls(sb)[0].body as Array<Record<string, unknown>>)[0]).toMatchObject({
			ip: '203.0.113.7',
			daysToExpiration: 30,
			source: 'n8n example feed',
			policy: 'detect',
			description: expect.stringMatching(/^C2 servers, feed of \d{4}-\d{2}-\d{2}$/),
		});
		expect(tokenCalls(sb)).toHaveLength(1);
		expect(JSON.stringify(result.logs)).not.toContain(sb.orion.password);
	});
});
