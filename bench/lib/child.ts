/**
 * In-process contenders run in a child process each, so their peak memory is theirs alone
 * (process.resourceUsage().maxRSS) and each run starts cold, as a fresh n8n execution would.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import type { ScenarioId } from './scenarios';

const REPO = path.resolve(__dirname, '..', '..');

export interface Job {
	scenario: ScenarioId;
	sandbox: { url: string; clientId: string; clientSecret: string };
	resultFile: string;
}

export interface ContenderResult {
	/** The job's wall time: the node's executionTime in n8n's engine, or the client's own run. */
	wallMs: number;
	/** When the job started (epoch ms; the node's startTime in n8n), to line it up with the sandbox's log. */
	startedAtMs?: number;
	/** The whole run around it (workflow start to end, or process work after start-up). */
	totalMs: number;
	outputItems: number;
	failedItems: number;
	/** Peak resident memory of the process that did the work, MiB. */
	peakRssMb: number;
	/** Resident memory just before the job started (module loading done), MiB. */
	startRssMb?: number;
	/** Heap held by the job's input and output items alone (a deep copy of each, measured after a full GC), MiB. */
	itemsMb?: { input: number; output: number };
	/** The node's or the client's fatal error, when the run as a whole failed. */
	error?: string;
	notes?: string[];
}

export function readJob(): Job {
	const file = process.argv[2];
	if (!file) throw new Error('usage: <contender>.ts <job.json>');
	return JSON.parse(fs.readFileSync(file, 'utf8')) as Job;
}

export function writeResult(job: Job, result: ContenderResult): void {
	fs.writeFileSync(job.resultFile, JSON.stringify(result));
}

export function maxRssMb(): number {
	// maxRSS is in kilobytes.
	return Math.round(process.resourceUsage().maxRSS / 1024);
}

/**
 * The heap a set of items holds on its own: a deep copy is made and the heap measured after a full
 * GC before and after it. Needs --expose-gc (every contender child has it); run after maxRSS is read.
 */
export function itemsHeapMb(items: unknown[]): number {
	const gc = (globalThis as { gc?: () => void }).gc;
	if (!gc) return 0;
	gc();
	const before = process.memoryUsage().heapUsed;
	const copy = structuredClone(items);
	gc();
	const after = process.memoryUsage().heapUsed;
	// Read after the measurement, so the copy is alive during it.
	if (copy.length !== items.length) throw new Error('the copy lost items');
	return Math.round(((after - before) / 1024 / 1024) * 10) / 10;
}

export function rssMb(): number {
	return Math.round(process.memoryUsage().rss / 1024 / 1024);
}

export interface ChildOptions {
	/** Write a V8 CPU profile (.cpuprofile) into this folder. */
	cpuProfileDir?: string;
	timeoutMs: number;
}

/** Runs `bench/contenders/<script>.ts <job>` under Node 20 + ts-node, and reads its result. */
export async function runContenderChild(script: string, job: Omit<Job, 'resultFile'>, options: ChildOptions): Promise<ContenderResult> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-job-'));
	const jobFile = path.join(dir, 'job.json');
	const resultFile = path.join(dir, 'result.json');
	fs.writeFileSync(jobFile, JSON.stringify({ ...job, resultFile }));
	const args = [
		'--expose-gc',
		...(options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : []),
		'-r',
		'ts-node/register/transpile-only',
		path.join(REPO, 'bench', 'contenders', `${script}.ts`),
		jobFile,
	];
	try {
		const code = await new Promise<number | null>((resolve, reject) => {
			const child = spawn(process.execPath, args, { cwd: REPO, stdio: ['ignore', 'inherit', 'inherit'], env: process.env });
			const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
			child.once('error', reject);
			child.once('exit', (exitCode) => {
				clearTimeout(timer);
				resolve(exitCode);
			});
		});
		if (!fs.existsSync(resultFile)) throw new Error(`${script} exited ${code} without a result`);
		return JSON.parse(fs.readFileSync(resultFile, 'utf8')) as ContenderResult;
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}
