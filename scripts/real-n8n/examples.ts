/**
 * The example workflows of examples/*.json, made ready for a real n8n:
 *
 * - an id per file (import:workflow would otherwise make up one we do not know);
 * - pinned data turned into nodes, because `n8n execute` ignores pinData in 2.41.1:
 *   WorkflowRunner.resolvePinData() hands pinData to the engine only in 'manual' and
 *   'evaluation' mode, and `n8n execute` runs in 'cli' mode. A pinned node becomes a Code node
 *   of the same name that returns the pinned items (json, binary as base64, as n8n pins them);
 *   a pinned trigger becomes Manual Trigger → that Code node. Expressions such as
 *   `$('Alert').item` keep working because the name stays;
 * - the credential references every example uses, so one sandbox credential per reference can
 *   be imported under the id and name the example expects.
 */
import { createHash, randomUUID } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

import type { N8nRun, WorkflowJson } from './instance';

export const REPO_DIR = path.resolve(__dirname, '..', '..');
export const EXAMPLES_DIR = path.join(REPO_DIR, 'examples');

export interface WorkflowNode {
	id?: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	disabled?: boolean;
	[key: string]: unknown;
}

type Connections = Record<string, Record<string, Array<Array<{ node: string; type: string; index: number }> | null>>>;

export interface ExampleWorkflow extends WorkflowJson {
	nodes: WorkflowNode[];
	connections: Connections;
	pinData?: Record<string, Array<{ json: Record<string, unknown>; binary?: Record<string, unknown> }>>;
}

export interface Example {
	/** File name in examples/, e.g. alert-ioc-triage.json */
	file: string;
	/** The workflow as the file has it (plus the id below). */
	original: ExampleWorkflow;
	/** What is imported and run: pinned nodes turned into Code nodes. */
	runnable: ExampleWorkflow;
	/** Names of the nodes whose pinned data became a Code node. */
	pinnedNodes: string[];
}

/** A stable workflow id per example file: 16 alphanumerics (n8n accepts up to 21). */
export function exampleWorkflowId(file: string): string {
	return `ex${createHash('sha256').update(file).digest('hex').slice(0, 14)}`;
}

const MANUAL_TRIGGER = 'n8n-nodes-base.manualTrigger';

function isTriggerLike(node: WorkflowNode, connections: Connections): boolean {
	const hasInput = Object.values(connections).some((outputs) =>
		Object.values(outputs).some((branches) => (branches ?? []).some((targets) => (targets ?? []).some((t) => t.node === node.name))),
	);
	return !hasInput && (node.type === MANUAL_TRIGGER || /trigger$/i.test(node.type));
}

function uniqueName(wanted: string, taken: Set<string>): string {
	let name = wanted;
	for (let i = 2; taken.has(name); i++) name = `${wanted} ${i}`;
	taken.add(name);
	return name;
}

/**
 * The workflow with every pinned node replaced by a Code node that returns the pinned items.
 * Nothing else changes; pinData is removed.
 */
export function withPinnedItemsAsCode(workflow: ExampleWorkflow): { workflow: ExampleWorkflow; pinnedNodes: string[] } {
	const pinData = workflow.pinData ?? {};
	const pinned = Object.keys(pinData).filter((name) => (pinData[name] ?? []).length > 0);
	const nodes: WorkflowNode[] = [];
	const connections: Connections = JSON.parse(JSON.stringify(workflow.connections ?? {})) as Connections;
	const taken = new Set(workflow.nodes.map((n) => n.name));
	for (const node of workflow.nodes) {
		if (!pinned.includes(node.name)) {
			nodes.push(node);
			continue;
		}
		const items = pinData[node.name].map((item) => ({
			json: item.json ?? {},
			...(item.binary ? { binary: item.binary } : {}),
		}));
		const code: WorkflowNode = {
			id: node.id ?? randomUUID(),
			name: node.name,
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: node.position,
			parameters: {
				mode: 'runOnceForAllItems',
				language: 'javaScript',
				jsCode: `// The items pinned on "${node.name}" in examples/ (n8n execute ignores pinData).\nreturn ${JSON.stringify(items, null, 2)};\n`,
			},
			notes: `Pinned items of the ${node.type} node "${node.name}", as a Code node (scripts/real-n8n/examples.ts)`,
		};
		nodes.push(code);
		if (isTriggerLike(node, workflow.connections ?? {})) {
			const triggerName = uniqueName(`${node.name} (manual trigger)`, taken);
			nodes.push({
				id: randomUUID(),
				name: triggerName,
				type: MANUAL_TRIGGER,
				typeVersion: 1,
				position: [node.position[0] - 220, node.position[1]],
				parameters: {},
			});
			connections[triggerName] = { main: [[{ node: node.name, type: 'main', index: 0 }]] };
		}
	}
	const { pinData: _dropped, ...rest } = workflow;
	return { workflow: { ...rest, nodes, connections }, pinnedNodes: pinned };
}

const SCHEDULE_TRIGGER = 'n8n-nodes-base.scheduleTrigger';

/**
 * `n8n execute` starts only at a Manual (or Execute Workflow) Trigger: "Missing node to start
 * execution" otherwise. A Schedule Trigger, which fires on its own only in a published workflow,
 * becomes a Manual Trigger of the same name for the run, as clicking "Execute workflow" would do.
 */
export function withScheduleAsManual(workflow: ExampleWorkflow): ExampleWorkflow {
	if (!workflow.nodes.some((n) => n.type === SCHEDULE_TRIGGER)) return workflow;
	const nodes = workflow.nodes.map((n) => (n.type === SCHEDULE_TRIGGER ? { ...n, type: MANUAL_TRIGGER, typeVersion: 1, parameters: {} } : n));
	return { ...workflow, nodes };
}

/** Every examples/*.json, sorted by file name. */
export function loadExamples(dir = EXAMPLES_DIR, only?: string[]): Example[] {
	const files = fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.filter((f) => !only?.length || only.some((o) => f === o || f === `${o}.json`))
		.sort();
	return files.map((file) => {
		const parsed = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as ExampleWorkflow;
		const original: ExampleWorkflow = {
			...parsed,
			id: exampleWorkflowId(file),
			name: parsed.name ?? file,
			active: false,
			settings: parsed.settings ?? { executionOrder: 'v1' },
		};
		const { workflow, pinnedNodes } = withPinnedItemsAsCode(original);
		return { file, original, runnable: withScheduleAsManual(workflow), pinnedNodes };
	});
}

export interface CredentialRef {
	type: string;
	id: string;
	name: string;
	/** Example files that use it. */
	usedBy: string[];
}

/** The distinct credential references of the workflows (type + id). */
export function credentialRefs(examples: Example[]): CredentialRef[] {
	const refs = new Map<string, CredentialRef>();
	for (const ex of examples) {
		for (const node of ex.runnable.nodes) {
			for (const [type, ref] of Object.entries(node.credentials ?? {})) {
				const key = `${type}\u0000${ref.id}`;
				const entry = refs.get(key) ?? { type, id: ref.id, name: ref.name, usedBy: [] };
				if (!entry.usedBy.includes(ex.file)) entry.usedBy.push(ex.file);
				refs.set(key, entry);
			}
		}
	}
	return [...refs.values()];
}

/** The names of the nodes that ran, in the order they ran (first run of each). */
export function executionOrder(run: N8nRun): string[] {
	const entries = Object.entries(run.data.resultData.runData ?? {}).map(([name, tasks]) => {
		const t = (tasks?.[0] ?? {}) as { executionIndex?: number; startTime?: number };
		return { name, index: t.executionIndex ?? Number.MAX_SAFE_INTEGER, start: t.startTime ?? 0 };
	});
	entries.sort((a, b) => a.index - b.index || a.start - b.start);
	return entries.map((e) => e.name);
}

/** Node errors of a run: [node name, message]. */
export function nodeErrors(run: N8nRun): Array<[string, string]> {
	const errors: Array<[string, string]> = [];
	for (const [name, tasks] of Object.entries(run.data.resultData.runData ?? {})) {
		for (const task of tasks ?? []) {
			if (task.error) errors.push([name, String((task.error as { message?: string }).message ?? JSON.stringify(task.error))]);
		}
	}
	return errors;
}
