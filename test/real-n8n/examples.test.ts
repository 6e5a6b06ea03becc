/** How scripts/real-n8n/examples.ts makes an example runnable by `n8n execute`. */
import { loadExamples, withScheduleAsManual } from '../../scripts/real-n8n/examples';

it('runs a scheduled example from a Manual Trigger of the same name (n8n execute starts nowhere else)', () => {
	const [feedSync] = loadExamples(undefined, ['feed-sync.json']);
	const original = feedSync.original.nodes.find((n) => n.name === 'Every Hour');
	const runnable = feedSync.runnable.nodes.find((n) => n.name === 'Every Hour');
	expect(original?.type).toBe('n8n-nodes-base.scheduleTrigger');
	expect(runnable?.type).toBe('n8n-nodes-base.manualTrigger');
	expect(feedSync.runnable.connections).toEqual(feedSync.original.connections);
});

it('leaves a workflow without a Schedule Trigger as it is', () => {
	const [review] = loadExamples(undefined, ['quarantine-review.json']);
	expect(withScheduleAsManual(review.runnable)).toBe(review.runnable);
});
