/**
 * Our nodes as tools of n8n's AI Agent, in the real n8n, against the sandbox: examples/ai-triage-agent.json
 * (Chat Trigger → AI Agent, OpenAI Chat Model, Falcon tools) with the chat model's credential
 * pointed at a scripted chat-completions server on loopback (agent-model.ts). The script: look up
 * an indicator, count the hosts that saw it, create an indicator, answer. Run twice with
 * `n8n execute`: as the example ships (the create tool read-only: its refusal must reach the model
 * as a tool result, and the sandbox must get no write), then with "Allow Changes From an AI Agent"
 * on for the create tool (the indicator must be created). No real model, no internet.
 *
 * Called by test-n8n.ts once n8n runs with N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE=true.
 */
import * as fs from 'fs';
import * as path from 'path';

import { EICAR_SHA256, type Sandbox } from '../../sandbox';
import { startScriptedModel, type ChatRequest, type ModelStep } from './agent-model';
import { EXAMPLES_DIR, exampleWorkflowId, nodeErrors, withPinnedItemsAsCode, type ExampleWorkflow } from './examples';
import { executeWorkflow, importCredentials, importWorkflow, nodeOutput } from './instance';

export const AGENT_EXAMPLE = 'ai-triage-agent.json';
/** What n8n needs to offer a community node as a tool. */
export const TOOL_USAGE_ENV = { N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE: 'true' } as const;

const CHAT_TRIGGER = 'When chat message received';
const AGENT = 'Triage Agent';
const CREATE_TOOL = 'Create indicator';
const NEW_DOMAIN = 'fresh-c2-relay.example';
const QUESTION = `Is ${EICAR_SHA256} a known indicator, how many hosts saw it, and please add ${NEW_DOMAIN} as a detect indicator.`;

const SCRIPT: ModelStep[] = [
	{ tool: 'look_up_indicator', args: { filter: `value:'${EICAR_SHA256}'` } },
	{ tool: 'count_hosts', args: { type: 'sha256', value: EICAR_SHA256 } },
	{ tool: 'create_indicator', args: { type: 'domain', value: NEW_DOMAIN } },
	{ answer: 'Triage done. The create tool answered: lastToolResult' },
];

export interface AgentScenarioEnv {
	sandbox: Sandbox;
	userFolder: string;
	check: (name: string, ok: boolean, detail?: unknown) => boolean;
	log: (line: string) => void;
}

function loadAgentExample(): ExampleWorkflow {
	return JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, AGENT_EXAMPLE), 'utf8')) as ExampleWorkflow;
}

/** The example as `n8n execute` can run it: the chat message as the trigger's pinned item (a Code node), the create tool allowed or not. */
function runnable(example: ExampleWorkflow, allowChanges: boolean): ExampleWorkflow {
	const nodes = example.nodes.map((node) =>
		node.name === CREATE_TOOL && allowChanges ? { ...node, parameters: { ...node.parameters, allowAgentChanges: true } } : node,
	);
	const id = exampleWorkflowId(`${AGENT_EXAMPLE}${allowChanges ? ':allowed' : ''}`);
	const withMessage: ExampleWorkflow = {
		...example,
		id,
		name: `${example.name}${allowChanges ? ' (changes allowed)' : ''}`,
		active: false,
		nodes,
		pinData: { [CHAT_TRIGGER]: [{ json: { sessionId: 'agent-run', action: 'sendMessage', chatInput: QUESTION } }] },
	};
	return withPinnedItemsAsCode(withMessage).workflow;
}

const toolMessages = (request: ChatRequest | undefined): string[] =>
	(request?.messages ?? []).filter((m) => m.role === 'tool').map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)));

const apiRequests = (sandbox: Sandbox) => sandbox.requests.filter((r) => !r.path.startsWith('/_sandbox') && !r.path.includes('oauth2'));

/** The two runs and their checks. */
export async function runAgentScenario(env: AgentScenarioEnv): Promise<void> {
	const { sandbox, check, log } = env;
	const model = await startScriptedModel(SCRIPT);
	log(`scripted chat model ${model.url}`);
	try {
		const example = loadAgentExample();
		const workflows = [runnable(example, false), runnable(example, true)];
		await importCredentials(
			[
				{ id: 'openai', name: 'OpenAI', type: 'openAiApi', data: { apiKey: 'sk-scripted-model', url: model.url } },
				{
					id: 'falcon-sandbox',
					name: 'Falcon sandbox',
					type: 'crowdStrikeFalconApi',
					data: { cloud: 'custom', customBaseUrl: sandbox.url, clientId: sandbox.falcon.clientId, clientSecret: sandbox.falcon.clientSecret },
				},
			],
			{ userFolder: env.userFolder },
		);
		await importWorkflow(workflows, { userFolder: env.userFolder });

		for (const [index, workflow] of workflows.entries()) {
			const allowed = index === 1;
			const group = allowed ? 'changes allowed' : 'read-only';
			sandbox.reset();
			sandbox.clearRequests();
			model.requests.length = 0;
			const { ok, run, cli } = await executeWorkflow(workflow.id, { userFolder: env.userFolder, env: { ...TOOL_USAGE_ENV }, timeoutMs: 240_000 });
			const errors = nodeErrors(run);
			check(`${group}: \`n8n execute\` ran the agent workflow without an error`, ok && errors.length === 0, ok ? undefined : `exit ${cli.code}: ${run.data.resultData.error?.message ?? ''} ${errors.map(([n, m]) => `${n}: ${m}`).join('; ')}`);

			const first = model.requests[0];
			const offered = (first?.tools ?? []).map((t) => t.function.name);
			check(`${group}: the model was offered our tools`, ['Look_up_indicator', 'Count_hosts_that_saw_it', 'Search_alerts', 'Create_indicator'].every((n) => offered.includes(n)), offered.join(', '));
			const lookUp = first?.tools?.find((t) => t.function.name === 'Look_up_indicator');
			check(`${group}: a tool's description is the one written for models`, /FQL filter/.test(lookUp?.function.description ?? '') && /not for counting hosts/.test(lookUp?.function.description ?? ''), lookUp?.function.description);
			check(`${group}: the model was asked 4 times (3 tool calls, then the answer)`, model.requests.length === 4, `${model.requests.length} request(s)`);

			const results = toolMessages(model.requests[3]);
			check(`${group}: the indicator look-up reached the model`, results[0]?.includes(EICAR_SHA256) === true && results[0].includes('prevent'), results[0]?.slice(0, 300));
			check(`${group}: the host count reached the model`, /"device_count":\s*6/.test(results[1] ?? ''), results[1]?.slice(0, 300));
			const writes = apiRequests(sandbox).filter((r) => r.method === 'POST' && r.path === '/iocs/entities/indicators/v1');
			const created = sandbox.state.iocs.findByValue('domain', NEW_DOMAIN);
			if (!allowed) {
				check('read-only: the refusal reached the model as the create tool\'s result', /read-only for AI agents/.test(results[2] ?? '') && /Allow Changes From an AI Agent/.test(results[2] ?? ''), results[2]);
				check('read-only: the sandbox got no write (no indicator created)', writes.length === 0 && created === undefined, apiRequests(sandbox).map((r) => `${r.method} ${r.path}`).join(', '));
			} else {
				check('changes allowed: the create tool\'s result is the new indicator', (results[2] ?? '').includes(NEW_DOMAIN) && !/Refused/.test(results[2] ?? ''), results[2]?.slice(0, 300));
				check('changes allowed: the sandbox created it', writes.length === 1 && created !== undefined, `${writes.length} create request(s); ${created ? `indicator ${created.id}` : 'no indicator'}`);
			}
			const answer = String(nodeOutput(run, AGENT)[0]?.output ?? '');
			check(`${group}: the agent's answer carries what the create tool said`, allowed ? answer.includes(NEW_DOMAIN) : answer.includes('read-only'), answer.slice(0, 300));
			log(`  ${group}: ${apiRequests(sandbox).map((r) => `${r.method} ${r.path}`).join(', ')}`);
		}
	} finally {
		await model.close();
	}
}
