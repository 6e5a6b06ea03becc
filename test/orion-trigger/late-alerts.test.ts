/** The Cytomic Orion Trigger against the look-back cases (test/trigger/late-event-cases.ts). */
import { useSandbox } from '../falcon/fixture';
import { runPoll } from '../harness';
import { orionStore } from '../orion/helpers';
import { lateEventCases } from '../trigger/late-event-cases';

const sandbox = useSandbox();

describe('Cytomic Orion Trigger, New Alert: look-back window', () => {
	lateEventCases(() => {
		const sb = sandbox();
		const store = orionStore(sb);
		return {
			poll: async (staticData, options) => await runPoll({ type: 'cytomicOrionTrigger', parameters: { event: 'newAlert', ...(options ? { options } : {}) }, credentials: store, staticData }),
			raise: (at) => String(sb.state.orion.addAlert({ timestamp: at }).id),
			idOf: (item) => String(item.id),
		};
	});
});
