import { writeReconciled } from '../../nodes/common/transport';

const policy = { maxRetries: 3, retryBaseMs: 1 };
const unknown = (entry: string, cause: unknown) => new Error(`unknown ${entry}: ${(cause as Error).message}`);

describe('writeReconciled: write, look up what landed, send the rest again', () => {
	it('keeps what a look-up confirmed when a later attempt is refused, and sends only the rest again', async () => {
		const sent: string[][] = [];
		const results = await writeReconciled<string, string>({
			entries: ['a', 'b', 'c'],
			policy,
			send: async (pending) => {
				sent.push(pending);
				if (sent.length === 1) return { unconfirmed: new Error('connection dropped') };
				throw new Error('refused: c is invalid');
			},
			lookUp: async (pending) => new Map(pending.filter((entry) => entry !== 'c').map((entry) => [entry, `${entry} created`])),
			unknown,
		});
		expect(sent).toEqual([['a', 'b', 'c'], ['c']]);
		expect(results.get('a')).toBe('a created');
		expect(results.get('b')).toBe('b created');
		expect((results.get('c') as Error).message).toBe('refused: c is invalid');
	});

	it('ends an entry nobody could confirm as unknown, keeping the confirmed ones, when the look-up fails', async () => {
		let lookUps = 0;
		const results = await writeReconciled<string, string>({
			entries: ['a', 'b'],
			policy,
			send: async () => ({ unconfirmed: new Error('server error') }),
			lookUp: async () => {
				lookUps++;
				if (lookUps === 1) return new Map([['a', 'a created']]);
				throw new Error('look-up failed with 500');
			},
			unknown,
		});
		expect(results.get('a')).toBe('a created');
		expect((results.get('b') as Error).message).toBe('unknown b: server error; the look-up of what landed failed too: look-up failed with 500');
	});

	it('gives up after Max Retries unconfirmed attempts with unknown outcomes, never more sends', async () => {
		let sends = 0;
		const results = await writeReconciled<string, string>({
			entries: ['a'],
			policy: { maxRetries: 2, retryBaseMs: 1 },
			send: async () => {
				sends++;
				return { unconfirmed: new Error('timeout') };
			},
			lookUp: async () => new Map(),
			unknown,
		});
		expect(sends).toBe(3);
		expect((results.get('a') as Error).message).toBe('unknown a: timeout');
	});
});
