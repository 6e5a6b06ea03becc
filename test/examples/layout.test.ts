/**
 * Every workflow in examples/ reads on the canvas as it runs: each node is wired in (no node left
 * aside that another node reads through `$('…')`), the data flows left to right, nodes do not
 * overlap, and sticky notes say what the workflow does without covering a node.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ExampleNode {
	name: string;
	type: string;
	position: unknown;
	parameters: Record<string, unknown>;
}

interface Example {
	nodes: ExampleNode[];
	connections: Record<string, Record<string, Array<Array<{ node: string; type: string; index: number }> | null>>>;
}

const EXAMPLES_DIR = join(__dirname, '..', '..', 'examples');
const STICKY = 'n8n-nodes-base.stickyNote';
/** n8n's canvas: a node is a 100 × 100 square, positions on a 20 px grid. */
const NODE_SIZE = 100;
const GRID = 20;

const files = readdirSync(EXAMPLES_DIR).filter((file) => file.endsWith('.json')).sort();
const load = (file: string): Example => JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as Example;
const isTrigger = (node: ExampleNode): boolean => /trigger$/i.test(node.type);

/** Every connection of every type (main, ai_tool, …) as [from, to]. */
function edges(workflow: Example): Array<[string, string]> {
	return Object.entries(workflow.connections).flatMap(([from, outputs]) =>
		Object.values(outputs).flatMap((branches) => (branches ?? []).flatMap((targets) => (targets ?? []).map((target): [string, string] => [from, target.node]))),
	);
}

/** The names a node's parameters read through `$('Name')` or `$("Name")`. */
function referencedNodes(parameters: unknown): string[] {
	const text = JSON.stringify(parameters);
	return [...text.matchAll(/\$\(\\?(['"])(.+?)\\?\1\)/g)].map((match) => match[2]);
}

/** The nodes upstream of `name`, following connections backwards. */
function ancestors(name: string, links: Array<[string, string]>): Set<string> {
	const seen = new Set<string>();
	const queue = [name];
	while (queue.length > 0) {
		const current = queue.pop() as string;
		for (const [from, to] of links) {
			if (to === current && !seen.has(from)) {
				seen.add(from);
				queue.push(from);
			}
		}
	}
	return seen;
}

function box(node: ExampleNode): { x: number; y: number; width: number; height: number } {
	const [x, y] = node.position as [number, number];
	if (node.type !== STICKY) return { x, y, width: NODE_SIZE, height: NODE_SIZE };
	return { x, y, width: Number(node.parameters.width), height: Number(node.parameters.height) };
}

const overlap = (a: ReturnType<typeof box>, b: ReturnType<typeof box>): boolean =>
	a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

it('finds the examples', () => {
	expect(files.length).toBeGreaterThanOrEqual(6);
});

describe.each(files)('examples/%s', (file) => {
	const workflow = load(file);
	const nodes = workflow.nodes.filter((node) => node.type !== STICKY);
	const stickies = workflow.nodes.filter((node) => node.type === STICKY);
	const links = edges(workflow);

	it('every node is connected: a trigger starts each chain, every other node has an input (or feeds an agent as a tool or model)', () => {
		const names = new Set(workflow.nodes.map((node) => node.name));
		for (const [from, to] of links) expect([from, names.has(from), to, names.has(to)]).toEqual([from, true, to, true]);
		const subNode = (node: ExampleNode) => Object.keys(workflow.connections[node.name] ?? {}).some((type) => type !== 'main');
		const withoutInput = nodes.filter((node) => !isTrigger(node) && !subNode(node) && !links.some(([, to]) => to === node.name));
		expect(withoutInput.map((node) => node.name)).toEqual([]);
		const idleTriggers = nodes.filter((node) => isTrigger(node) && !links.some(([from]) => from === node.name));
		expect(idleTriggers.map((node) => node.name)).toEqual([]);
	});

	it('a node read through $(…) is upstream of the node that reads it, so no dead end is read from aside', () => {
		const problems = nodes.flatMap((node) => {
			const upstream = ancestors(node.name, links);
			return referencedNodes(node.parameters)
				.filter((name) => !upstream.has(name))
				.map((name) => `${node.name} reads $('${name}'), which is not upstream of it`);
		});
		expect(problems).toEqual([]);
		const outputs = nodes.filter((node) => !links.some(([from]) => from === node.name));
		const readOutputs = outputs.filter((output) => nodes.some((node) => referencedNodes(node.parameters).includes(output.name)));
		expect(readOutputs.map((node) => node.name)).toEqual([]);
	});

	it('positions: two numbers on the 20 px grid, data flowing left to right, no two nodes overlapping', () => {
		for (const node of workflow.nodes) {
			expect([node.name, Array.isArray(node.position) && (node.position as unknown[]).length === 2]).toEqual([node.name, true]);
			const [x, y] = node.position as number[];
			expect([node.name, Number.isFinite(x) && Number.isFinite(y) && x % GRID === 0 && y % GRID === 0]).toEqual([node.name, true]);
		}
		const position = (name: string) => (workflow.nodes.find((node) => node.name === name)?.position ?? [0, 0]) as [number, number];
		const backwards = links.filter(([from, to]) => workflow.connections[from]?.main && position(to)[0] <= position(from)[0]);
		expect(backwards).toEqual([]);
		const clashes = nodes.flatMap((a, i) => nodes.slice(i + 1).filter((b) => overlap(box(a), box(b))).map((b) => `${a.name} / ${b.name}`));
		expect(clashes).toEqual([]);
	});

	it('sticky notes explain the workflow and cover no node', () => {
		expect(stickies.length).toBeGreaterThanOrEqual(1);
		for (const note of stickies) {
			expect(String(note.parameters.content)).toMatch(/^## \S/);
			expect(Number(note.parameters.width)).toBeGreaterThan(0);
			expect(Number(note.parameters.height)).toBeGreaterThan(0);
		}
		const covered = stickies.flatMap((note) => nodes.filter((node) => overlap(box(note), box(node))).map((node) => `${note.name} covers ${node.name}`));
		expect(covered).toEqual([]);
		const notesOverlapping = stickies.flatMap((a, i) => stickies.slice(i + 1).filter((b) => overlap(box(a), box(b))).map((b) => `${a.name} / ${b.name}`));
		expect(notesOverlapping).toEqual([]);
	});
});

it('quarantine-review warns on a sticky note that a manual run deletes on the tenant the credential points at', () => {
	const notes = load('quarantine-review.json').nodes.filter((node) => node.type === STICKY).map((node) => String(node.parameters.content));
	expect(notes.some((content) => /manual run/i.test(content) && /delet/i.test(content) && /whatever tenant the credential points at/.test(content))).toBe(true);
});
