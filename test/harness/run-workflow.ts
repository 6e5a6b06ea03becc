import './env';

import { WorkflowExecute } from 'n8n-core';
import type {
	ExecutionError,
	ExecutionStatus,
	IConnections,
	IDataObject,
	INode,
	INodeCredentials,
	INodeExecutionData,
	IPinData,
	IRun,
	IRunData,
	ITaskData,
	IWorkflowSettings,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { UserError, Workflow, createRunExecutionData } from 'n8n-workflow';

import { createAdditionalData, nextExecutionId } from './additional-data';
import { toExecutionData, type InputItem } from './binary';
import { CredentialStore, type CredentialsInput } from './credential-store';
import { HarnessCredentialsHelper } from './credentials-helper';
import { captureLogs, formatLogEntry, type LogEntry } from './logging';
import { createRegistry, fullNodeTypeName, type Registry, type RegistryExtras } from './registry';
import { ensureRuntime } from './runtime';

/** A workflow node as exported workflows have it; id, position and typeVersion may be left out. */
export type WorkflowNodeInput = Omit<INode, 'id' | 'position' | 'typeVersion' | 'parameters'> &
	Partial<Pick<INode, 'id' | 'position' | 'typeVersion' | 'parameters'>>;

export interface RunWorkflowOptions extends RegistryExtras {
	nodes: WorkflowNodeInput[];
	connections: IConnections;
	/** Credential data by type (a fresh store per run), or a store shared between runs. */
	credentials?: CredentialsInput;
	/** Workflow static data (`getWorkflowStaticData`): `{ global: {...}, 'node:<name>': {...} }`. */
	staticData?: IDataObject | null;
	/** Default `{ executionOrder: 'v1' }` (what n8n gives new workflows). */
	settings?: IWorkflowSettings;
	pinData?: IPinData;
	/** Name of the node to start at. Default: n8n's choice (first trigger/poller, else a start node). */
	startNode?: string;
	/** Items the start node receives. Default: one empty item, as n8n's manual run. */
	triggerItems?: InputItem[];
	/** Default 'manual' (the editor's "Execute workflow"). */
	mode?: WorkflowExecuteMode;
	/** `$vars` */
	variables?: IDataObject;
	/** Cancel the execution after this many ms. */
	timeoutMs?: number;
	/** Point node credential references at the store's credentials (see `assignCredentials`). Default true. */
	remapCredentials?: boolean;
	/** Workflow id/name as n8n would have them. */
	id?: string;
	name?: string;
}

/** What one node produced, from its last run. */
export interface NodeRunResult {
	/** First main output. */
	items: INodeExecutionData[];
	/** All main outputs (an output that got nothing is []). */
	outputs: INodeExecutionData[][];
	/** The error n8n recorded for the node (a plain copy of the thrown NodeApiError/NodeOperationError). */
	error?: ExecutionError;
	/** Every run of the node (loops run a node several times). */
	runs: ITaskData[];
}

export interface WorkflowRunResult {
	/** n8n's execution status: 'success', 'error', 'canceled', 'waiting'. */
	status: ExecutionStatus;
	finished: boolean;
	/** n8n's run data, per node name. */
	runData: IRunData;
	/** Per node name: its last run's outputs and error. */
	nodes: Record<string, NodeRunResult>;
	/** The execution's error (`resultData.error`), if it failed. */
	error?: ExecutionError;
	/** Node names in the order they finished. */
	executionOrder: string[];
	lastNodeExecuted?: string;
	/** Workflow static data after the run (JSON copy, as n8n would save it). */
	staticData: IDataObject;
	/** Everything n8n's logger wrote during the run, as `level: message {metadata}`. */
	logs: string[];
	logEntries: LogEntry[];
	/** n8n's full IRun (undefined when the workflow could not start). */
	run?: IRun;
}

export interface PreparedWorkflow {
	workflow: Workflow;
	registry: Registry;
	store: CredentialStore;
	credentialsHelper: HarnessCredentialsHelper;
}

function jsonCopy<T>(value: T): T {
	return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** Copies nodes and fills what exported/hand-written nodes may leave out. */
function normalizeNodes(nodes: WorkflowNodeInput[], registry: Registry): INode[] {
	return nodes.map((input, index) => {
		const node = jsonCopy(input) as INode;
		node.type = fullNodeTypeName(node.type);
		node.id ??= `harness-node-${index + 1}`;
		node.position ??= [index * 220, 0];
		node.parameters ??= {};
		node.typeVersion ??= registry.nodeTypes.latestVersion(node.type);
		return node;
	});
}

/**
 * Points each node's credential references at the store, for every credential type the node's
 * description declares: a reference whose id the store holds (for that type) is kept; otherwise,
 * when the store has a credential of that type, the node gets its `{ id, name }`. So an exported
 * workflow's ids need not match the test's store, and nodes written without credentials get them.
 */
export function assignCredentials(node: INode, registry: Registry, store: CredentialStore): void {
	const nodeType = registry.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const declared = nodeType.description.credentials ?? [];
	for (const { name: type } of declared) {
		const current = node.credentials?.[type];
		if (current?.id && store.get(current.id)?.type === type) continue;
		const ref = store.refFor(type);
		if (!ref) continue;
		node.credentials = { ...(node.credentials ?? {}), [type]: ref } as INodeCredentials;
	}
}

export function prepareWorkflow(
	options: Pick<
		RunWorkflowOptions,
		| 'nodes'
		| 'connections'
		| 'credentials'
		| 'staticData'
		| 'settings'
		| 'pinData'
		| 'remapCredentials'
		| 'extraNodeTypes'
		| 'extraCredentialTypes'
		| 'id'
		| 'name'
	> & { registry?: Registry },
): PreparedWorkflow {
	const registry = options.registry ?? createRegistry(options);
	const store = CredentialStore.from(options.credentials);
	const nodes = normalizeNodes(options.nodes, registry);
	if (options.remapCredentials !== false) {
		for (const node of nodes) assignCredentials(node, registry, store);
	}
	const workflow = new Workflow({
		id: options.id ?? 'harness-workflow',
		name: options.name ?? 'Harness workflow',
		nodes,
		connections: jsonCopy(options.connections),
		active: false,
		nodeTypes: registry.nodeTypes,
		staticData: jsonCopy(options.staticData ?? undefined),
		settings: { executionOrder: 'v1', ...(options.settings ?? {}) },
		pinData: options.pinData,
	});
	return {
		workflow,
		registry,
		store,
		credentialsHelper: new HarnessCredentialsHelper(store, registry.credentialTypes),
	};
}

function outputsOf(task: ITaskData | undefined): INodeExecutionData[][] {
	return (task?.data?.main ?? []).map((output) => output ?? []);
}

function staticDataCopy(workflow: Workflow): IDataObject {
	const copy = jsonCopy(workflow.staticData ?? {}) as IDataObject;
	delete copy.__dataChanged;
	return copy;
}

/** An error as n8n stores it in run data: a plain copy with name, message and stack. */
function asExecutionError(error: Error, extra: Partial<ExecutionError> = {}): ExecutionError {
	return {
		...(error as unknown as ExecutionError),
		name: error.name,
		message: error.message,
		stack: error.stack,
		...extra,
	} as ExecutionError;
}

/** A WorkflowHasIssuesError with the issues (missing parameters…) spelled out in its description. */
function issuesError(error: Error, workflowExecute: WorkflowExecute, workflow: Workflow, start: INode): ExecutionError {
	const issues = workflowExecute.checkReadyForExecution(workflow, { startNode: start.name });
	return asExecutionError(error, { description: issues ? JSON.stringify(issues) : undefined });
}

export interface ExecuteOptions {
	prepared: PreparedWorkflow;
	startNode: INode;
	startItems: INodeExecutionData[];
	mode: WorkflowExecuteMode;
	variables?: IDataObject;
	timeoutMs?: number;
	pinData?: IPinData;
}

/**
 * Runs a prepared workflow in n8n-core's WorkflowExecute, starting at `startNode` with
 * `startItems` as its input (as n8n starts a trigger with the items it produced), and collects
 * run data, errors, execution order, static data and logs.
 */
export async function executeWorkflow(options: ExecuteOptions): Promise<WorkflowRunResult> {
	await ensureRuntime();
	const { workflow, credentialsHelper } = options.prepared;
	const executionOrder: string[] = [];
	let newStaticData: IDataObject | undefined;

	const { result, entries } = await captureLogs(async () => {
		const executionId = nextExecutionId();
		const additionalData = createAdditionalData({
			credentialsHelper,
			executionId,
			mode: options.mode,
			workflowData: {
				id: workflow.id,
				name: workflow.name ?? '',
				active: false,
				activeVersionId: null,
				isArchived: false,
				createdAt: new Date(),
				updatedAt: new Date(),
				nodes: Object.values(workflow.nodes),
				connections: workflow.connectionsBySourceNode,
				settings: workflow.settings,
				staticData: workflow.staticData,
			},
			variables: options.variables,
			executionTimeoutTimestamp: options.timeoutMs ? Date.now() + options.timeoutMs : undefined,
		});
		additionalData.hooks?.addHandler('nodeExecuteAfter', (nodeName) => {
			executionOrder.push(nodeName);
		});
		additionalData.hooks?.addHandler('workflowExecuteAfter', (_run, staticData) => {
			newStaticData = staticData;
		});

		const runExecutionData = createRunExecutionData({
			executionData: {
				nodeExecutionStack: [{ node: options.startNode, data: { main: [options.startItems] }, source: null }],
			},
			resultData: { pinData: options.pinData },
		});
		const workflowExecute = new WorkflowExecute(additionalData, options.mode, runExecutionData);
		try {
			// Throws synchronously (WorkflowHasIssuesError) when a node misses required parameters.
			const run = await workflowExecute.processRunExecutionData(workflow);
			return { run, error: run.data.resultData.error };
		} catch (caught) {
			const error = caught as Error;
			const failure =
				error.name === 'WorkflowHasIssuesError'
					? issuesError(error, workflowExecute, workflow, options.startNode)
					: asExecutionError(error);
			return { run: undefined, error: failure };
		}
	});

	const runData = result.run?.data.resultData.runData ?? {};
	const nodes: Record<string, NodeRunResult> = {};
	for (const [name, runs] of Object.entries(runData)) {
		const last = runs.at(-1);
		const outputs = outputsOf(last);
		nodes[name] = { items: outputs[0] ?? [], outputs, error: last?.error, runs };
	}
	const staticData = newStaticData ? (jsonCopy(newStaticData) as IDataObject) : staticDataCopy(workflow);
	delete staticData.__dataChanged;

	return {
		status: result.run?.status ?? 'error',
		finished: result.run?.finished === true,
		runData,
		nodes,
		error: result.error,
		executionOrder,
		lastNodeExecuted: result.run?.data.resultData.lastNodeExecuted,
		staticData,
		logs: entries.map(formatLogEntry),
		logEntries: entries,
		run: result.run,
	};
}

/**
 * Runs a workflow (e.g. an n8n export from examples/) in n8n-core's WorkflowExecute and returns
 * the run data per node name. Built-in types the harness provides: n8n-nodes-base.manualTrigger,
 * .noOp and .if (v2); `harness.input`. Our nodes: `n8n-nodes-edr-soar.<name>`.
 */
export async function runWorkflow(options: RunWorkflowOptions): Promise<WorkflowRunResult> {
	await ensureRuntime();
	const prepared = prepareWorkflow(options);
	const { workflow } = prepared;
	const startNode = options.startNode ? workflow.getNode(options.startNode) : workflow.getStartNode();
	if (!startNode) {
		throw new UserError(
			options.startNode
				? `No node named "${options.startNode}" in the workflow`
				: 'No node to start the workflow from: add a trigger (e.g. n8n-nodes-base.manualTrigger) or pass startNode',
		);
	}
	return await executeWorkflow({
		prepared,
		startNode,
		startItems: toExecutionData(options.triggerItems ?? [{ json: {} }]),
		mode: options.mode ?? 'manual',
		variables: options.variables,
		timeoutMs: options.timeoutMs,
		pinData: options.pinData,
	});
}
