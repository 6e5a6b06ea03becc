import './env';

import { Container } from '@n8n/di';
import { PollContext } from 'n8n-core';
// Not re-exported by n8n-core's index; ActiveWorkflows polls through it.
import { TriggersAndPollers } from 'n8n-core/dist/execution-engine/triggers-and-pollers';
import type {
	IDataObject,
	INode,
	INodeCredentials,
	INodeExecutionData,
	INodeParameters,
	WorkflowActivateMode,
} from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import { createAdditionalData, nextExecutionId } from './additional-data';
import type { CredentialsInput } from './credential-store';
import { captureLogs, formatLogEntry, type LogEntry } from './logging';
import { createRegistry, fullNodeTypeName, type RegistryExtras } from './registry';
import { prepareWorkflow } from './run-workflow';
import { ensureRuntime } from './runtime';

export interface RunPollOptions extends RegistryExtras {
	/** A polling trigger's type (`crowdStrikeFalconTrigger` or its full name). */
	type: string;
	parameters?: INodeParameters;
	/** Credential data by type (a fresh store for this poll), or a store shared between polls. */
	credentials?: CredentialsInput;
	nodeCredentials?: INodeCredentials;
	/** The node's static data before this poll (`getWorkflowStaticData('node')`), e.g. the previous result's. */
	staticData?: IDataObject;
	typeVersion?: number;
	nodeName?: string;
	/**
	 * 'trigger' (default): a scheduled poll of an active workflow. 'manual': the editor's
	 * "Fetch test event" (nodes usually return one sample item and keep their static data).
	 */
	mode?: 'trigger' | 'manual';
	/** Default: 'activate' in trigger mode, 'manual' in manual mode. */
	activation?: WorkflowActivateMode;
	/** `$vars` */
	variables?: IDataObject;
}

export interface RunPollResult {
	/** First output of the poll; [] when the poll returned null (nothing new). */
	items: INodeExecutionData[];
	/** What `poll()` returned: null means "nothing new", n8n starts no execution. */
	outputs: INodeExecutionData[][] | null;
	/** The node's static data after the poll (JSON copy, as n8n saves it); pass it to the next poll. */
	staticData: IDataObject;
	/** Whether the node changed its static data (n8n only saves it then). */
	staticDataChanged: boolean;
	/** What `poll()` threw (n8n would record a failed execution). */
	error?: Error;
	logs: string[];
	logEntries: LogEntry[];
	node: INode;
}

/**
 * Calls a polling trigger's `poll()` with a real n8n-core PollContext (through n8n-core's
 * TriggersAndPollers, as ActiveWorkflows does on each scheduled poll), and returns its items and
 * the updated static data.
 */
export async function runPoll(options: RunPollOptions): Promise<RunPollResult> {
	await ensureRuntime();
	const registry = createRegistry(options);
	const type = fullNodeTypeName(options.type);
	const typeVersion = options.typeVersion ?? registry.nodeTypes.latestVersion(type);
	const nodeType = registry.nodeTypes.getByNameAndVersion(type, typeVersion);
	if (typeof nodeType.poll !== 'function') {
		throw new UserError(`Node type "${type}" has no poll() method`);
	}
	const { description } = nodeType;
	const nodeName = options.nodeName ?? description.defaults?.name ?? description.displayName;
	const mode = options.mode ?? 'trigger';
	const activation = options.activation ?? (mode === 'manual' ? 'manual' : 'activate');
	const staticKey = `node:${nodeName}`;

	const prepared = prepareWorkflow({
		nodes: [
			{
				id: 'harness-poll-node',
				name: nodeName,
				type,
				typeVersion,
				parameters: options.parameters ?? {},
				...(options.nodeCredentials ? { credentials: options.nodeCredentials } : {}),
			},
		],
		connections: {},
		credentials: options.credentials,
		staticData: options.staticData ? { [staticKey]: options.staticData } : undefined,
		remapCredentials: options.nodeCredentials === undefined,
		registry,
	});
	const { workflow, credentialsHelper } = prepared;
	const node = workflow.getNode(nodeName) as INode;

	const { result, entries } = await captureLogs(async () => {
		const executionId = nextExecutionId();
		const additionalData = createAdditionalData({
			credentialsHelper,
			executionId,
			mode,
			workflowData: {
				id: workflow.id,
				name: workflow.name ?? '',
				active: mode === 'trigger',
				activeVersionId: null,
				isArchived: false,
				createdAt: new Date(),
				updatedAt: new Date(),
				nodes: Object.values(workflow.nodes),
				connections: {},
				settings: workflow.settings,
				staticData: workflow.staticData,
			},
			variables: options.variables,
		});
		const context = new PollContext(workflow, node, additionalData, mode, activation);
		try {
			const outputs = await Container.get(TriggersAndPollers).runPoll(workflow, node, context);
			return { outputs };
		} catch (error) {
			return { outputs: null, error: error as Error };
		}
	});

	const staticDataChanged = workflow.staticData.__dataChanged === true;
	const nodeStaticData = JSON.parse(JSON.stringify(workflow.staticData[staticKey] ?? {})) as IDataObject;
	delete nodeStaticData.__dataChanged;
	return {
		items: result.outputs?.[0] ?? [],
		outputs: result.outputs,
		staticData: nodeStaticData,
		staticDataChanged,
		error: result.error,
		logs: entries.map(formatLogEntry),
		logEntries: entries,
		node,
	};
}
