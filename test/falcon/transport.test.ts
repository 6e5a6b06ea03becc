import { apiCalls, json, runFalcon, useSandbox } from './fixture';

const sandbox = useSandbox();
const sha = (n: number) => `bead${n.toString(16).padStart(60, '0')}`;
const fast = { maxRetries: 8, maxWaitSeconds: 10 };

const countDevices = (requestOptions: Record<string, unknown> = {}) => ({
	resource: 'device',
	operation: 'count',
	type: 'domain',
	value: '={{ $json.value }}',
	requestOptions: { ...fast, ...requestOptions },
});
const domains = (count: number) => Array.from({ length: count }, (_, i) => ({ json: { value: `host-${i}.example` } }));

function withFaults(faults: Record<string, number>) {
	beforeEach(() => {
		Object.assign(sandbox().config.faults, { seed: 7, ...faults });
	});
	afterEach(() => {
		Object.assign(sandbox().config.faults, { rate5xx: 0, rateDrop: 0, rateSlow: 0, rateMalformed: 0, rate429: 0 });
	});
}

describe('Transport: rate limits', () => {
	withFaults({ rate429: 0.4 });

	it('waits out 429 answers as X-RateLimit-RetryAfter says and loses no item', async () => {
		const result = await runFalcon(sandbox(), 'crowdStrikeFalconIoc', countDevices(), { input: domains(12) });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(12);
		expect(json(result).every((item) => typeof item.device_count === 'number')).toBe(true);
		expect(apiCalls(sandbox()).some((call) => call.status === 429)).toBe(true);
	}, 30_000);
});

describe('Transport: a rate-limit window longer than Max Wait', () => {
	it("gives up with CrowdStrike's message instead of waiting", async () => {
		sandbox().config.rateLimitPerMinute = 2;
		try {
			const result = await runFalcon(sandbox(), 'crowdStrikeFalconIoc', countDevices({ maxWaitSeconds: 1, concurrency: 1 }), {
				input: domains(4),
			});
			expect(result.error?.message).toMatch(/would go past the Max Total Wait of 1 s: API rate limit exceeded/);
			expect((result.error as { httpCode?: string } | undefined)?.httpCode).toBe('429');
		} finally {
			sandbox().config.rateLimitPerMinute = 6000;
		}
	});
});

describe('Transport: server errors and broken answers', () => {
	withFaults({ rate5xx: 0.3, rateMalformed: 0.2 });

	it('retries reads until they succeed', async () => {
		const result = await runFalcon(sandbox(), 'crowdStrikeFalconIoc', countDevices({ }), { input: domains(15) });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(15);
		expect(apiCalls(sandbox()).some((call) => call.status >= 500)).toBe(true);
	}, 30_000);
});

describe('Transport: a dropped connection while creating', () => {
	withFaults({ rateDrop: 0.35 });

	it('creates every indicator exactly once', async () => {
		const input = Array.from({ length: 300 }, (_, i) => ({ json: { type: 'sha256', value: sha(i) } }));
		const result = await runFalcon(
			sandbox(),
			'crowdStrikeFalconIoc',
			{
				resource: 'indicator',
				operation: 'create',
				type: '={{ $json.type }}',
				value: '={{ $json.value }}',
				action: 'detect',
				severity: 'low',
				platforms: ['windows'],
				appliedGlobally: true,
				options: { batchSize: 50 },
				requestOptions: fast,
			},
			{ input },
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(300);
		expect(new Set(json(result).map((item) => item.id)).size).toBe(300);
		const created = sandbox().state.iocs.all().filter((indicator) => indicator.value.startsWith('bead'));
		expect(created).toHaveLength(300);
		// Some create requests were lost on the way back: they were looked up, not sent blindly again.
		expect(apiCalls(sandbox(), '/iocs/combined/indicator/v1').length).toBeGreaterThan(0);
	}, 60_000);
});
