/** The Cytomic Orion Trigger against the look-back cases (test/trigger/late-event-cases.ts). */
import { startSandbox, type Sandbox } from '../../sandbox';
import { runPoll } from '../harness';
import { orionStore } from '../orion/helpers';
import { lateEventCases } from '../trigger/late-event-cases';

let sb: Sandbox;
beforeAll(async () => {
	sb = await startSandbox();
});
afterAll(async () => await sb.close());
beforeEach(() => {
	sb.reset();
	sb.clearRequests();
});

describe('Cytomic Orion Trigger, New Alert: look-back window', () => {
	lateEventCases(() => {
		const store = orionStore(sb);
		return {
			poll: async (staticData, options) => await runPoll({ type: 'cytomicOrionTrigger', parameters: { event: 'newAlert', ...(options ? { options } : {}) }, credentials: store, staticData }),
			raise: (at) => String(sb.state.orion.addAlert({ timestamp: at }).id),
			idOf: (item) => String(item.id),
		};
	});
});
