import type { IDataObject, IExecuteFunctions, INodeParameters } from 'n8n-workflow';

import { TaskQueue } from '../../nodes/common/concurrency';
import { itemParameters } from '../../nodes/common/parameters';
import { RequestSpacer } from '../../nodes/common/spacing';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('TaskQueue', () => {
	it('runs tasks added while others run, never more than the limit at once', async () => {
		const queue = new TaskQueue(2);
		let running = 0;
		let most = 0;
		const done: number[] = [];
		const task = (n: number) => async () => {
			running++;
			most = Math.max(most, running);
			await tick();
			running--;
			done.push(n);
		};
		queue.add(task(1));
		queue.add(task(2));
		queue.add(task(3));
		await tick();
		queue.add(task(4));
		await queue.drain();
		expect(most).toBe(2);
		expect(done.sort()).toEqual([1, 2, 3, 4]);
	});

	it('starts nothing after a task throws, and drain rethrows once the running ones settle', async () => {
		const queue = new TaskQueue(1);
		const started: number[] = [];
		queue.add(async () => {
			started.push(1);
			throw new Error('boom');
		});
		queue.add(async () => {
			started.push(2);
		});
		await expect(queue.drain()).rejects.toThrow('boom');
		queue.add(async () => {
			started.push(3);
		});
		expect(started).toEqual([1]);
	});
});

describe('TaskQueue.room', () => {
	it('lets the producer go on while few tasks wait, and holds it until a slot frees otherwise', async () => {
		const queue = new TaskQueue(1);
		const gates: Array<() => void> = [];
		const task = () => async () => await new Promise<void>((resolve) => gates.push(resolve));
		queue.add(task());
		queue.add(task());
		expect(queue.backlog).toBe(1);
		await queue.room(2);
		let roomy = false;
		const waiting = queue.room(1).then(() => {
			roomy = true;
		});
		await tick();
		expect(roomy).toBe(false);
		gates[0]();
		await waiting;
		expect(queue.backlog).toBe(0);
		gates[1]();
		await queue.drain();
	});
});

describe('RequestSpacer', () => {
	function spacer(concurrency: number, minGapMs = 0) {
		let clock = 1_000;
		const waits: number[] = [];
		const spaced = new RequestSpacer(concurrency, {
			minGapMs,
			now: () => clock,
			wait: async (ms) => {
				waits.push(ms);
				clock += ms;
			},
		});
		return { spaced, waits, advance: (ms: number) => (clock += ms) };
	}

	it('lets requests go at once until a round trip is known', async () => {
		const { spaced, waits } = spacer(5);
		for (let i = 0; i < 5; i++) await spaced.turn();
		expect(waits).toEqual([]);
	});

	it('then starts at most Concurrency requests per shortest round trip, evenly spread', async () => {
		const { spaced, waits, advance } = spacer(5);
		spaced.answered(80);
		spaced.answered(50);
		spaced.answered(65);
		for (let i = 0; i < 4; i++) await spaced.turn();
		expect(waits).toEqual([10, 10, 10]);
		advance(100);
		await spaced.turn();
		expect(waits).toHaveLength(3);
	});

	it("never starts requests faster than the API's rate limit, even before a round trip is known", async () => {
		const { spaced, waits, advance } = spacer(6, 10);
		for (let i = 0; i < 3; i++) await spaced.turn();
		expect(waits).toEqual([10, 10]);
		spaced.answered(48);
		await spaced.turn();
		expect(waits).toEqual([10, 10, 10]);
		advance(100);
		await spaced.turn();
		expect(waits).toHaveLength(3);
	});

	it('never spaces a single request in flight', async () => {
		const { spaced, waits } = spacer(1);
		spaced.answered(50);
		await spaced.turn();
		await spaced.turn();
		expect(waits).toEqual([]);
	});
});

describe('itemParameters', () => {
	function context(parameters: INodeParameters, values: (name: string, index: number) => unknown, items: IDataObject[] = []) {
		const getNodeParameter = jest.fn((name: string, index: number, fallback?: unknown) => values(name, index) ?? fallback);
		const getInputData = () => items.map((json) => ({ json }));
		const ctx = { getNode: () => ({ parameters }), getNodeParameter, getInputData } as unknown as IExecuteFunctions;
		return { ctx, getNodeParameter };
	}

	it('reads a parameter without expressions once, and gives each item its own copy', () => {
		const { ctx, getNodeParameter } = context({ platforms: ['windows'], action: 'detect' }, (name) =>
			name === 'platforms' ? ['windows'] : 'detect',
		);
		const parameter = itemParameters(ctx);
		const first = parameter<string[]>('platforms', 0);
		first.push('changed');
		expect(parameter('platforms', 1)).toEqual(['windows']);
		expect(parameter('action', 0)).toBe('detect');
		expect(parameter('action', 1)).toBe('detect');
		expect(getNodeParameter.mock.calls.map(([name]) => name)).toEqual(['platforms', 'action']);
	});

	it('resolves a parameter holding an expression, even a nested one, for every item', () => {
		const { ctx, getNodeParameter } = context(
			{ value: '={{ $json.value.trim() }}', additionalFields: { tags: '={{ $json.tag }}' } },
			(name, index) => (name === 'value' ? `v${index}` : { tags: `t${index}` }),
		);
		const parameter = itemParameters(ctx);
		expect([parameter('value', 0), parameter('value', 1)]).toEqual(['v0', 'v1']);
		expect([parameter('additionalFields', 0, {}), parameter('additionalFields', 1, {})]).toEqual([{ tags: 't0' }, { tags: 't1' }]);
		expect(getNodeParameter).toHaveBeenCalledTimes(4);
	});

	it("reads a reference to an item's field from the item, and asks n8n only when the field holds no text, number or boolean", () => {
		const { ctx, getNodeParameter } = context(
			{ type: '={{ $json.type }}', value: '={{ $json["ioc"].value }}' },
			(name, index) => `n8n:${name}:${index}`,
			[{ type: 'sha256', ioc: { value: 'a' } }, { type: 5, ioc: { value: true } }, { ioc: { value: { nested: 1 } } }],
		);
		const parameter = itemParameters(ctx);
		expect([0, 1, 2].map((index) => [parameter('type', index), parameter('value', index)])).toEqual([
			['sha256', 'a'],
			[5, true],
			['n8n:type:2', 'n8n:value:2'],
		]);
		expect(getNodeParameter.mock.calls.map(([name, index]) => `${name}:${index}`)).toEqual(['type:2', 'value:2']);
	});

	it('keeps the answers for different fallbacks apart', () => {
		const { ctx } = context({}, () => undefined);
		const parameter = itemParameters(ctx);
		expect(parameter('severity', 0, '')).toBe('');
		expect(parameter('severity', 1, 'low')).toBe('low');
	});
});
