/** Every CrowdStrike Falcon Trigger event against the look-back cases (late-event-cases.ts). */
import type { IDataObject } from 'n8n-workflow';

import { runPoll } from '../harness';
import { falconStore, useSandbox } from '../falcon/fixture';
import { lateEventCases, type LateEventSubject } from './late-event-cases';
import { quarantineFile, sha, TRIGGER } from './helpers';

const sandbox = useSandbox();
const DAY = 86_400_000;
let counter = 0;
beforeEach(() => {
	counter = 0;
});

function subject(event: string, raise: (at: number) => string, idOf = (item: IDataObject) => String(item.id)): () => LateEventSubject {
	return () => {
		const store = falconStore(sandbox());
		return {
			poll: async (staticData, options) => await runPoll({ type: TRIGGER, parameters: { event, ...(options ? { options } : {}) }, credentials: store, staticData }),
			raise,
			idOf,
		};
	};
}

/** A quarantined file on its own host and hash. */
function newFile(at: number): string {
	counter++;
	return quarantineFile(sandbox(), counter % 40, sha(1000 + counter), at).id;
}

describe('New Quarantined File: look-back window', () => {
	lateEventCases(subject('newQuarantinedFile', newFile));
});

describe('Quarantined File Updated: look-back window', () => {
	lateEventCases(
		subject('quarantinedFileUpdated', (at) => {
			const id = newFile(at - 3 * DAY);
			sandbox().state.quarantine.applyByIds([id], 'release', undefined, 'analyst', at);
			return id;
		}),
	);
});

describe('New Alert: look-back window', () => {
	lateEventCases(subject('newAlert', (at) => sandbox().state.alerts.create({ timestamp: at }).composite_id, (item) => String(item.composite_id)));
});

describe('Alert Updated: look-back window', () => {
	lateEventCases(
		subject(
			'alertUpdated',
			(at) => {
				const alert = sandbox().state.alerts.create({ timestamp: at - 3 * DAY });
				sandbox().state.alerts.update([alert.composite_id], [{ name: 'update_status', value: 'in_progress' }], 'analyst', at);
				return alert.composite_id;
			},
			(item) => String(item.composite_id),
		),
	);
});

describe('New or Updated Indicator: look-back window', () => {
	lateEventCases(
		subject('indicatorChanged', (at) => {
			counter++;
			const outcome = sandbox().state.iocs.create([{ type: 'sha256', value: sha(5000 + counter), action: 'detect', severity: 'high', platforms: ['windows'], applied_globally: true }], 'feed', at);
			return String((outcome.resources as Array<{ id: string }>)[0].id);
		}),
	);
});

describe('Scan Completed: look-back window', () => {
	lateEventCases(
		subject('scanCompleted', (at) => {
			counter++;
			const sample = sandbox().state.samples.put(Buffer.from(`late-event sample ${counter}`), { file_name: 'sample.bin', is_confidential: true, uploaded_by: 'test' }, at);
			const previous = sandbox().config.scanDelayMs;
			sandbox().config.scanDelayMs = 0;
			try {
				return sandbox().state.quickScan.submit([sample.sha256], 'test', at).id;
			} finally {
				sandbox().config.scanDelayMs = previous;
			}
		}),
	);
});
