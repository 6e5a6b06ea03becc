import { deviceActionOperation } from './deviceAction';

/** Hides a host: it leaves the host lists, and no new detections for it are reported in the console or the APIs. */
const operation = deviceActionOperation({
	operation: 'hide',
	action: 'hide_host',
	verb: 'hide',
	done: 'Hid',
	hidden: false,
	field: 'host_hidden_status',
	reached: ['hidden'],
	refusal: (record) => (record.host_hidden_status === 'hidden' ? 'already hidden' : undefined),
});

export const description = operation.description;
export const execute = operation.execute;
