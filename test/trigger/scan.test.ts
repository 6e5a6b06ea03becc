import { EICAR_TEST_STRING } from '../../sandbox';
import { useSandbox, apiCalls } from '../falcon/fixture';
import { filtersSent, ids, poller } from './helpers';

const sandbox = useSandbox();
const QUERY = '/scanner/queries/scans/v1';
const HOUR = 3_600_000;

/** Submits a scan of one new sample; it is done after `runningMs`. */
function submitScan(content: string, runningMs: number, submittedAt = Date.now()): string {
	const sample = sandbox().state.samples.put(Buffer.from(content), { file_name: 'sample.bin', is_confidential: true, uploaded_by: 'test' }, submittedAt);
	const previous = sandbox().config.scanDelayMs;
	sandbox().config.scanDelayMs = runningMs;
	try {
		return sandbox().state.quickScan.submit([sample.sha256], 'test', submittedAt).id;
	} finally {
		sandbox().config.scanDelayMs = previous;
	}
}

function finish(scanId: string): void {
	const entry = sandbox().state.quickScan.entry(scanId);
	if (!entry) throw new Error(`no scan ${scanId}`);
	entry.doneAtMs = Date.now() - 1;
}

describe('CrowdStrike Falcon Trigger: Scan Completed', () => {
	const parameters = { event: 'scanCompleted' };

	it('ignores scans done before activation and emits each scan once when it completes, also one submitted before a newer one', async () => {
		const old = submitScan('old sample', 0, Date.now() - HOUR);
		const trigger = poller(sandbox(), parameters);
		expect((await trigger.poll()).outputs).toBeNull();

		const slow = submitScan('slow sample', 10 * 60_000, Date.now() - 5);
		const quick = submitScan('quick sample', 0);
		const first = await trigger.poll();
		expect(ids(first)).toEqual([quick]);
		expect(first.items[0].json).toMatchObject({ status: 'done', samples: [{ verdict: 'clean' }] });
		expect((await trigger.poll()).outputs).toBeNull();

		const later = submitScan('later sample', 0, Date.now() + 1);
		expect(ids(await trigger.poll())).toEqual([later]);

		finish(slow);
		const slowDone = await trigger.poll();
		expect(ids(slowDone)).toEqual([slow]);
		expect(ids(slowDone)).not.toContain(old);

		expect((await trigger.poll()).outputs).toBeNull();
		const restarted = await poller(sandbox(), parameters).poll({ staticData: JSON.parse(JSON.stringify(trigger.staticData)) });
		expect(restarted.outputs).toBeNull();
	});

	it('a scan running at activation is emitted when it completes', async () => {
		const running = submitScan('running at activation', 10 * 60_000, Date.now() - 1000);
		const trigger = poller(sandbox(), parameters);
		expect((await trigger.poll()).outputs).toBeNull();
		expect((trigger.staticData?.cursor as { since: number }).since).toBe(sandbox().state.quickScan.entry(running)?.createdMs);
		finish(running);
		expect(ids(await trigger.poll())).toEqual([running]);
	});

	it('passes the filter with status done and the time condition', async () => {
		const trigger = poller(sandbox(), { ...parameters, filter: "samples.verdict:'malware'" });
		await trigger.poll();
		const clean = submitScan('harmless', 0);
		const malware = submitScan(`x${EICAR_TEST_STRING}`, 0);
		sandbox().clearRequests();
		const polled = await trigger.poll();
		expect(ids(polled)).toEqual([malware]);
		expect(ids(polled)).not.toContain(clean);
		expect(filtersSent(sandbox(), QUERY)).toEqual([
			expect.stringMatching(/^status:!'done'\+created_timestamp:>='[^']+'$/),
			expect.stringMatching(/^samples\.verdict:'malware'\+status:'done'\+created_timestamp:>='[^']+'$/),
		]);
		expect(apiCalls(sandbox(), QUERY).map((call) => call.query.sort)).toEqual([['asc'], ['asc']]);
	});

	it('manual mode returns the newest done scan', async () => {
		submitScan('first', 0, Date.now() - 2000);
		const newest = submitScan('second', 0, Date.now() - 1000);
		submitScan('still running', 60_000);
		const manual = await poller(sandbox(), parameters).poll({ mode: 'manual' });
		expect(ids(manual)).toEqual([newest]);
		expect(manual.staticDataChanged).toBe(false);
	});

	it('manual mode with nothing done returns nothing', async () => {
		const manual = await poller(sandbox(), parameters).poll({ mode: 'manual' });
		expect(manual.outputs).toBeNull();
	});
});
