/** Who runs each job, and how each is measured. */
import type { ContenderResult } from './child';
import type { Traffic } from './sandbox';
import type { Scenario, ScenarioId } from './scenarios';

export type ContenderId = 'ours' | 'ours-n8n' | 'http' | 'plain' | 'floor' | 'floor-n8n';

export interface ContenderInfo {
	id: ContenderId;
	label: string;
	/** Ours, a baseline, or a reference: n8n evaluating the same expressions, with no requests. */
	role: 'ours' | 'baseline' | 'floor';
	needsN8n: boolean;
	wall: string;
	memory: string;
	/** Which scenarios it runs. */
	runs(scenario: Scenario): boolean;
}

const itemScenarios = (scenario: Scenario) => scenario.id === 's1' || scenario.id === 's3' || scenario.number === 5;
/** Scenario 5 is measured against the bound and n8n's expression floor: (a) and (b) would take 17 and 85 min. */
const baselineScenarios = (scenario: Scenario) => scenario.number !== 5;

export const CONTENDERS: Record<ContenderId, ContenderInfo> = {
	ours: {
		id: 'ours',
		label: 'ours, n8n-core engine (in-process)',
		role: 'ours',
		needsN8n: false,
		wall: "the node's executionTime in n8n-core 2.11.1's WorkflowExecute (test/harness)",
		memory: 'maxRSS of its own Node 20 process (ts-node, n8n-core and the run)',
		runs: () => true,
	},
	'ours-n8n': {
		id: 'ours-n8n',
		label: 'ours, real n8n',
		role: 'ours',
		needsN8n: true,
		wall: "the node's executionTime in the run `n8n execute` prints",
		memory: 'VmHWM of the `n8n execute` process: n8n itself included, its printing of the run not (bench/lib/run-summary-hook.js)',
		runs: () => true,
	},
	http: {
		id: 'http',
		label: '(a) HTTP Request + CrowdStrike OAuth2 API, real n8n',
		role: 'baseline',
		needsN8n: true,
		wall: "the node's executionTime in the run `n8n execute` prints (scenario 6: the sum of the executionTimes of the workflow's nodes after the input items)",
		memory: 'VmHWM of the `n8n execute` process: n8n itself included, its printing of the run not (bench/lib/run-summary-hook.js)',
		// Scenario 6: HTTP Request with pagination → Compare Datasets → one HTTP Request per change (sync-the-n8n-way.ts).
		runs: baselineScenarios,
	},
	plain: {
		id: 'plain',
		label: '(b) plain sequential client (undici)',
		role: 'baseline',
		needsN8n: false,
		wall: 'from its token request to its last answer',
		memory: 'maxRSS of its own Node 20 process',
		runs: baselineScenarios,
	},
	floor: {
		id: 'floor',
		label: 'reference: n8n evaluating the 2 expressions, n8n-core engine',
		role: 'floor',
		needsN8n: false,
		wall: "a probe node's executionTime: it only reads Type and Value (`{{ $json.type }}`, `{{ $json.value }}`) per item",
		memory: 'maxRSS of its own process',
		runs: itemScenarios,
	},
	'floor-n8n': {
		id: 'floor-n8n',
		label: 'reference: n8n evaluating the 2 expressions, real n8n',
		role: 'floor',
		needsN8n: true,
		wall: "executionTime of an Edit Fields (Set) node setting type and value from the same two expressions",
		memory: 'VmHWM of the `n8n execute` process',
		runs: itemScenarios,
	},
};

export interface RunRecord {
	scenario: ScenarioId;
	contender: ContenderId;
	repeat: number;
	result: ContenderResult;
	traffic: Traffic;
	/** 1-minute load average when the run started and when it ended. */
	load: [number, number];
	at: string;
}

/** The fastest run (by wall time) among those that did not fail as a whole; else the fastest. */
export function best(runs: RunRecord[]): RunRecord | undefined {
	const usable = runs.filter((run) => !run.result.error);
	const pool = usable.length > 0 ? usable : runs;
	return [...pool].sort((a, b) => a.result.wallMs - b.result.wallMs)[0];
}
