/**
 * Reads a V8 .cpuprofile (node --cpu-prof) and answers where the time went: self time per
 * function, and inclusive time per function (each function counted once per sample even when it
 * recurses), both in ms. `npx ts-node --transpile-only bench/lib/profile.ts <file> [top]`.
 */
import * as fs from 'fs';
import * as path from 'path';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
}

interface CpuProfile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

export interface ProfileRow {
	name: string;
	selfMs: number;
	totalMs: number;
}

const REPO = path.resolve(__dirname, '..', '..');

function label(node: ProfileNode): string {
	const { functionName, url, lineNumber } = node.callFrame;
	let where = url.replace(/^file:\/\//, '');
	if (where.startsWith(REPO)) where = where.slice(REPO.length + 1);
	where = where.replace(/^.*node_modules\//, '');
	return `${functionName || '(anonymous)'} ${where ? `${where}:${lineNumber + 1}` : ''}`.trim();
}

export function summariseProfile(file: string): { rows: ProfileRow[]; totalMs: number } {
	const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map<number, number>();
	for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
	const self = new Map<string, number>();
	const total = new Map<string, number>();
	let totalMs = 0;
	profile.samples.forEach((id, i) => {
		const ms = (profile.timeDeltas[i] ?? 0) / 1000;
		totalMs += ms;
		const leaf = byId.get(id)!;
		const leafName = label(leaf);
		self.set(leafName, (self.get(leafName) ?? 0) + ms);
		const seen = new Set<string>();
		for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
			const name = label(byId.get(at)!);
			if (seen.has(name)) continue;
			seen.add(name);
			total.set(name, (total.get(name) ?? 0) + ms);
		}
	});
	const rows = [...total.entries()].map(([name, totalMsOf]) => ({ name, selfMs: self.get(name) ?? 0, totalMs: totalMsOf }));
	return { rows, totalMs };
}

/** Where a sample's time goes, judged from its whole stack (first matching rule wins). */
const CATEGORIES: Array<{ name: string; test: (stack: string[]) => boolean }> = [
	{ name: 'idle (waiting for answers)', test: (stack) => stack[0] === '(idle)' },
	{ name: 'garbage collection', test: (stack) => stack[0] === '(garbage collector)' },
	{ name: 'module loading and compiling (start-up)', test: (stack) => stack.some((f) => /Module\._load|wrapModuleLoad|node:internal\/modules|ts-node|compileForInternalLoader/.test(f)) },
	{
		name: "n8n's expression evaluation (getNodeParameter with {{ }})",
		test: (stack) => stack.some((f) => /resolveSimpleParameterValue .*workflow-expression|expression-runtime|isolated-vm/.test(f)),
	},
	{ name: "n8n's parameter reading without expressions", test: (stack) => stack.some((f) => /getNodeParameter /.test(f)) },
	{ name: 'HTTP requests and answers (n8n-core, axios, node:http)', test: (stack) => stack.some((f) => /axios|node:_http|node:net|httpRequest|follow-redirects|node:tls/.test(f)) },
	{ name: 'our node: validation, batching, transport', test: (stack) => stack.some((f) => /(^|\s)nodes\/|n8n-nodes-edr-soar\/dist\/nodes|zod\//.test(f)) },
	{ name: "n8n's engine: run data, paired items, output", test: (stack) => stack.some((f) => /n8n-core|n8n-workflow/.test(f)) },
];

/** Milliseconds per category (see CATEGORIES), and the total sampled. */
export function categoriseProfile(file: string): { categories: Array<{ name: string; ms: number }>; totalMs: number } {
	const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map<number, number>();
	for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
	const stacks = new Map<number, string[]>();
	const stackOf = (id: number): string[] => {
		let stack = stacks.get(id);
		if (!stack) {
			stack = [];
			for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) stack.push(label(byId.get(at)!));
			stacks.set(id, stack);
		}
		return stack;
	};
	const totals = new Map<string, number>();
	let totalMs = 0;
	profile.samples.forEach((id, i) => {
		const ms = (profile.timeDeltas[i] ?? 0) / 1000;
		totalMs += ms;
		const stack = stackOf(id);
		const name = CATEGORIES.find((category) => category.test(stack))?.name ?? 'other';
		totals.set(name, (totals.get(name) ?? 0) + ms);
	});
	const order = [...CATEGORIES.map((c) => c.name), 'other'];
	return { categories: order.filter((name) => totals.has(name)).map((name) => ({ name, ms: totals.get(name)! })), totalMs };
}

if (require.main === module) {
	const file = process.argv[2];
	const top = Number(process.argv[3] ?? 40);
	const { rows, totalMs } = summariseProfile(file);
	const fmt = (ms: number) => ms.toFixed(0).padStart(7);
	console.log(`profile ${file}: ${totalMs.toFixed(0)} ms sampled\n`);
	for (const { name, ms } of categoriseProfile(file).categories) console.log(`${fmt(ms)}  ${name}`);
	console.log('\nBy self time:');
	for (const row of [...rows].sort((a, b) => b.selfMs - a.selfMs).slice(0, top)) console.log(`${fmt(row.selfMs)} ${fmt(row.totalMs)}  ${row.name}`);
	console.log('\nBy inclusive time:');
	for (const row of [...rows].sort((a, b) => b.totalMs - a.totalMs).slice(0, top)) console.log(`${fmt(row.selfMs)} ${fmt(row.totalMs)}  ${row.name}`);
}
