import type {
	ExecutionError,
	ExecutionStatus,
	IDataObject,
	INode,
	INodeCredentials,
	INodeExecutionData,
	INodeParameters,
	IRunData,
	IWorkflowSettings,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { toExecutionData, type InputItem } from './binary';
import type { CredentialsInput } from './credential-store';
import { HARNESS_INPUT_NODE_TYPE } from './harness-nodes';
import type { LogEntry } from './logging';
import type { RegistryExtras } from './registry';
import { createRegistry, fullNodeTypeName } from './registry';
import { executeWorkflow, prepareWorkflow } from './run-workflow';

const INPUT_NODE_NAME = 'Input';

export interface RunNodeOptions extends RegistryExtras {
	/** `crowdStrikeFalconIoc` or `n8n-nodes-edr-soar.crowdStrikeFalconIoc` (any registered type). */
	type: string;
	parameters?: INodeParameters;
	/** Items the node receives. Default: one empty item (what a manual trigger emits). */
	input?: InputItem[];
	/** Credential data by type (a fresh store for this run), or a store shared between runs. */
	credentials?: CredentialsInput;
	/** Explicit credential references; default: the store's credential of each declared type. */
	nodeCredentials?: INodeCredentials;
	/** n8n's "On Error: Continue" (`onError: 'continueRegularOutput'`). */
	continueOnFail?: boolean;
	/** n8n's node setting; overrides continueOnFail. 'continueErrorOutput' adds an error output. */
	onError?: INode['onError'];
	/** Default: the newest version of the type. */
	typeVersion?: number;
	/** Default: the type's `defaults.name`, else its display name. */
	nodeName?: string;
	/** Other node settings (retryOnFail, maxTries, alwaysOutputData, executeOnce, …). */
	nodeSettings?: Partial<Pick<INode, 'retryOnFail' | 'maxTries' | 'waitBetweenTries' | 'alwaysOutputData' | 'executeOnce' | 'disabled' | 'notes'>>;
	/** Default 'manual'. */
	mode?: WorkflowExecuteMode;
	/** The node's static data (`getWorkflowStaticData('node')`). */
	staticData?: IDataObject;
	settings?: IWorkflowSettings;
	/** `$vars` */
	variables?: IDataObject;
	timeoutMs?: number;
}

export interface RunNodeResult {
	/** First main output of the node. */
	items: INodeExecutionData[];
	/** All its main outputs (an output that got nothing is []). */
	outputs: INodeExecutionData[][];
	/**
	 * The node's error as n8n reports it in the run data (a plain copy of the NodeApiError /
	 * NodeOperationError: name, message, description, httpCode, context, …), or the execution's
	 * error when the workflow could not start (e.g. WorkflowHasIssuesError, issues in description).
	 */
	error?: ExecutionError;
	/** Everything n8n's logger wrote during the run, as `level: message {metadata}`. */
	logs: string[];
	logEntries: LogEntry[];
	/** n8n's run data (Input and the node). */
	runData: IRunData;
	status: ExecutionStatus;
	/** The node as it ran (parameters with defaults, credential references). */
	node: INode;
	/** The node's static data after the run. */
	staticData: IDataObject;
}

/**
 * Runs one node inside n8n-core's WorkflowExecute: a workflow `Input` (harness.input, emitting
 * `input`) → the node under test, with the harness credentials helper over the given credentials.
 */
export async function runNode(options: RunNodeOptions): Promise<RunNodeResult> {
	const registry = createRegistry(options);
	const type = fullNodeTypeName(options.type);
	const nodeType = registry.nodeTypes.getByName(type);
	const typeVersion = options.typeVersion ?? registry.nodeTypes.latestVersion(type);
	const { description } = registry.nodeTypes.getByNameAndVersion(type, typeVersion);
	const nodeName = options.nodeName ?? description.defaults?.name ?? description.displayName ?? nodeType.description.name;
	if (nodeName === INPUT_NODE_NAME) throw new Error(`The node under test cannot be named "${INPUT_NODE_NAME}"`);

	const onError = options.onError ?? (options.continueOnFail ? 'continueRegularOutput' : undefined);
	const inputNode = {
		id: 'harness-input',
		name: INPUT_NODE_NAME,
		type: HARNESS_INPUT_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0] as [number, number],
		parameters: {},
	};
	const nodeUnderTest = {
		id: 'harness-node',
		name: nodeName,
		type,
		typeVersion,
		position: [220, 0] as [number, number],
		parameters: options.parameters ?? {},
		...(options.nodeSettings ?? {}),
		...(onError ? { onError } : {}),
		...(options.nodeCredentials ? { credentials: options.nodeCredentials } : {}),
	};

	const prepared = prepareWorkflow({
		nodes: [inputNode, nodeUnderTest],
		connections: { [INPUT_NODE_NAME]: { main: [[{ node: nodeName, type: 'main', index: 0 }]] } },
		credentials: options.credentials,
		staticData: options.staticData ? { [`node:${nodeName}`]: options.staticData } : undefined,
		settings: options.settings,
		remapCredentials: options.nodeCredentials === undefined,
		registry,
	});
	const startNode = prepared.workflow.getNode(INPUT_NODE_NAME) as INode;

	const result = await executeWorkflow({
		prepared,
		startNode,
		startItems: toExecutionData(options.input ?? [{ json: {} }]),
		mode: options.mode ?? 'manual',
		variables: options.variables,
		timeoutMs: options.timeoutMs,
	});

	const nodeResult = result.nodes[nodeName];
	return {
		items: nodeResult?.items ?? [],
		outputs: nodeResult?.outputs ?? [],
		error: nodeResult?.error ?? result.error,
		logs: result.logs,
		logEntries: result.logEntries,
		runData: result.runData,
		status: result.status,
		node: prepared.workflow.getNode(nodeName) as INode,
		staticData: (result.staticData[`node:${nodeName}`] as IDataObject | undefined) ?? {},
	};
}
